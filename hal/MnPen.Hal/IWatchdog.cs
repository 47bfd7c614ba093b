namespace MnPen.Hal
{
    /// <summary>A hardware watchdog that resets the processor unless fed in time.</summary>
    public interface IWatchdog
    {
        /// <summary>Arms the watchdog with the given timeout in milliseconds.</summary>
        void Start(int timeoutMillis);

        /// <summary>Restarts the timeout.</summary>
        void Feed();

        /// <summary>True if the last processor reset was caused by this watchdog expiring.</summary>
        bool CausedLastReset { get; }
    }
}
