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
            // Nonces draw on the hardware RNG; the service lock's saved state (epoch, failures, lockout) loads here.
            _endpoint = new PenEndpoint(board.Serial, board.Clock, _handler, board.Random);
        }

        /// <summary>The protocol endpoint (counters, service state).</summary>
        public PenEndpoint Endpoint => _endpoint;

        /// <summary>The firmware-side request handler.</summary>
        public PenCommandHandler Handler => _handler;

        /// <summary>The host link ended (USB unplugged, DTR dropped, the server's client left): see PenEndpoint.LinkDropped.</summary>
        public void LinkDropped()
        {
            _endpoint.LinkDropped();
        }

        /// <summary>Handles waiting requests and due telemetry; never throws.</summary>
        public void Poll()
        {
            _endpoint.Poll();
        }
    }
}
