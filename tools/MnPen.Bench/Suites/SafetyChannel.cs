namespace MnPen.Bench.Suites;

/// <summary>Which protective channel(s) act in an interlocks run, and which claim a hazard (flags).</summary>
[Flags]
public enum SafetyChannel
{
    /// <summary>Neither (not a valid run mode).</summary>
    None = 0,
    /// <summary>The firmware's supervisor alone: the hardware channel's gates are forced closed.</summary>
    Firmware = 1,
    /// <summary>The hardware protective channel alone: a firmware blind to the hazards that never trips.</summary>
    Hardware = 2,
    /// <summary>Both channels, as on the pen.</summary>
    Both = Firmware | Hardware,
}
