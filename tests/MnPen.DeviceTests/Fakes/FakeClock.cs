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

        /// <summary>Lets the time pass at once.</summary>
        public void Delay(int micros)
        {
            if (micros > 0) Now += (ulong)micros;
        }
    }
}
