using System.Globalization;
using MnPen.Bench.Spec;

namespace MnPen.Bench.Suites;

/// <summary>
/// `mnpen bench --suite endurance`: one pen through an 8-hour working day in simulated time (<see cref="WorkingDay"/>,
/// <see cref="DayPlan.Full"/>): 16 clients, each a fresh cartridge, three areas at different levels, depths and skins with
/// a level change while running, a fault every fourth client, the pen sleeping and switching itself off between clients.
/// Judged: no drift (truth rate and depth errors of the last client's first area against the first client's), no heap
/// growth (bytes the firmware allocates after the first client), no missed fault, no failed session; each failed
/// session is listed with its reason (case findings).
/// </summary>
public sealed class EnduranceSuite : ILongSuite
{
    /// <summary>Builds the day's pen; tests swap in a known-bad firmware through it.</summary>
    public Func<BenchContext, VirtualPen.VirtualPenOptions>? PenOptions { get; init; }

    /// <summary>The day to run; null = DayPlan.Full (DayPlan.Quick with --quick).</summary>
    public DayPlan? Plan { get; init; }

    /// <inheritdoc />
    public string Name => "endurance";

    /// <inheritdoc />
    public string Description => "an 8-hour working day on one pen (16 clients, cartridge swaps, level/depth/skin changes, faults, sleep and power-off): no drift, no heap growth, no missed fault";

    /// <inheritdoc />
    public IReadOnlyList<string> CaseNames(BenchContext context) => new[] { CaseName };

    private const string CaseName = "working day";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context)
    {
        var c = new BenchCase(Name, CaseName) { PrimaryMeasurement = "rateDrift" };
        if (!context.Wants(Name, c.Name)) return Array.Empty<BenchCase>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var plan = Plan ?? (context.Quick ? DayPlan.Quick : DayPlan.Full);
        var options = PenOptions?.Invoke(context) ?? context.ThisPen.Apply(new VirtualPen.VirtualPenOptions { Seed = context.Seed, Platform = context.Platform });
        var pen = VirtualPen.VirtualPen.Create(options);
        Runner.BenchTrace.Attach(pen, "endurance-day");
        var day = new WorkingDay(pen, plan);
        try { day.Run(context.Cancellation, k => context.Report(Name, k, plan.Clients, "client " + k)); }
        catch (InvalidOperationException e) { c.Error = e.Message; }
        Judge(c, day, plan, pen.NowSeconds);
        c.Seconds = sw.Elapsed.TotalSeconds;
        return new[] { c };
    }

    private static void Judge(BenchCase c, WorkingDay day, DayPlan plan, double simulated)
    {
        var first = day.FirstAreas.Count > 0 ? day.FirstAreas[0] : (0, double.NaN, double.NaN);
        // Drift is hour 8 against hour 0: not measured (NaN, which fails) unless the last client's first area ran.
        var last = day.FirstAreas.Count > 0 && day.FirstAreas[^1].Client == plan.Clients ? day.FirstAreas[^1] : (0, double.NaN, double.NaN);
        int lastHour = Math.Max(0, (int)Math.Ceiling(plan.Hours) - 1);
        c.Parameters["clients"] = plan.Clients.ToString(CultureInfo.InvariantCulture);
        c.Parameters["hours"] = plan.Hours.ToString("0.##", CultureInfo.InvariantCulture);
        c.Parameters["simulated_s"] = simulated.ToString("0", CultureInfo.InvariantCulture);
        c.AddJudged("rateDrift", Math.Abs(last.Item2 - first.Item2), "%");
        c.AddJudged("depthDrift", Math.Abs(last.Item3 - first.Item3), "mm");
        c.Add("rateErrorFirstClient", first.Item2, "%");
        c.Add("rateErrorLastClient", last.Item2, "%");
        c.Add("depthErrorFirstClient", first.Item3, "mm");
        c.Add("depthErrorLastClient", last.Item3, "mm");
        c.AddJudged("heapGrowth", day.FirmwareBytesAfterWarmUp, "bytes");
        c.Add("firmwareBytesFirstHour", day.BytesInHour(0), "bytes");
        c.Add("firmwareBytesLastHour", day.BytesInHour(lastHour), "bytes");
        c.Add("bootBytes", day.BootBytes, "bytes");
        c.Add("boots", day.Boots, "");
        c.Add("faultsInjected", day.Injected, "");
        c.AddJudged("missedFaults", day.Missed, "");
        c.AddJudged("sessionsFailed", day.FailedSessions, "");
        c.Add("sessionsRun", day.SessionsRun, "");
        c.Add("simulated", simulated, "s");
        var cost = day.Cost;
        c.Add("wallNeedling", cost.RunningWall, "s");
        c.Add("wallIdle", cost.IdleWall, "s");
        c.Add("speedNeedling", cost.RunningWall > 0 ? cost.RunningSim / cost.RunningWall : double.NaN, "x real time");
        c.Add("speedIdle", cost.IdleWall > 0 ? cost.IdleSim / cost.IdleWall : double.NaN, "x real time");
        c.Findings.AddRange(day.Findings);
        if (day.Findings.Count > 0) c.Error ??= day.Findings.Count + " finding(s); first: " + day.Findings[0];
        var plot = new Reports.BenchPlot { Title = "working day: first area of each client (level 4, 1.0 mm, nominal skin), truth", XLabel = "client", YLabel = "stroke-rate error (%)", Y2Label = "depth error (um)" };
        plot.Series.Add(new Reports.PlotSeries("rate error", day.FirstAreas.Select(p => (double)p.Client).ToArray(), day.FirstAreas.Select(p => p.RateErrPct).ToArray()));
        plot.Series.Add(new Reports.PlotSeries("depth error", day.FirstAreas.Select(p => (double)p.Client).ToArray(), day.FirstAreas.Select(p => p.DepthErrMm * 1000).ToArray(), Axis: "right"));
        for (int k = 3; k < plan.Clients; k += 4) plot.XMarkers.Add(new Reports.PlotMarker(k + 1, DayPlan.Faults[(k / 4) % DayPlan.Faults.Length]));
        c.Plots.Add(plot);
    }
}
