namespace MnPen.Protocol
{
    /// <summary>Why a link session (service mode, a link-started motor) ended: the detail of LinkEvent.ServiceLocked and LinkMotorStopped.</summary>
    public static class LinkEndReason
    {
        /// <summary>The tool sent ServiceLock.</summary>
        public const int Command = 0;
        /// <summary>No service command for ServiceLock.SessionIdleMs.</summary>
        public const int IdleTimeout = 1;
        /// <summary>The host link ended (cable, the port's DTR, or the server's client went away).</summary>
        public const int LinkDropped = 2;
        /// <summary>A new Hello began a new session over this one (a takeover when service mode was unlocked).</summary>
        public const int NewSession = 3;
        /// <summary>No valid frame from the host for PenEndpoint.KeepAliveMs while a link-started motor ran.</summary>
        public const int HostSilent = 4;

        /// <summary>Name of a reason number.</summary>
        public static string Name(int reason)
        {
            switch (reason)
            {
                case Command: return "Command";
                case IdleTimeout: return "IdleTimeout";
                case LinkDropped: return "LinkDropped";
                case NewSession: return "NewSession";
                case HostSilent: return "HostSilent";
                default: return "Unknown";
            }
        }
    }
}
