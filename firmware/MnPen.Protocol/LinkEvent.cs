namespace MnPen.Protocol
{
    /// <summary>Security-relevant link events the endpoint asks the firmware to log (IPenCommandHandler.LogLinkEvent).</summary>
    public static class LinkEvent
    {
        /// <summary>Service mode unlocked.</summary>
        public const int ServiceUnlocked = 1;
        /// <summary>A service unlock failed (detail = consecutive failures).</summary>
        public const int ServiceUnlockFailed = 2;
        /// <summary>Unlocking is locked out after failures (detail = lockout seconds).</summary>
        public const int ServiceLockout = 3;
        /// <summary>Service mode ended (detail 0 = by command, 1 = timeout, 2 = the link ended).</summary>
        public const int ServiceLocked = 4;
        /// <summary>Calibration written over the link.</summary>
        public const int CalibrationWritten = 5;
        /// <summary>Serial number written over the link.</summary>
        public const int SerialWritten = 6;
        /// <summary>A service-only setting written (detail = setting id).</summary>
        public const int LimitWritten = 7;
        /// <summary>Service key provisioned or replaced.</summary>
        public const int KeyProvisioned = 8;
    }
}
