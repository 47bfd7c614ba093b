using System.Device.Gpio;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// Hall-sensor stroke counter on the ESP32 pulse-counter peripheral (PCNT: no edge is ever missed). One native call
    /// returns the count together with esp_timer's time of the read (GpioPulseCount.RelativeTime; nf-interpreter's
    /// GpioPulseCounter native reads pcnt_unit_get_count and esp_timer_get_time back to back), so the time base of the
    /// rate is the hardware's, not a managed event handler's. No pin-change handler is installed: none allocates.
    /// </summary>
    public sealed class Esp32PulseCounter : IPulseCounter
    {
        private readonly GpioPulseCounter _counter;

        /// <summary>Starts counting rising edges on countPin.</summary>
        public Esp32PulseCounter(int countPin)
        {
            _counter = new GpioPulseCounter(countPin);
            _counter.Polarity = GpioPulsePolarity.Rising;
            // Glitch filter in APB clock cycles (12.5 ns each): ~1 us rejects ringing on the hall line, far below a stroke period (>= 6.7 ms).
            _counter.FilterPulses = 80;
            _counter.Start();
        }

        /// <summary>Count and the esp_timer time of the read, microseconds (RelativeTime ticks are 100 ns).</summary>
        public uint Read(out ulong sampleMicros)
        {
            GpioPulseCount c = _counter.Read();
            sampleMicros = (ulong)(c.RelativeTime.Ticks / 10);
            return (uint)c.Count;
        }
    }
}
