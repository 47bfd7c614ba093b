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
        /// <summary>
        /// Pulses shorter than this are ignored, nanoseconds. FilterPulses is in NANOSECONDS, not APB cycles: nf-interpreter's
        /// GpioPulseCounter native (targets/ESP32/_nanoCLR/nanoFramework.Hardware.ESP32/..._GpioPulseCounter.cpp, NativeStart)
        /// passes the field unchanged as pcnt_glitch_filter_config_t.max_glitch_ns to pcnt_unit_set_glitch_filter. ESP-IDF
        /// turns that into a 10-bit count of APB cycles (80 MHz, 12.5 ns), so at most 1023 x 12.5 ns = 12 787 ns; a larger
        /// value is refused with ESP_ERR_INVALID_ARG, which nanoFramework ignores (no filter at all). 1 us rejects the ringing
        /// the motor's PWM edges couple into the hall line (tens to hundreds of ns) and is over 6 000 times shorter than the
        /// shortest real hall pulse (half a stroke at 150 strokes/s = 3.3 ms).
        /// </summary>
        public const ushort GlitchFilterNanoseconds = 1000;

        /// <summary>Largest filter ESP-IDF accepts, nanoseconds (10-bit threshold at the 80 MHz APB clock).</summary>
        public const ushort MaxGlitchFilterNanoseconds = 12787;

        private readonly GpioPulseCounter _counter;

        /// <summary>Starts counting rising edges on countPin.</summary>
        public Esp32PulseCounter(int countPin)
        {
            _counter = new GpioPulseCounter(countPin);
            _counter.Polarity = GpioPulsePolarity.Rising;
            _counter.FilterPulses = GlitchFilterNanoseconds;
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
