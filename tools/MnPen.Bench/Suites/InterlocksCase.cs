namespace MnPen.Bench.Suites;

/// <summary>One injection of the interlocks matrix: fault, operating state, seed and the drawn onset and parameters.</summary>
public sealed class InterlocksCase
{
    /// <summary>The fault's plan.</summary>
    public required InterlocksFaultPlan Plan { get; init; }

    /// <summary>Processor and runtime the pen runs on.</summary>
    public MnPen.Hal.Simulator.Platform.PlatformKind Platform { get; init; } = new MnPen.VirtualPen.VirtualPenOptions().Platform;

    /// <summary>The protective channel(s) acting in this run.</summary>
    public SafetyChannel Channel { get; init; } = SafetyChannel.Both;

    /// <summary>Firmware inputs blinded for this run.</summary>
    public FirmwareSense BlindedSensing { get; init; }

    /// <summary>Hardware paths wired closed for this run.</summary>
    public MnPen.Hal.Simulator.Physics.ProtectivePath BypassedPaths { get; init; }

    /// <summary>Operating state at injection.</summary>
    public required OperatingState State { get; init; }

    /// <summary>Seed of the simulated board's noise and of the draws.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Pen of the population it runs on (its parts and own calibration); null = the reference pen.</summary>
    public Runner.PopulationPen? Pen { get; init; }

    /// <summary>Injection time after the state was reached, seconds (includes a sub-tick fraction).</summary>
    public required double OnsetOffsetSeconds { get; init; }

    /// <summary>Drawn fault parameters (plan's parameter order).</summary>
    public required double[] Parameters { get; init; }

    /// <summary>For DepthChange: the new depth set-point, mm.</summary>
    public double NewDepthMm { get; init; }

    /// <summary>For Idle: delay from injection to the user's start press, seconds.</summary>
    public double StartDelaySeconds { get; init; }

    /// <summary>Changes to the firmware after boot (tests: a known-bad variant must fail the verdicts), or null.</summary>
    public Action<MnPen.Firmware.PenFirmware>? Configure { get; init; }

    /// <summary>Readable one-line description (for failures).</summary>
    public override string ToString() =>
        $"{Plan.Fault} in {State}, seed {Seed}" + (Pen == null || Pen.Draw.IsReference ? "" : $", pen {Pen.Index}") + $", onset +{OnsetOffsetSeconds * 1000:0.###} ms" +
        (Parameters.Length > 0 ? ", " + string.Join(", ", Plan.ParameterNames.Zip(Parameters, (n, v) => $"{n}={v:0.###}")) : "");
}
