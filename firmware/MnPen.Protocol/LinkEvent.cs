namespace MnPen.Protocol
{
    /// <summary>
    /// Security-relevant link events the endpoint asks the firmware to log (IPenCommandHandler.LogLinkEvent), kept in the
    /// pen's security log (ReadEvents log 1) as kind ServiceAccess with this number as code. Stored on flash: never renumber.
    /// </summary>
    public static class LinkEvent
    {
        /// <summary>Service mode unlocked.</summary>
        public const int ServiceUnlocked = 1;
        /// <summary>A service unlock failed (detail = lockout it started, seconds; 0 while attempts remain). Repeats fold into one entry.</summary>
        public const int ServiceUnlockFailed = 2;
        /// <summary>Reserved: lockouts are recorded in ServiceUnlockFailed's detail (older logs may hold this code).</summary>
        public const int ServiceLockout = 3;
        /// <summary>Service mode ended (detail = a LinkEndReason number).</summary>
        public const int ServiceLocked = 4;
        /// <summary>Calibration written over the link.</summary>
        public const int CalibrationWritten = 5;
        /// <summary>Serial number written over the link.</summary>
        public const int SerialWritten = 6;
        /// <summary>A service-only setting written (detail = setting id).</summary>
        public const int LimitWritten = 7;
        /// <summary>Service key provisioned or replaced.</summary>
        public const int KeyProvisioned = 8;
        /// <summary>A motor started over the link was stopped because the link ended or went silent (detail = a LinkEndReason number).</summary>
        public const int LinkMotorStopped = 9;
        /// <summary>Reboot requested over the link (in service mode).</summary>
        public const int RebootRequested = 10;

        /// <summary>A service clear of latched faults was asked for (detail = the firmware's CommandResult number).</summary>
        public const int FaultServiceCleared = 11;

        /// <summary>Highest number in use.</summary>
        public const int Last = FaultServiceCleared;

        /// <summary>Name of a link event number (for tools and the protocol document).</summary>
        public static string Name(int kind)
        {
            switch (kind)
            {
                case ServiceUnlocked: return "ServiceUnlocked";
                case ServiceUnlockFailed: return "ServiceUnlockFailed";
                case ServiceLockout: return "ServiceLockout";
                case ServiceLocked: return "ServiceLocked";
                case CalibrationWritten: return "CalibrationWritten";
                case SerialWritten: return "SerialWritten";
                case LimitWritten: return "LimitWritten";
                case KeyProvisioned: return "KeyProvisioned";
                case LinkMotorStopped: return "LinkMotorStopped";
                case RebootRequested: return "RebootRequested";
                case FaultServiceCleared: return "FaultServiceCleared";
                default: return "Unknown";
            }
        }
    }
}
