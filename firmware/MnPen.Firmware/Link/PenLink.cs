using MnPen.Hal;
using MnPen.Protocol;

namespace MnPen.Firmware.Link
{
    /// <summary>
    /// The pen's protocol link: the portable endpoint on the board's serial port, answering through a
    /// <see cref="PenCommandHandler"/>. Call <see cref="Poll"/> from the host loop after ticks, never from Tick().
    /// </summary>
    public sealed class PenLink
    {
        private readonly PenEndpoint _endpoint;
        private readonly PenCommandHandler _handler;

        /// <summary>Creates the link for a firmware instance on its board.</summary>
        public PenLink(PenFirmware firmware, PenBoard board)
        {
            _handler = new PenCommandHandler(firmware, board);
            // Noise in the low bits of a few ADC readings differs between boots; it only varies nonces further.
            int seed = board.Thermistor.ReadRaw() ^ (board.BatteryVoltage.ReadRaw() << 12) ^ (board.MotorCurrent.ReadRaw() << 24);
            _endpoint = new PenEndpoint(board.Serial, board.Clock, _handler, seed);
        }

        /// <summary>The protocol endpoint (counters, service state).</summary>
        public PenEndpoint Endpoint => _endpoint;

        /// <summary>The firmware-side request handler.</summary>
        public PenCommandHandler Handler => _handler;

        /// <summary>Handles waiting requests and due telemetry; never throws.</summary>
        public void Poll()
        {
            _endpoint.Poll();
        }
    }
}
