using System.Diagnostics;
using MnPen.Bench.Spec;

namespace MnPen.Bench.Runner;

/// <summary>
/// Runs the selected suites side by side (one worker per core; suites that fan their own cases out share the pool),
/// keeps the cases the pattern selects, judges them by the spec and stamps the run's identity on the report.
/// </summary>
public static class BenchRunner
{
    /// <summary>Options of a run beyond the context.</summary>
    public sealed class Options
    {
        /// <summary>Spec to judge by (default: the built-in one).</summary>
        public BenchSpec Spec { get; init; } = BenchSpec.Current;


        /// <summary>Pens per case, for the report.</summary>
        public int Pens { get; init; } = 1;

        /// <summary>Folder for CSV traces of the pens the cases build, or null.</summary>
        public string? TraceDirectory { get; init; }

        /// <summary>Case selection, or null for all.</summary>
        public CasePattern? Cases { get; init; }
    }

    /// <summary>Runs and judges; never throws for a failing or crashing suite (it becomes a failed case).</summary>
    public static BenchReport Run(IReadOnlyList<IBenchSuite> suites, BenchContext context, Options options)
    {
        var wall = Stopwatch.StartNew();
        var report = new BenchReport { Seed = context.Seed, Platform = MnPen.Hal.Simulator.Platform.PlatformNames.Name(context.Platform), Pens = options.Pens, StartedUtc = DateTime.UtcNow };
        var gate = new object();
        var progress = context.Progress;
        var ctx = new BenchContext
        {
            Seed = context.Seed,
            Quick = context.Quick,
            Pens = Math.Max(1, options.Pens),
            Cancellation = context.Cancellation,
            CaseFilter = options.Cases == null ? null : options.Cases.Matches,
            // Suites report from several threads at once; the listener sees one call at a time.
            Progress = progress == null ? null : (s, d, t, c) => { lock (gate) progress(s, d, t, c); },
        };
        BenchTrace.Directory = options.TraceDirectory;
        var results = new (double Seconds, IReadOnlyList<BenchCase> Cases)[suites.Count];
        Parallel.For(0, suites.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = context.Cancellation }, i =>
        {
            var sw = Stopwatch.StartNew();
            IReadOnlyList<BenchCase> cases;
            try
            {
                cases = suites[i].Run(ctx);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A suite that crashes is a failed case, not a crashed tool.
                cases = new[] { new BenchCase(suites[i].Name, "suite") { Error = e.GetType().Name + ": " + e.Message } };
            }
            results[i] = (sw.Elapsed.TotalSeconds, cases);
        });
        for (int i = 0; i < suites.Count; i++)
        {
            var (seconds, cases) = results[i];
            var kept = cases.Where(c => options.Cases == null || options.Cases.Matches(c.Suite + "/" + c.Name)).ToList();
            // Cases that share one simulation get an equal share of the suite's time unless the suite timed them.
            foreach (var c in kept.Where(c => c.Seconds <= 0)) c.Seconds = seconds / Math.Max(1, cases.Count);
            report.Suites.Add((suites[i].Name, suites[i].Description, seconds));
            report.Cases.AddRange(kept);
        }
        BenchTrace.FinishAll();
        BenchTrace.Directory = null;
        SpecJudge.Apply(report, options.Spec);
        report.WallSeconds = wall.Elapsed.TotalSeconds;
        return report;
    }
}
