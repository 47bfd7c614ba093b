namespace MnPen.Bench.Runner;

/// <summary>Runs a suite's independent cases across the cores, skipping unselected ones; each case timed on its own.</summary>
public static class ParallelCases
{
    /// <summary>Runs each (name, body) job the context selects; a body's InvalidOperationException fails its case.</summary>
    public static IReadOnlyList<BenchCase> Run(BenchContext context, string suite, IReadOnlyList<(string Name, Action<BenchCase> Body)> jobs, string? primary = null)
    {
        var cases = new BenchCase?[jobs.Count];
        int done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { CancellationToken = context.Cancellation }, i =>
        {
            if (!context.Wants(suite, jobs[i].Name)) return;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var c = new BenchCase(suite, jobs[i].Name) { PrimaryMeasurement = primary };
            try { jobs[i].Body(c); }
            catch (InvalidOperationException e) { c.Error = e.Message; }
            c.Seconds = sw.Elapsed.TotalSeconds;
            cases[i] = c;
            context.Report(suite, Interlocked.Increment(ref done), jobs.Count, c.Name);
        });
        return cases.Where(c => c != null).Select(c => c!).ToList();
    }
}
