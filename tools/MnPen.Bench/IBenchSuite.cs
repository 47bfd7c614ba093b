namespace MnPen.Bench;

/// <summary>A bench suite: a named set of cases run on the simulator. Found by BenchRegistry through reflection.</summary>
public interface IBenchSuite
{
    /// <summary>Name used on the command line (`mnpen bench --suite NAME`).</summary>
    string Name { get; }

    /// <summary>One-line description for help and reports.</summary>
    string Description { get; }

    /// <summary>
    /// Names of the cases Run makes for this context (its grid: quick or full, channel, seed), in Run's order, found
    /// without simulating anything: `--case` is checked against them before a run starts.
    /// </summary>
    IReadOnlyList<string> CaseNames(BenchContext context);

    /// <summary>Runs every case; reports progress through the context. Must not throw for a failing case (record it).</summary>
    IReadOnlyList<BenchCase> Run(BenchContext context);
}
