namespace MnPen.Hal
{
    /// <summary>Why the processor last started.</summary>
    public enum ResetCause
    {
        /// <summary>Power applied (battery inserted or power latch pressed).</summary>
        PowerOn = 0,
        /// <summary>Software reboot requested by the firmware or the host.</summary>
        Software = 1,
        /// <summary>The watchdog expired: the control loop stalled.</summary>
        Watchdog = 2,
        /// <summary>Supply fell below the brown-out threshold.</summary>
        BrownOut = 3,
        /// <summary>Cause could not be determined.</summary>
        Unknown = 4,
        /// <summary>The control loop met an unexpected exception, made the motor safe and rebooted itself.</summary>
        LoopAbort = 5,
    }
}
