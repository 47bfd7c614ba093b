using System.IO.Ports;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>The host link: a UART to the pen's USB-UART bridge, used without blocking.</summary>
    public sealed class Esp32SerialPort : ISerialPort
    {
        private readonly SerialPort _port;

        /// <summary>Maps the pins, opens the port with large driver buffers so writes from the main loop return at once.</summary>
        public Esp32SerialPort(string portName, int txPin, int rxPin, int baud)
        {
            Configuration.SetPinFunction(txPin, DeviceFunction.COM3_TX);
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM3_RX);
            _port = new SerialPort(portName, baud);
            _port.ReadBufferSize = 4096;
            _port.WriteBufferSize = 4096;
            _port.ReadTimeout = 0;
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

        /// <summary>Queues the bytes; returns 0 (nothing accepted) if the driver buffer is full rather than blocking.</summary>
        public int Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
                return count;
            }
            catch (System.TimeoutException)
            {
                return 0;
            }
        }
    }
}
