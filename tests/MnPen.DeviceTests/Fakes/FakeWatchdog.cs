using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>A watchdog that counts feeds.</summary>
    public sealed class FakeWatchdog : IWatchdog
    {
        /// <summary>Feeds so far.</summary>
        public int Feeds;

        /// <summary>Timeout armed, milliseconds (0 = not started).</summary>
        public int TimeoutMillis;

        /// <summary>Arms it.</summary>
        public void Start(int timeoutMillis)
        {
            TimeoutMillis = timeoutMillis;
        }

        /// <summary>Counts a feed.</summary>
        public void Feed()
        {
            Feeds++;
        }

        /// <summary>Never caused a reset here.</summary>
        public bool CausedLastReset
        {
            get { return false; }
        }
    }
}
