namespace MnPen.Bench.Suites;

/// <summary>How many injections the interlocks matrix runs, from which seed, on how many threads, and which subset.</summary>
public sealed class InterlocksMatrixOptions
{
    /// <summary>Number of injections (spread evenly over faults × states).</summary>
    public int Injections { get; set; } = 10_000;

    /// <summary>Base seed; the same seed gives the same cases and the same results.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Processor and runtime the virtual pens run on.</summary>
    public MnPen.Hal.Simulator.Platform.PlatformKind Platform { get; set; } = new MnPen.VirtualPen.VirtualPenOptions().Platform;

    /// <summary>Pens the injections are spread over (injection i on pen i mod N); null = every injection on the reference pen.</summary>
    public Runner.PenPopulation? Population { get; set; }

    /// <summary>Worker threads.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Only these simulator faults (null = all, including the "(none)" control).</summary>
    public IReadOnlyList<string>? Faults { get; set; }

    /// <summary>
    /// The protective channel(s) that act: Both (as on the pen), Firmware (hardware gates forced closed) or Hardware (a
    /// firmware blind to the hazards). A single channel runs only the hazards it claims, each against its own deadline.
    /// </summary>
    public SafetyChannel Channel { get; set; } = SafetyChannel.Both;

    /// <summary>Firmware inputs blinded (a firmware control switched off; `--channel hardware` blinds them all).</summary>
    public FirmwareSense BlindedSensing { get; set; }

    /// <summary>Hardware paths wired closed (a channel that fails: tests show the claimed hazards then fail).</summary>
    public MnPen.Hal.Simulator.Physics.ProtectivePath BypassedPaths { get; set; }

    /// <summary>Only these states (null = all).</summary>
    public IReadOnlyList<OperatingState>? States { get; set; }
}
