using System.Diagnostics;
using MnPen.Bench.Spec;

namespace MnPen.Bench.Runner;

/// <summary>
/// Runs the selected suites side by side (one worker per core; suites that fan their own cases out share the pool),
/// keeps the cases the pattern selects, judges them by the spec and stamps the run's identity on the report.
/// With a population (--pens N) every suite runs once per pen (the pen's noise seed as the suite's seed) and the cases
/// are merged into worst / median / spread over the pens (PopulationMerge); an IPopulationSuite covers the pens itself.
/// </summary>
public static class BenchRunner
{
    /// <summary>Options of a run beyond the context.</summary>
    public sealed class Options
    {
        /// <summary>Spec to judge by (default: the built-in one).</summary>
        public BenchSpec Spec { get; init; } = BenchSpec.Current;

        /// <summary>Pens of the population every suite covers (pen 0 = the reference pen, 1.. drawn).</summary>
        public int Pens { get; init; } = 1;

        /// <summary>Run only this pen of the population (--pen), or null for pens 0..Pens-1.</summary>
        public int? OnlyPen { get; init; }

        /// <summary>Motor constant and resistance spread of the drawn pens, ± fraction (--motor-spread; 0 = production tolerances).</summary>
        public double MotorSpread { get; init; }

        /// <summary>Skin's per-needle puncture spread, fraction (--skin-spread), or null for the simulator's own.</summary>
        public double? SkinSpread { get; init; }

        /// <summary>Share of the puncture spread the needles of one stroke have in common, 0-1 (--skin-common), or null for the simulator's own.</summary>
        public double? SkinCommon { get; init; }

        /// <summary>Folder for CSV traces of the pens the cases build, or null.</summary>
        public string? TraceDirectory { get; init; }

        /// <summary>Case selection, or null for all.</summary>
        public CasePattern? Cases { get; init; }

        /// <summary>Called with (suite, seconds) as each suite finishes (one call at a time); may be null.</summary>
        public Action<string, double>? SuiteFinished { get; set; }
    }

