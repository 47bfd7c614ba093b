using System.Device.Gpio;

namespace MnPen.Hal.Esp32
{
    /// <summary>A push-pull GPIO output.</summary>
    public sealed class Esp32DigitalOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        /// <summary>Opens the pin as an output at the given initial level.</summary>
        public Esp32DigitalOutput(GpioController gpio, int pinNumber, bool initialHigh)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(initialHigh ? PinValue.High : PinValue.Low);
        }

        /// <summary>Drives the pin high (true) or low (false).</summary>
        public void Write(bool high) => _pin.Write(high ? PinValue.High : PinValue.Low);

        /// <summary>Reads the level present on the pin (the ESP32 input path stays connected in output mode).</summary>
        public bool ReadBack() => _pin.Read() == PinValue.High;
    }
}
