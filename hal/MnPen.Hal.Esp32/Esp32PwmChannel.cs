using System.Device.Pwm;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>An LEDC PWM output on a GPIO (pin function assigned through nanoFramework.Hardware.Esp32).</summary>
    public sealed class Esp32PwmChannel : IPwmChannel
    {
        private readonly PwmChannel _pwm;
        private float _duty;
        private bool _running;

        /// <summary>Maps the pin to the given PWM function and creates the channel stopped, at duty 0.</summary>
        public Esp32PwmChannel(int pin, DeviceFunction function, int frequencyHz)
        {
            Configuration.SetPinFunction(pin, function);
            _pwm = PwmChannel.CreateFromPin(pin, frequencyHz, 0.0);
            if (_pwm == null)
                throw new System.InvalidOperationException("no PWM channel could be mapped to GPIO " + pin.ToString());
        }

        /// <summary>PWM frequency in hertz.</summary>
        public int FrequencyHz
        {
            get => _pwm.Frequency;
            set => _pwm.Frequency = value;
        }

        /// <summary>Duty cycle 0..1, clamped.</summary>
        public float Duty
        {
            get => _duty;
            set
            {
                var d = value < 0f ? 0f : value > 1f ? 1f : value;
                if (d != d) d = 0f; // NaN never reaches the pin
                if (d == _duty) return;
                _duty = d;
                _pwm.DutyCycle = d;
            }
        }

        /// <summary>True while the waveform runs.</summary>
        public bool Running => _running;

        /// <summary>Starts the waveform at the current duty.</summary>
        public void Start()
        {
            if (_running) return;
            _pwm.DutyCycle = _duty;
            _pwm.Start();
            _running = true;
        }

        /// <summary>Stops the waveform; duty is forced to 0 first so the pin idles low.</summary>
        public void Stop()
        {
            _pwm.DutyCycle = 0.0;
            _pwm.Stop();
            _running = false;
        }
    }
}
