using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>A clock the test advances by hand.</summary>
    public sealed class FakeClock : IClock
    {
        /// <summary>Current time, microseconds.</summary>
        public ulong Now;

        /// <summary>Microseconds since boot.</summary>
        public ulong NowMicros => Now;
    }
}
