namespace MnPen.Protocol
{
    /// <summary>Fixed sizes and bounds of the protocol, shared by pen and host.</summary>
    public static class ProtocolLimits
    {
        /// <summary>Longest string field (serial number, firmware version), characters.</summary>
        public const int MaxStringLength = 64;

        /// <summary>Longest error message (`text` field of an Error frame), characters: whole sentences, never cut at 64.</summary>
        public const int MaxMessageLength = 240;

        /// <summary>Longest serial number, characters (the calibration record's limit).</summary>
        public const int MaxSerialLength = 24;

        /// <summary>Most event-log entries in one reply.</summary>
        public const int MaxEventsPerReply = 24;

        /// <summary>Most entries in any calibration table.</summary>
        public const int MaxTableEntries = 16;

        /// <summary>Highest telemetry rate the pen will stream, samples per second.</summary>
        public const int MaxTelemetryHz = 200;

        /// <summary>Service-mode nonce length, bytes.</summary>
        public const int NonceLength = 16;

        /// <summary>Service key and MAC length, bytes (HMAC-SHA-256).</summary>
        public const int KeyLength = 32;

        /// <summary>Needle depths on the wire are multiples of this, micrometres (the firmware's 0.05 mm step); others are refused.</summary>
        public const int DepthGridUm = 50;

        /// <summary>Most fault codes listed in one self-test reply.</summary>
        public const int MaxSelfTestFaults = 32;
    }
}
