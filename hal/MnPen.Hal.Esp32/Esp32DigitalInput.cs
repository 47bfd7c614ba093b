using System.Device.Gpio;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// A GPIO input, polled by the control tick. No ValueChanged handler: the firmware never reads edges, and each pin
    /// event would be queued to managed code, dispatched late and allocate its arguments.
    /// </summary>
    public sealed class Esp32DigitalInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly bool _invert;

        /// <summary>Opens the pin as an input. invert = true reports the logical (not electrical) level, e.g. for a switch to ground that means "present".</summary>
        public Esp32DigitalInput(GpioController gpio, int pinNumber, PinMode mode, bool invert)
        {
            _invert = invert;
            _pin = gpio.OpenPin(pinNumber, mode);
        }

        /// <summary>Current level (true = high, or true = asserted when inverted).</summary>
        public bool Read() => (_pin.Read() == PinValue.High) != _invert;
    }
}
