using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// Hall-sensor stroke counter. The count comes from the ESP32 pulse-counter peripheral (no edge is ever missed, even
    /// when managed events lag); the time of the latest stroke comes from an edge interrupt on a second GPIO wired to the
    /// same signal, stamped with the high-resolution timer.
    /// </summary>
    public sealed class Esp32PulseCounter : IPulseCounter
    {
        private readonly GpioPulseCounter _counter;
        private readonly GpioPin _timePin;
        private ulong _lastPulseMicros;

        /// <summary>Starts counting rising edges on countPin and timestamping them on timePin.</summary>
        public Esp32PulseCounter(GpioController gpio, int countPin, int timePin)
        {
            _counter = new GpioPulseCounter(countPin);
            _counter.Polarity = GpioPulsePolarity.Rising;
            // Glitch filter in APB clock cycles (12.5 ns each): ~1 us rejects ringing on the hall line, far below a stroke period (>= 6.7 ms).
            _counter.FilterPulses = 80;
            _counter.Start();

            _timePin = gpio.OpenPin(timePin, PinMode.InputPullUp);
            _timePin.ValueChanged += OnEdge;
        }

        /// <summary>Pulses counted since boot (wraps at 2^32).</summary>
        public uint Count => (uint)_counter.Read().Count;

        /// <summary>High-resolution-timer time of the latest rising edge, microseconds; 0 before the first.</summary>
        public ulong LastPulseMicros => _lastPulseMicros;

        private void OnEdge(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Rising) _lastPulseMicros = HighResTimer.GetCurrent();
        }
    }
}
