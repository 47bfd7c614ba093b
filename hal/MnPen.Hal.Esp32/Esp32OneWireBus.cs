using nanoFramework.Device.OneWire;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// The cartridge 1-Wire bus through nanoFramework's OneWireHost: UART-timed 1-Wire on UART2, with its pins taken from the
    /// COM2 pin-map entry when the host is created (see PinMap.OneWireTx). Create it before anything maps COM2 pins again.
    /// </summary>
    public sealed class Esp32OneWireBus : IOneWireBus
    {
        private readonly OneWireHost _host;

        /// <summary>Maps the 1-Wire pins where OneWireHost looks for them (the COM2 entry), then opens the host, which reads them once.</summary>
        public Esp32OneWireBus(int txPin, int rxPin)
        {
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            _host = new OneWireHost();
        }

        /// <summary>Reset pulse; true if a device answered with presence.</summary>
        public bool Reset() => _host.TouchReset();

        /// <summary>Writes one byte, LSB first.</summary>
        public void WriteByte(byte value) => _host.WriteByte(value);

        /// <summary>Reads one byte, LSB first.</summary>
        public byte ReadByte() => _host.ReadByte();
    }
}
