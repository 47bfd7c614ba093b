namespace MnPen.Bench;

/// <summary>A bench suite: a named set of cases run on the simulator. Found by BenchRegistry through reflection.</summary>
public interface IBenchSuite
{
    /// <summary>Name used on the command line (`mnpen bench --suite NAME`).</summary>
    string Name { get; }

    /// <summary>One-line description for help and reports.</summary>
    string Description { get; }

    /// <summary>Runs every case; reports progress through the context. Must not throw for a failing case (record it).</summary>
    IReadOnlyList<BenchCase> Run(BenchContext context);
}
