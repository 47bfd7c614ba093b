using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>
    /// A hall-sensor pulse counter the fake motor advances. A read latches the count and the clock together, as the
    /// ESP32's PCNT read with esp_timer does in one native call, so the firmware sees the time of the read, not of a pulse.
    /// </summary>
    public sealed class FakePulseCounter : IPulseCounter
    {
        private readonly FakeClock _clock;

        /// <summary>Pulses so far.</summary>
        public uint Pulses;

        /// <summary>Creates the counter on the board's clock.</summary>
        public FakePulseCounter(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>Counts one pulse.</summary>
        public void Pulse()
        {
            Pulses++;
        }

        /// <summary>Pulses counted since boot.</summary>
        public uint Count
        {
            get { return Pulses; }
        }

        /// <summary>Pulses since boot, latched with the clock time of the read.</summary>
        public uint Read(out ulong sampleMicros)
        {
            sampleMicros = _clock.Now;
            return Pulses;
        }
    }
}
