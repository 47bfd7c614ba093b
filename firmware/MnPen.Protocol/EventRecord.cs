namespace MnPen.Protocol
{
    /// <summary>One event-log entry as it travels on the wire (mirrors the pen's log entry; kinds in docs/storage.md).</summary>
    public sealed class EventRecord
    {
        /// <summary>Sequence number of the entry in the pen's log (monotonic, from 1).</summary>
        public uint Sequence;
        /// <summary>Boot number the entry was made in.</summary>
        public int BootNumber;
        /// <summary>Milliseconds since that boot.</summary>
        public uint UptimeMs;
        /// <summary>Event kind number (EventKind).</summary>
        public int Kind;
        /// <summary>Kind-specific code, usually a fault code number.</summary>
        public int Code;
        /// <summary>Kind-specific argument.</summary>
        public uint Argument;
        /// <summary>Identical events folded into this entry after it (boot and time are the latest one's).</summary>
        public int Repeats;
    }
}
