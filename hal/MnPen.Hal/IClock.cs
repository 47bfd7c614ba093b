namespace MnPen.Hal
{
    /// <summary>Monotonic microsecond clock; never goes backwards, starts near zero at boot.</summary>
    public interface IClock
    {
        /// <summary>Microseconds since boot.</summary>
        ulong NowMicros { get; }

        /// <summary>Blocks the caller for at least this long (on the simulator, simulated time passes instead of wall time).</summary>
        void Delay(int micros);
    }
}
