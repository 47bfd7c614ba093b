using MnPen.Client;
using MnPen.Protocol;

namespace MnPen.Cli.Technician;

/// <summary>Plain-language reasons for the pen's refusals, naming what the technician can do about each.</summary>
public static class RefusalText
{
    /// <summary>Why the pen refused, and what to do.</summary>
    public static string Explain(PenCommandException ex)
    {
        string why = ex.Code switch
        {
            ErrorCode.ServiceLocked => "the pen is not in service mode (service lock): give its service key with --key",
            ErrorCode.MotorActive => "the motor is running: stop it first (`mnpen pen stop`)",
            ErrorCode.Refused => CommandResult(ex.Detail),
            ErrorCode.AuthFailed or ErrorCode.RateLimited => "the service key was not accepted",
            _ => "",
        };
        return why.Length == 0 ? ex.Message : $"{why}. ({ex.Message})";
    }

    private static string CommandResult(int result) => CommandResultNames.Name(result) switch
    {
        "AlreadyDone" => "nothing to do: the pen is already there",
        "RefusedWrongState" => "not allowed in the pen's present state (see `mnpen status`)",
        "RefusedFaultActive" => "a safety fault is active: acknowledge it first (`mnpen pen ack`), after removing its cause",
        "RefusedLockout" => "the pen is locked out and needs service (see `mnpen log` for the fault)",
        "RefusedNoCartridge" => "no cartridge is seated: fit one",
        "RefusedCartridge" => "the cartridge was rejected (used before, unreadable or unknown): fit a new one",
        "RefusedCalibration" => "the calibration or settings are missing or invalid: calibrate the pen",
        "RefusedBatteryLow" => "the battery is too low to start: charge it",
        "RefusedDepthNotReached" => "the needle depth was not reached in time: check the cartridge and the depth actuator",
        "RefusedOutOfRange" => "the value is outside its range",
        "RefusedAboveDepthLimit" => "the depth is above the limit of the seated cartridge or the pen",
        "RefusedPreRunCheck" => "a pre-run check failed (see `mnpen status` and `mnpen log`)",
        "RefusedFaultPersists" => "the fault's cause is still present, so it cannot be acknowledged yet",
        "RefusedSessionLimit" => "the session limit (maximum run or treatment time) is used up",
        _ => "",
    };
}
