namespace MnPen.Protocol
{
    /// <summary>Which of the pen's logs a ReadEvents request reads.</summary>
    public static class EventLogId
    {
        /// <summary>The event log: boots, faults, sessions, cartridges, storage repairs.</summary>
        public const int Main = 0;
        /// <summary>The security log: service access over the link (LinkEvent codes), in its own ring.</summary>
        public const int Security = 1;
    }
}
