namespace MnPen.VirtualPen.Scenarios;

/// <summary>An expected outcome: a check evaluated at a time, over a window, or as a latency.</summary>
public sealed record ScenarioExpectation
{
    /// <summary>Source line (1-based).</summary>
    public required int Line { get; init; }

    /// <summary>How the window is defined.</summary>
    public required ScenarioWindowKind Window { get; init; }

    /// <summary>Window start (At: the instant; Within: the reference time), microseconds.</summary>
    public long FromMicros { get; init; }

    /// <summary>Window end (Within: reference time + allowed latency), microseconds.</summary>
    public long ToMicros { get; init; }

    /// <summary>What must hold.</summary>
    public required ScenarioCheck Check { get; init; }

    /// <summary>The whole expectation as written (for reports).</summary>
    public required string Text { get; init; }
}
