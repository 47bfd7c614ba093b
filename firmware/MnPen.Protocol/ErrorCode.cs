namespace MnPen.Protocol
{
    /// <summary>Error codes carried by <see cref="MessageType.Error"/> frames (0 = OK); names and remedies in <see cref="ErrorText"/>.</summary>
    public static class ErrorCode
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;
        /// <summary>The pen does not know this request type.</summary>
        public const int UnknownCommand = 1;
        /// <summary>The payload is too short, too long or malformed.</summary>
        public const int MalformedPayload = 2;
        /// <summary>A value is outside its allowed range.</summary>
        public const int OutOfRange = 3;
        /// <summary>The command needs service mode.</summary>
        public const int ServiceLocked = 4;
        /// <summary>The service unlock MAC was wrong.</summary>
        public const int AuthFailed = 5;
        /// <summary>Too many failed unlocks: wait for the lockout to end.</summary>
        public const int RateLimited = 6;
        /// <summary>Not while the motor is running or starting.</summary>
        public const int MotorActive = 7;
        /// <summary>The firmware refused; detail holds its CommandResult.</summary>
        public const int Refused = 8;
        /// <summary>This pen does not support the request or setting.</summary>
        public const int NotSupported = 9;
        /// <summary>Writing to non-volatile storage failed.</summary>
        public const int StorageFailed = 10;
        /// <summary>The calibration failed validation; nothing was changed.</summary>
        public const int InvalidCalibration = 11;
        /// <summary>The value would exceed a hard limit of the firmware.</summary>
        public const int AboveHardLimit = 12;
        /// <summary>No service key has been provisioned on this pen.</summary>
        public const int NotProvisioned = 13;
        /// <summary>Unlock without a fresh challenge (or the challenge expired).</summary>
        public const int NoChallenge = 14;
        /// <summary>The reply would not fit in one frame.</summary>
        public const int TooLarge = 15;
        /// <summary>Unexpected internal error; the command had no effect.</summary>
        public const int Internal = 16;
        /// <summary>A key is already provisioned; replacing it needs service mode.</summary>
        public const int AlreadyProvisioned = 17;

        /// <summary>The pen cannot do it yet (boot self-test running); detail = milliseconds to wait.</summary>
        public const int Busy = 18;

        /// <summary>Highest code in use.</summary>
        public const int Last = Busy;
    }
}
