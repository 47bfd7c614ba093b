using System.Device.Gpio;

namespace MnPen.Hal.Esp32
{
    /// <summary>A GPIO input with edge counters maintained from pin-change events.</summary>
    public sealed class Esp32DigitalInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly bool _invert;
        private uint _rising;
        private uint _falling;

        /// <summary>Opens the pin as an input. invert = true reports the logical (not electrical) level, e.g. for a switch to ground that means "present".</summary>
        public Esp32DigitalInput(GpioController gpio, int pinNumber, PinMode mode, bool invert)
        {
            _invert = invert;
            _pin = gpio.OpenPin(pinNumber, mode);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>Current level (true = high, or true = asserted when inverted).</summary>
        public bool Read() => (_pin.Read() == PinValue.High) != _invert;

        /// <summary>Rising edges (of the reported level) since boot.</summary>
        public uint RisingEdges => _rising;

        /// <summary>Falling edges (of the reported level) since boot.</summary>
        public uint FallingEdges => _falling;

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            // Runs on nanoFramework's event thread, outside the control tick; counters are read whole (32-bit) by the tick.
            var rising = e.ChangeType == PinEventTypes.Rising;
            if (rising != _invert) _rising++;
            else _falling++;
        }
    }
}
