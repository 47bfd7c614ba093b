using System.Text.Json.Serialization;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen.Reporting;

/// <summary>
/// What a simulated run did, from ground truth: the `mnpen sim` summary. Its JSON form (snake_case) is documented in
/// docs/scenarios.md; everything but WallSeconds is a pure function of the scenario and seed.
/// </summary>
public sealed record RunSummary
{
    /// <summary>Schema identifier of the JSON form.</summary>
    public string Schema { get; init; } = "mnpen.sim.summary/1";

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Simulator seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>passed (every expectation held), failed (one did not) or no-expectations.</summary>
    public required string Result { get; init; }

    /// <summary>How the treatment went: completed, faulted (with the first fault), or did-not-run.</summary>
    public required string SessionResult { get; init; }

    /// <summary>Simulated time covered, seconds.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Time the firmware spent in Running, seconds.</summary>
    public required double RunningSeconds { get; init; }

    /// <summary>Firmware state at the end.</summary>
    public required string FinalState { get; init; }

    /// <summary>Firmware active fault at the end.</summary>
    public required string FinalFault { get; init; }

    /// <summary>Needle strokes delivered (true cam revolutions).</summary>
    public required ulong StrokesDelivered { get; init; }

    /// <summary>Stroke-rate regulation while running and settled.</summary>
    public required RateSummary Rate { get; init; }

    /// <summary>Depth holding while running.</summary>
    public required DepthSummary Depth { get; init; }

    /// <summary>Highest true motor current, amps.</summary>
    public required double PeakCurrentAmps { get; init; }

    /// <summary>Highest true handpiece temperature, degrees Celsius.</summary>
    public required double PeakHandpieceCelsius { get; init; }

    /// <summary>Battery at the start and the end.</summary>
    public required BatterySummary Battery { get; init; }

    /// <summary>Every fault the firmware raised, in order.</summary>
    public required IReadOnlyList<FaultRecord> Faults { get; init; }

    /// <summary>Highlights: state changes, actions and their outcomes, injected faults.</summary>
    public required IReadOnlyList<EventRecord> Events { get; init; }

    /// <summary>Events left out because the list is capped.</summary>
    public int EventsOmitted { get; init; }

    /// <summary>Every expectation of the scenario with its outcome.</summary>
    public required IReadOnlyList<ExpectationResult> Expectations { get; init; }

    /// <summary>True when the run was stopped (Ctrl+C) before its end: the figures cover the simulated part only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Interrupted { get; init; }

    /// <summary>How the control loop ran on the modelled platform (null when the pen is not a simulated one).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LoopSummary? Loop { get; init; }

    /// <summary>Wall-clock time the run took, seconds (the only field that varies between identical runs).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? WallSeconds { get; init; }
}
