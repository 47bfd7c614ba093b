namespace MnPen.VirtualPen.Scenarios;

/// <summary>A condition on the pen, as written after "expect ...:" or "when".</summary>
public sealed record ScenarioCheck
{
    /// <summary>What is looked at.</summary>
    public required ScenarioCheckKind Kind { get; init; }

    /// <summary>State name or fault code name (canonical spelling).</summary>
    public string? Name { get; init; }

    /// <summary>Tolerance or limit: percent for rate, mm for depth, A for current, C for temperature, count for strokes.</summary>
    public double Limit { get; init; }

    /// <summary>Fixed reference (strokes/s for rate, mm for depth) instead of the firmware's target; NaN = use the target.</summary>
    public double Reference { get; init; } = double.NaN;

    /// <summary>The check as written in the file (for reports).</summary>
    public required string Text { get; init; }
}
