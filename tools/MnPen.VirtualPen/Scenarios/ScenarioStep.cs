namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// A timeline entry: an action at a fixed time ("at 3 s: ..."), or when a condition first holds, optionally after
/// a delay ("when state Running +2 s: ...").
/// </summary>
public sealed record ScenarioStep
{
    /// <summary>Source line (1-based).</summary>
    public required int Line { get; init; }

    /// <summary>Time of the action in microseconds of simulated time (for timed steps).</summary>
    public long AtMicros { get; init; }

    /// <summary>Condition that triggers the step (null for timed steps).</summary>
    public ScenarioCheck? When { get; init; }

    /// <summary>Delay from the condition first holding to the action, microseconds.</summary>
    public long DelayMicros { get; init; }

    /// <summary>What to do.</summary>
    public required ScenarioAction Action { get; init; }
}
