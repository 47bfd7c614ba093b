namespace MnPen.VirtualPen.Scenarios;

/// <summary>One thing a scenario does to the pen; which fields matter depends on Kind.</summary>
public sealed record ScenarioAction
{
    /// <summary>What to do.</summary>
    public required ScenarioActionKind Kind { get; init; }

    /// <summary>Button, cartridge kind, skin profile, fault name or note text.</summary>
    public string? Name { get; init; }

    /// <summary>Level number, depth in mm.</summary>
    public double Value { get; init; }

    /// <summary>Hold time of a press, microseconds.</summary>
    public long HoldMicros { get; init; }

    /// <summary>Level or depth set with the buttons instead of a firmware command.</summary>
    public bool ViaButtons { get; init; }

    /// <summary>Fault parameters as written (name = value), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters { get; init; } = Array.Empty<KeyValuePair<string, double>>();

    /// <summary>The action as written in the file (for reports).</summary>
    public required string Text { get; init; }
}
