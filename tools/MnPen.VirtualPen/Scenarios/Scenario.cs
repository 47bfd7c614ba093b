namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// A parsed scenario file: run options, a timeline of actions (timed or triggered by a condition) and the
/// expected outcomes. Format: docs/scenarios.md. Build one with ScenarioParser.
/// </summary>
public sealed record Scenario
{
    /// <summary>Display name ("name ..." line, else the file name).</summary>
    public string Name { get; init; } = "scenario";

    /// <summary>Random seed of the simulator (noise, part-to-part variation).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Skin profile at the start (null = simulator default).</summary>
    public string? Skin { get; init; }

    /// <summary>Battery open-circuit voltage at the start, volts (null = not given this way).</summary>
    public double? BatteryVolts { get; init; }

    /// <summary>Battery state of charge at the start, percent (null = not given this way).</summary>
    public double? BatteryPercent { get; init; }

    /// <summary>Simulated run length, microseconds.</summary>
    public long DurationMicros { get; init; } = 10_000_000;

    /// <summary>Cartridge seated at boot: a kind the simulator knows ("new" by default), or null for none.</summary>
    public string? Cartridge { get; init; } = "new";

    /// <summary>Write the factory calibration into storage before boot (false = a pen that was never calibrated).</summary>
    public bool FactoryCalibration { get; init; } = true;

    /// <summary>The pen's own parameters changed from the reference pen ("pen motor.resistance=+10%"), in file order.</summary>
    public IReadOnlyList<PenParameterSetting> PenParameters { get; init; } = Array.Empty<PenParameterSetting>();

    /// <summary>Timeline, in file order (the runner orders timed steps by time, stably).</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; init; } = Array.Empty<ScenarioStep>();

    /// <summary>Expected outcomes, in file order.</summary>
    public IReadOnlyList<ScenarioExpectation> Expectations { get; init; } = Array.Empty<ScenarioExpectation>();
}
