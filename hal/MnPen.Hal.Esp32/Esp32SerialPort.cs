using System.IO.Ports;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// The host link: a UART to the pen's USB-UART bridge, used without blocking. nanoFramework's ESP32 driver has no
    /// transmit buffer and sends whole arrays (see <see cref="UartTxPacer"/>): writes go out in exact-size chunks that fit
    /// the FIFO, so the loop never waits on the UART and no byte is sent twice.
    /// </summary>
    public sealed class Esp32SerialPort : ISerialPort
    {
        private readonly SerialPort _port;
        private readonly IClock _clock;
        private readonly UartTxPacer _pacer;

        /// <summary>Maps the pins to the given COM port's UART and opens it.</summary>
        public Esp32SerialPort(string portName, int txPin, int rxPin, int baud, DeviceFunction txFunction, DeviceFunction rxFunction, IClock clock)
        {
            Configuration.SetPinFunction(txPin, txFunction);
            Configuration.SetPinFunction(rxPin, rxFunction);
            _clock = clock;
            _pacer = new UartTxPacer(baud);
            _port = new SerialPort(portName, baud);
            // The native RX ring is a fixed 256 bytes (UART_BUFER_SIZE in the driver): at 921 600 baud that is 2.8 ms of
            // traffic, and the link polls every 10 ms tick, so the host must not stream more than a frame at a time.
            _port.ReadTimeout = 0;
            // Chunks stay under half the 20 ms quantum, so the driver never takes its timed path; a timeout cannot occur.
            _port.WriteTimeout = 0;
            _port.Open();
        }

        /// <summary>Bytes waiting to be read.</summary>
        public int BytesToRead => _port.BytesToRead;

        /// <summary>Copies up to count waiting bytes; never waits for more.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            var available = _port.BytesToRead;
            if (available <= 0) return 0;
            return _port.Read(buffer, offset, count < available ? count : available);
        }

        /// <summary>Sends as much as fits the UART's FIFO now (one chunk); returns how many bytes were taken.</summary>
        public int Write(byte[] buffer, int offset, int count)
        {
            ulong now = _clock.NowMicros;
            int n = _pacer.Room(now);
            if (n <= 0 || count <= 0) return 0;
            if (n > count) n = count;
            byte[] chunk = _pacer.Take(buffer, offset, n, now);
            try
            {
                _port.Write(chunk, 0, n);
            }
            catch (System.TimeoutException)
            {
                // Only the driver's timed path throws, and its task still sends the bytes: they are taken, never resent.
            }
            return n;
        }
    }
}
