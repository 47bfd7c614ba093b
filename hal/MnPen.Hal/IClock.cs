namespace MnPen.Hal
{
    /// <summary>Monotonic microsecond clock; never goes backwards, starts near zero at boot.</summary>
    public interface IClock
    {
        /// <summary>Microseconds since boot.</summary>
        ulong NowMicros { get; }
    }
}
