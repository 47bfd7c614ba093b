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

    /// <summary>Pens simulated per case where a suite models a population (rate: worst over pens, median and band plots).</summary>
    public int Pens { get; init; } = 1;

    /// <summary>Selects cases by full name (suite/case); null runs every case. Suites may skip work no selected case needs.</summary>
    public Func<string, bool>? CaseFilter { get; init; }

    /// <summary>True when the case (of that suite) is selected.</summary>
    public bool Wants(string suite, string caseName) => CaseFilter == null || CaseFilter(suite + "/" + caseName);

    /// <summary>Reports progress if anyone listens.</summary>
    public void Report(string suite, int done, int total, string current) => Progress?.Invoke(suite, done, total, current);
}