    /// <summary>
    /// Runs and judges; never throws for a failing or crashing suite (it becomes a failed case). Cancelled (Ctrl+C):
    /// suites not yet started are skipped, running ones stop at their next check, and the report holds the suites that
    /// finished, with InterruptedIn naming the rest.
    /// </summary>
    public static BenchReport Run(IReadOnlyList<IBenchSuite> suites, BenchContext context, Options options)
    {
        var wall = Stopwatch.StartNew();
        var population = Population(context, options);
        var report = new BenchReport { Channel = context.Channel == MnPen.Bench.Suites.SafetyChannel.Both ? null : context.Channel.ToString().ToLowerInvariant(), Seed = context.Seed, Platform = MnPen.Hal.Simulator.Platform.PlatformNames.Name(context.Platform), Pens = population.Count, OnlyPen = options.OnlyPen, MotorSpread = options.MotorSpread, SkinSpread = options.SkinSpread, SkinCommon = options.SkinCommon, StartedUtc = DateTime.UtcNow };
        var gate = new object();
        var progress = context.Progress;
        var cancel = context.Cancellation;
        // Suites report from several threads at once; the listener sees one call at a time.
        var ctx = RunContext(context, population, options.Cases == null ? null : options.Cases.Matches,
            progress == null ? null : (s, d, t, c) => { lock (gate) progress(s, d, t, c); });
        BenchTrace.Directory = options.TraceDirectory;
        var results = new (double Seconds, IReadOnlyList<BenchCase>? Cases)[suites.Count];
        var jobs = Jobs(suites, population);
        var perPen = new IReadOnlyList<BenchCase>?[jobs.Length];
        var jobSeconds = new double[jobs.Length];
        int[] left = suites.Select((_, i) => jobs.Count(j => j.Suite == i)).ToArray();
        int[] pensDone = new int[suites.Count];
        // The token is not handed to Parallel.For: it would throw away the suites that finished. Each suite checks it.
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, j =>
        {
            if (cancel.IsCancellationRequested) return;
            int i = jobs[j].Suite;
            var sw = Stopwatch.StartNew();
            IReadOnlyList<BenchCase> cases;
            try
            {
                cases = suites[i].Run(jobs[j].Pen < 0 ? ctx : ForPen(ctx, population.At(jobs[j].Pen)));
            }
            catch (Exception) when (cancel.IsCancellationRequested)
            {
                // Stopped part way (however the suite's own parallel loops wrapped it): not a result.
                return;
            }
            catch (Exception e)
            {
                // A suite that crashes is a failed case, not a crashed tool.
                cases = new[] { new BenchCase(suites[i].Name, "suite") { Error = e.GetType().Name + ": " + e.Message } };
            }
            perPen[j] = cases;
            jobSeconds[j] = sw.Elapsed.TotalSeconds;
            lock (gate)
            {
                // Over a population the pens' own case counts restart with every pen; progress counts pens instead.
                if (jobs[j].Pen >= 0 && population.Count > 1)
                    progress?.Invoke(suites[i].Name, ++pensDone[i], population.Count, $"pen {population.Indices[jobs[j].Pen]} done");
                if (--left[i] > 0) return;
                var mine = Enumerable.Range(0, jobs.Length).Where(x => jobs[x].Suite == i).ToArray();
                if (mine.Any(x => perPen[x] == null)) return;
                var merged = mine.Length == 1 ? perPen[mine[0]]! : PopulationMerge.Merge(mine.Select(x => perPen[x]!).ToList(),
                    mine.Select(x => population.Indices[jobs[x].Pen]).ToList(), population.Describe);
                results[i] = (mine.Sum(x => jobSeconds[x]), merged);
                options.SuiteFinished?.Invoke(suites[i].Name, results[i].Seconds);
            }
        });
        var unfinished = new List<string>();
        for (int i = 0; i < suites.Count; i++)
        {
            var (seconds, cases) = results[i];
            if (cases == null)
            {
                unfinished.Add(suites[i].Name);
                continue;
            }
            var kept = cases.Where(c => options.Cases == null || options.Cases.Matches(c.Suite + "/" + c.Name)).ToList();
            // Cases that share one simulation get an equal share of the suite's time unless the suite timed them.
            foreach (var c in kept.Where(c => c.Seconds <= 0)) c.Seconds = seconds / Math.Max(1, cases.Count);
            report.Suites.Add((suites[i].Name, suites[i].Description, seconds));
            report.Cases.AddRange(kept);
        }
        if (unfinished.Count > 0) report.InterruptedIn = string.Join(", ", unfinished);
        BenchTrace.FinishAll();
        BenchTrace.Directory = null;
        SpecJudge.Apply(report, options.Spec);
        report.WallSeconds = wall.Elapsed.TotalSeconds;
        return report;
    }

    /// <summary>
    /// Full names (suite/case) of every case a run with these suites, context and options makes, asked of each suite's
    /// own enumeration (IBenchSuite.CaseNames) for each job the run would start, in the report's order: nothing is simulated.
    /// </summary>
    public static IReadOnlyList<string> CaseNames(IReadOnlyList<IBenchSuite> suites, BenchContext context, Options options)
    {
        var population = Population(context, options);
        var ctx = RunContext(context, population, null, null);
        return Jobs(suites, population).OrderBy(j => j.Suite)
            .SelectMany(j => suites[j.Suite].CaseNames(j.Pen < 0 ? ctx : ForPen(ctx, population.At(j.Pen))).Select(n => suites[j.Suite].Name + "/" + n))
            .Distinct().ToList();
    }

    private static PenPopulation Population(BenchContext context, Options options) =>
        new(context.Seed, Math.Max(1, options.Pens), options.OnlyPen, options.MotorSpread, options.SkinSpread, options.SkinCommon);

    // The run's context: the caller's, over the population, with the case filter and a progress sink.
    private static BenchContext RunContext(BenchContext context, PenPopulation population, Func<string, bool>? filter, Action<string, int, int, string>? progress) => new()
    {
        Seed = context.Seed,
        Quick = context.Quick,
        Platform = context.Platform,
        Channel = context.Channel,
        Pens = population.Count,
        Population = population,
        Cancellation = context.Cancellation,
        CaseFilter = filter,
        Progress = progress,
    };

    // One job per suite and pen (one per suite for an IPopulationSuite or a single pen), long suites first; Pen -1 = the
    // suite covers the population itself.
    private static (int Suite, int Pen)[] Jobs(IReadOnlyList<IBenchSuite> suites, PenPopulation population) =>
        suites.SelectMany((s, i) => s is IPopulationSuite || population.Count == 1
            ? new[] { (Suite: i, Pen: population.Count == 1 ? 0 : -1) }
            : Enumerable.Range(0, population.Count).Select(k => (Suite: i, Pen: k)))
            .OrderBy(j => suites[j.Suite] is ILongSuite ? 0 : 1).ToArray();

    // The context of one pen's run of a suite: the pen, its noise seed as the seed, one pen; over a population its
    // per-case progress is left out (the runner reports pens done), else 50 pens' "10/16" lines interleave unreadably.
    private static BenchContext ForPen(BenchContext ctx, PopulationPen pen) => new()
    {
        Seed = pen.NoiseSeed,
        Quick = ctx.Quick,
        Platform = ctx.Platform,
        Pens = 1,
        Population = ctx.Population,
        Pen = pen,
        Cancellation = ctx.Cancellation,
        CaseFilter = ctx.CaseFilter,
        Progress = ctx.Population != null && ctx.Population.Count > 1 ? null : ctx.Progress,
    };
}
