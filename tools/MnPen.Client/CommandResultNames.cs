namespace MnPen.Client;

/// <summary>Names of the firmware's CommandResult numbers carried in Refused errors (checked against the firmware by a test).</summary>
public static class CommandResultNames
{
    private static readonly string[] Names =
    {
        "Accepted", "AlreadyDone", "RefusedWrongState", "RefusedFaultActive", "RefusedLockout", "RefusedNoCartridge",
        "RefusedCartridge", "RefusedCalibration", "RefusedBatteryLow", "RefusedDepthNotReached", "RefusedOutOfRange",
        "RefusedAboveDepthLimit", "RefusedPreRunCheck", "RefusedFaultPersists", "RefusedSessionLimit",
    };

    /// <summary>Name of a CommandResult number.</summary>
    public static string Name(int value) =>
        value >= 0 && value < Names.Length ? Names[value] : $"CommandResult {value}";

    /// <summary>Number of known values.</summary>
    public static int Count => Names.Length;
}
