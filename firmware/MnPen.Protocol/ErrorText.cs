namespace MnPen.Protocol
{
    /// <summary>Names and remedies of <see cref="ErrorCode"/> values (for tools and the protocol document).</summary>
    public static class ErrorText
    {
        /// <summary>Symbolic name of an error code.</summary>
        public static string Name(int code)
        {
            switch (code)
            {
                case ErrorCode.Ok: return "Ok";
                case ErrorCode.UnknownCommand: return "UnknownCommand";
                case ErrorCode.MalformedPayload: return "MalformedPayload";
                case ErrorCode.OutOfRange: return "OutOfRange";
                case ErrorCode.ServiceLocked: return "ServiceLocked";
                case ErrorCode.AuthFailed: return "AuthFailed";
                case ErrorCode.RateLimited: return "RateLimited";
                case ErrorCode.MotorActive: return "MotorActive";
                case ErrorCode.Refused: return "Refused";
                case ErrorCode.NotSupported: return "NotSupported";
                case ErrorCode.StorageFailed: return "StorageFailed";
                case ErrorCode.InvalidCalibration: return "InvalidCalibration";
                case ErrorCode.AboveHardLimit: return "AboveHardLimit";
                case ErrorCode.NotProvisioned: return "NotProvisioned";
                case ErrorCode.NoChallenge: return "NoChallenge";
                case ErrorCode.TooLarge: return "TooLarge";
                case ErrorCode.Internal: return "Internal";
                case ErrorCode.AlreadyProvisioned: return "AlreadyProvisioned";
                case ErrorCode.Busy: return "Busy";
                default: return "Unknown";
            }
        }

        /// <summary>What the user should do about an error code.</summary>
        public static string Remedy(int code)
        {
            switch (code)
            {
                case ErrorCode.Ok: return "Nothing.";
                case ErrorCode.UnknownCommand: return "Update the pen firmware or use a tool of the same protocol version.";
                case ErrorCode.MalformedPayload: return "Tool and pen disagree on a message layout: check versions with `mnpen status`.";
                case ErrorCode.OutOfRange: return "Use a value inside the documented range (docs/protocol.md, Settings).";
                case ErrorCode.ServiceLocked: return "Unlock service mode first (service key required).";
                case ErrorCode.AuthFailed: return "Use the service key provisioned for this pen's serial number.";
                case ErrorCode.RateLimited: return "Too many failed unlocks: wait for the lockout shown, then retry with the right key.";
                case ErrorCode.MotorActive: return "Stop the motor first.";
                case ErrorCode.Refused: return "The firmware refused; the detail names its reason (CommandResult).";
                case ErrorCode.NotSupported: return "This pen does not support it; update the firmware.";
                case ErrorCode.StorageFailed: return "Retry; if it persists, the pen needs service (storage).";
                case ErrorCode.InvalidCalibration: return "Fix the calibration values (see the detail) and write again; nothing was changed.";
                case ErrorCode.AboveHardLimit: return "The firmware's hard limits cannot be exceeded by any command.";
                case ErrorCode.NotProvisioned: return "Provision a service key at the factory (ProvisionKey) first.";
                case ErrorCode.NoChallenge: return "Ask for a challenge (ServiceChallenge) and answer it within 60 s.";
                case ErrorCode.TooLarge: return "Ask for fewer items per request.";
                case ErrorCode.Internal: return "Report this with the pen's event log; the command had no effect.";
                case ErrorCode.AlreadyProvisioned: return "Unlock service mode to replace the key.";
                case ErrorCode.Busy: return "The pen is finishing its boot self-test: retry after the detail's milliseconds.";
                default: return "Unknown error code: update the tool.";
            }
        }
    }
}
