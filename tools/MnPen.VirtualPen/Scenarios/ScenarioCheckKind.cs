namespace MnPen.VirtualPen.Scenarios;

/// <summary>What an expectation (or a "when" condition) looks at.</summary>
public enum ScenarioCheckKind
{
    /// <summary>Firmware state is the named one ("state Running").</summary>
    State,
    /// <summary>Firmware active fault is the named code, or none ("fault CartridgeRemoved", "fault none").</summary>
    Fault,
    /// <summary>The H-bridge is driving the motor (enabled with a non-zero duty).</summary>
    MotorOn,
    /// <summary>The H-bridge is not driving the motor.</summary>
    MotorOff,
    /// <summary>The needle is stroking (true stroke rate at or above 1 stroke/s).</summary>
    NeedleMoving,
    /// <summary>The needle is not stroking (true stroke rate below 1 stroke/s).</summary>
    NeedleStill,
    /// <summary>True stroke rate within a percentage of the firmware's target (or of a given rate).</summary>
    RateWithin,
    /// <summary>True needle depth within a tolerance of the firmware's target (or of a given depth).</summary>
    DepthWithin,
    /// <summary>True motor current stays below a limit, amps.</summary>
    CurrentBelow,
    /// <summary>True handpiece temperature stays below a limit, degrees Celsius.</summary>
    TemperatureBelow,
    /// <summary>Strokes delivered since the run began reach a count.</summary>
    StrokesAtLeast,
    /// <summary>True battery terminal voltage above the limit (volts).</summary>
    BatteryAbove,
    /// <summary>True battery terminal voltage below the limit (volts).</summary>
    BatteryBelow,
}
