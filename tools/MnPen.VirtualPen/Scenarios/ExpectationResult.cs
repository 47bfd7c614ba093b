namespace MnPen.VirtualPen.Scenarios;

/// <summary>Outcome of one expectation: pass or fail, with what was measured.</summary>
public sealed record ExpectationResult
{
    /// <summary>Source line of the expectation.</summary>
    public required int Line { get; init; }

    /// <summary>The expectation as written.</summary>
    public required string Text { get; init; }

    /// <summary>True when the expectation held.</summary>
    public required bool Passed { get; init; }

    /// <summary>What was measured, in words with units (e.g. "motor off after 1 ms", "mean 109.6 strokes/s, 0.4 % off").</summary>
    public required string Measured { get; init; }

    /// <summary>The key measured number (latency ms, error %, peak A, ...) when there is one.</summary>
    public double? Value { get; init; }
}
