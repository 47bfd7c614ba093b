namespace MnPen.Bench.Suites;

/// <summary>
/// `mnpen bench --suite interlocks`: the fault-injection matrix (every simulator fault × every operating state × random
/// onsets, parameters and seeds; 10,000 injections, one block per operating state with --quick). One case per fault with runs, failures, unsafe
/// outcomes and max / p99 reaction (simulated ms) against its deadline, plus a total case. With a population
/// (--pens N) injection i runs on pen i mod N, so the injections cover every pen (IPopulationSuite).
/// </summary>
public sealed class InterlocksSuite : IPopulationSuite
{
    /// <summary>Injections in a full run.</summary>
    public const int FullInjections = 10_000;

    /// <summary>
    /// Injections with --quick: one block of plan slots (each plan Weight times) per operating state, so every fault meets
    /// every state at least once however many faults the catalogue holds; grows by itself as faults are added.
    /// </summary>
    public static int QuickInjections => InterlocksFaultPlan.All.Sum(p => p.Weight) * Enum.GetValues<OperatingState>().Length;

    /// <inheritdoc />
    public string Name => "interlocks";

    /// <inheritdoc />
    public string Description => "fault injection: every simulator fault x every operating state; safe state within the deadline, no restart, right fault code";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context)
    {
        var options = Options(context);
        var report = InterlocksMatrix.Run(options, (done, total) =>
        {
            if (done == total || done % 50 == 0) context.Report(Name, done, total, $"{done} injections");
        }, context.Cancellation);
        return ToCases(report, options.Injections, name => context.Wants(Name, name));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CaseNames(BenchContext context)
    {
        // One case per fault the matrix injects (InterlocksReport.From: in the plans' order), then the total.
        var planned = InterlocksMatrix.Cases(Options(context)).Select(c => c.Plan).ToHashSet();
        return InterlocksFaultPlan.All.Where(planned.Contains).Select(p => CaseName(p.Fault, MnPen.Safety.FaultCatalog.Name(p.Interlock)))
            .Append(TotalCase).ToList();
    }

    private static InterlocksMatrixOptions Options(BenchContext context) => new()
    {
        Injections = context.Quick ? QuickInjections : FullInjections,
        Seed = context.Seed,
        Platform = context.Platform,
        Population = context.Population,
        Channel = context.Channel,
    };

    private const string TotalCase = "total";

    private static string CaseName(string fault, string interlock) => $"{fault} ({interlock})";

    private static void AddPlots(BenchCase c, InterlocksRow row, InterlocksReport report)
    {
        var mine = report.Outcomes.Where(o => o.Case.Plan.Fault == row.Fault).ToList();
        c.Seconds = mine.Sum(o => o.WallMs) / 1000.0;
        var reactions = mine.Where(o => o.ReactionRequired && !double.IsNaN(o.ReactionMs)).Select(o => o.ReactionMs).ToArray();
        if (reactions.Length > 0) c.Plots.Add(BenchPlots.Reactions("reaction times: " + row.Fault + " (" + row.Interlock + ")", reactions, row.DeadlineMs));
        // The slowest reaction (or a failed run) is the one worth seeing: replay it and plot the needle and the current.
        var worst = mine.Where(o => o.Failed).FirstOrDefault() ?? mine.Where(o => o.ReactionRequired && !double.IsNaN(o.ReactionMs)).OrderByDescending(o => o.ReactionMs).FirstOrDefault();
        if (worst != null && BenchPlots.AroundFault(worst, "slowest injection replayed: " + worst.Case) is Reports.BenchPlot p) c.Plots.Add(p);
    }

    /// <summary>Bench cases from a matrix report (one per fault, then the total).</summary>
    public static IReadOnlyList<BenchCase> ToCases(InterlocksReport report, int expectedInjections, Func<string, bool>? wants = null)
    {
        wants ??= _ => true;
        var cases = new List<BenchCase>();
        foreach (var row in report.Interlocks)
        {
            var c = new BenchCase("interlocks", CaseName(row.Fault, row.Interlock)) { PrimaryMeasurement = "maxReaction" };
            c.Parameters["fault"] = row.Fault;
            c.Parameters["interlock"] = row.Interlock;
            c.Parameters["claims"] = row.Claims;
            c.Parameters["channel"] = report.Channel;
            if (row.ActedFirst != null) c.Parameters["actedFirst"] = row.ActedFirst;
            c.Add("hardwareFirst", row.HardwareFirst, "");
            c.Add("firmwareFirst", row.FirmwareFirst, "");
            c.Add("runs", row.Runs, "");
            c.Add("reactionsRequired", row.ReactionsRequired, "");
            c.Add("controls", row.Controls, "");
            c.Add("failures", row.Failures, "", LimitKind.AtMost, 0);
            c.Add("reactionFailures", row.ReactionFailures, "");
            c.Add("controlFailures", row.ControlFailures, "");
            c.Add("unsafe", row.Unsafe, "", LimitKind.AtMost, 0);
            if (row.MaxReactionMs != null)
            {
                double limit = (row.DeadlineMs ?? double.NaN) + InterlocksMatrix.ToleranceMs;
                c.Add("maxReaction", row.MaxReactionMs.Value, "ms", LimitKind.AtMost, limit);
                c.Add("p99Reaction", row.P99ReactionMs ?? double.NaN, "ms");
                c.Add("deadline", row.DeadlineMs ?? double.NaN, "ms");
            }
            // Ground truth: the needle itself, whatever the firmware's outputs and sensors say.
            if (row.NeedleDeadlineMs != null)
            {
                c.Add("maxNeedleStill", row.MaxNeedleStillMs ?? 0, "ms");
                c.Add("maxLastEntry", row.MaxLastEntryMs ?? 0, "ms", LimitKind.AtMost, row.NeedleDeadlineMs.Value + InterlocksMatrix.ToleranceMs);
                c.Add("needleDeadline", row.NeedleDeadlineMs.Value, "ms");
                c.Add("maxStrokesAfterOnset", row.MaxStrokesAfterOnset ?? 0, "strokes");
                c.Add("maxPenetrationsAfterOnset", row.MaxPenetrationsAfterOnset ?? 0, "entries");
            }
            var plan = InterlocksFaultPlan.All.First(p => p.Fault == row.Fault);
            if (row.MaxDepthOverSetMm != null)
            {
                if (plan.JudgeDepthAgainstSet) c.Add("maxDepthOverSet", row.MaxDepthOverSetMm.Value, "mm", LimitKind.AtMost, InterlocksMatrix.DepthToleranceMm);
                else c.Add("maxDepthOverSet", row.MaxDepthOverSetMm.Value, "mm");
            }
            // The two sensing claims, from the physics: the needle guide while the needle runs, the supply at the trip.
            if (plan.Onset == InjectionOnset.HandpieceHot && row.MaxPeakRunningCelsius != null)
                c.Add("peakNeedleGuideRunning", row.MaxPeakRunningCelsius.Value, "°C", LimitKind.AtMost, InterlocksMatrix.SkinLimitCelsius);
            if (row.MinUnderVoltageTripVolts != null)
            {
                c.Add("lowestUnderVoltageTrip", row.MinUnderVoltageTripVolts.Value, "V", LimitKind.AtLeast, MnPen.Safety.SafetyLimits.UnderVoltageStatedVolts);
                c.Add("underVoltageTrips", row.UnderVoltageTrips, "");
            }
            InterlocksPopulation.Attach(c, report.Outcomes.Where(o => o.Case.Plan.Fault == row.Fault).ToList());
            // Plots replay an injection: only for the cases this run reports (--case).
            if (wants(c.Name)) AddPlots(c, row, report);
            foreach (var sample in report.Outcomes.Where(o => o.Failed && o.Case.Plan.Fault == row.Fault).Take(3))
                c.Error = (c.Error == null ? "" : c.Error + " | ") + sample.Case + ": " + sample.Failure;
            cases.Add(c);
        }
        var total = new BenchCase("interlocks", TotalCase) { PrimaryMeasurement = "unsafe" };
        total.Add("injections", report.Injections, "", LimitKind.AtLeast, expectedInjections);
        total.Add("reactionRuns", report.ReactionRuns, "");
        total.Add("controlRuns", report.ControlRuns, "");
        total.Add("failures", report.Failures, "", LimitKind.AtMost, 0);
        total.Add("reactionFailures", report.ReactionFailures, "");
        total.Add("controlFailures", report.ControlFailures, "");
        total.Add("unsafe", report.UnsafeOutcomes, "", LimitKind.AtMost, 0);
        total.Add("wall", report.WallSeconds, "s");
        cases.Add(total);
        return cases;
    }
}
