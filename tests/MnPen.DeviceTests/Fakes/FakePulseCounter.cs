using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>A hall-sensor pulse counter the fake motor advances.</summary>
    public sealed class FakePulseCounter : IPulseCounter
    {
        /// <summary>Pulses so far.</summary>
        public uint Pulses;

        /// <summary>Time of the latest pulse, microseconds.</summary>
        public ulong LastMicros;

        /// <summary>Counts one pulse at the given time.</summary>
        public void Pulse(ulong nowMicros)
        {
            Pulses++;
            LastMicros = nowMicros;
        }

        /// <summary>Pulses counted since boot.</summary>
        public uint Count
        {
            get { return Pulses; }
        }

        /// <summary>Time of the latest pulse.</summary>
        public ulong LastPulseMicros
        {
            get { return LastMicros; }
        }
    }
}
