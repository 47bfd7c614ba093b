namespace MnPen.Bench;

/// <summary>What a suite run gets: seed, size and a progress sink.</summary>
public sealed class BenchContext
{
    /// <summary>Simulator seed (same seed, same results).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Processor and runtime the virtual pens run on (docs/simulator.md, "Platform").</summary>
    public MnPen.Hal.Simulator.Platform.PlatformKind Platform { get; init; } = new MnPen.VirtualPen.VirtualPenOptions().Platform;

    /// <summary>Run a reduced grid (used by the unit tests to stay fast); the CLI runs the full grid.</summary>
    public bool Quick { get; init; }

    /// <summary>Called with (suite, done, total, current case) as cases finish; may be null.</summary>
    public Action<string, int, int, string>? Progress { get; init; }

    /// <summary>Cancellation of a long run.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Protective channel(s) the interlocks suite lets act (`--channel`).</summary>
    public MnPen.Bench.Suites.SafetyChannel Channel { get; init; } = MnPen.Bench.Suites.SafetyChannel.Both;

    /// <summary>Pens the run covers (the size of Population; 1 inside a per-pen run of a suite).</summary>
    public int Pens { get; init; } = 1;

    /// <summary>The run's pen population (null: the reference pen of Seed alone). An IPopulationSuite covers it itself.</summary>
    public Runner.PenPopulation? Population { get; init; }

    /// <summary>The pen this suite run is for (the runner runs a suite once per pen, with Seed the pen's noise seed); null = the reference pen.</summary>
    public Runner.PopulationPen? Pen { get; init; }

    /// <summary>The pen to build: Pen, else the first pen of the population, else the reference pen of Seed.</summary>
    public Runner.PopulationPen ThisPen => Pen ?? Population?.At(0) ?? new Runner.PopulationPen(MnPen.Hal.Simulator.Parameters.PenDraw.Draw(Seed, 0));

    /// <summary>Selects cases by full name (suite/case); null runs every case. Suites may skip work no selected case needs.</summary>
    public Func<string, bool>? CaseFilter { get; init; }

    /// <summary>True when the case (of that suite) is selected.</summary>
    public bool Wants(string suite, string caseName) => CaseFilter == null || CaseFilter(suite + "/" + caseName);

    /// <summary>Reports progress if anyone listens.</summary>
    public void Report(string suite, int done, int total, string current) => Progress?.Invoke(suite, done, total, current);
}
