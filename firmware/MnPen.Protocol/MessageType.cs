namespace MnPen.Protocol
{
    /// <summary>
    /// Frame type codes. A reply has the request's code with bit 7 set and echoes its sequence byte; a refused request
    /// gets an <see cref="Error"/> frame instead. Layouts are in <see cref="ProtocolSchema"/> and docs/protocol.md.
    /// </summary>
    public static class MessageType
    {
        /// <summary>Bit set in every reply type.</summary>
        public const byte ReplyFlag = 0x80;

        /// <summary>Handshake: versions, serial number, schema hash.</summary>
        public const byte Hello = 0x01;
        /// <summary>Status snapshot.</summary>
        public const byte GetStatus = 0x02;
        /// <summary>Reads one setting.</summary>
        public const byte GetSetting = 0x03;
        /// <summary>Writes one setting (limits need service mode).</summary>
        public const byte SetSetting = 0x04;
        /// <summary>Starts (rate &gt; 0) or stops (rate 0) the telemetry stream.</summary>
        public const byte Telemetry = 0x05;
        /// <summary>Reads event-log entries.</summary>
        public const byte ReadEvents = 0x06;
        /// <summary>Reads the calibration.</summary>
        public const byte ReadCalibration = 0x07;
        /// <summary>Writes the calibration (service mode).</summary>
        public const byte WriteCalibration = 0x08;
        /// <summary>Runs the self-test (motor stopped).</summary>
        public const byte SelfTest = 0x09;
        /// <summary>Acknowledges the active fault (never restarts the motor).</summary>
        public const byte AckFault = 0x0A;
        /// <summary>Reboots the pen (motor stopped).</summary>
        public const byte Reboot = 0x0B;
        /// <summary>Stops the motor; always allowed.</summary>
        public const byte Stop = 0x0C;
        /// <summary>Asks the firmware to start (service mode; the firmware's pre-run checks and interlocks apply).</summary>
        public const byte Start = 0x0D;
        /// <summary>Asks for a service-mode challenge nonce.</summary>
        public const byte ServiceChallenge = 0x10;
        /// <summary>Answers the challenge with an HMAC to enter service mode.</summary>
        public const byte ServiceUnlock = 0x11;
        /// <summary>Leaves service mode.</summary>
        public const byte ServiceLock = 0x12;
        /// <summary>Writes the pen's serial number (service mode).</summary>
        public const byte SetSerialNumber = 0x13;
        /// <summary>Stores the per-pen service key: only when none is stored yet, or in service mode.</summary>
        public const byte ProvisionKey = 0x14;
        /// <summary>Technician's clear of latched faults, service-policy ones included (service mode).</summary>
        public const byte ServiceClear = 0x15;
        /// <summary>Reply to a refused or malformed request.</summary>
        public const byte Error = 0x7F;
        /// <summary>Unsolicited telemetry sample.</summary>
        public const byte TelemetrySample = 0xC0;

        /// <summary>Reply type for a request type.</summary>
        public static byte ReplyTo(byte request)
        {
            return (byte)(request | ReplyFlag);
        }
    }
}
