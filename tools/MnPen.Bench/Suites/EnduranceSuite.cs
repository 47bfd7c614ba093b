using MnPen.Bench.Spec;
using MnPen.Firmware;
using MnPen.Hal.Simulator;

namespace MnPen.Bench.Suites;

/// <summary>
/// `mnpen bench --suite endurance`: one pen through a working day of clients: each gets a fresh cartridge, three
/// treatment areas at different levels and depths (and skins), and every fourth client a fault (cartridge pulled,
/// jam, driver fault, in turn) that must be caught, cleared and acknowledged. The day keeps its structure (16
/// clients, 2 per hour) but compresses the idle time between clients and the needling per area (about half an hour of
/// pen time in all), because the simulator runs about 500x real time on one core here (measured: 773 simulated s in
/// 1.6 s wall): a full 8 hours would take a minute on its own. Checks: the rate and depth of the
/// last client match the first (no drift), the pen's allocations per client do not grow (no heap growth), every
/// injected fault is caught, every client's sessions run.
/// </summary>
public sealed class EnduranceSuite : IBenchSuite
{
    /// <summary>Clients in the day (2 per hour for 8 hours).</summary>
    public const int Clients = 16, QuickClients = 3;

    /// <summary>Needling per area, simulated seconds (compressed from minutes).</summary>
    public const double AreaSeconds = 30;

    /// <summary>Idle time between clients, simulated seconds (compressed from ~20 minutes).</summary>
    public const double IdleSeconds = 10;

    private static readonly (int Level, double DepthMm, SkinProfile Skin)[] Areas =
    {
        (3, 1.0, SkinProfile.Nominal), (4, 1.5, SkinProfile.Tough), (1, 0.5, SkinProfile.Soft),
    };

    // Faults a clinic meets in a day and clears itself (acknowledge policy, docs/faults.md); service-policy faults end the day.
    private static readonly string[] Faults = { "cartridge-removed", "cartridge-jam", "driver-fault" };

    /// <inheritdoc />
    public string Name => "endurance";

    /// <inheritdoc />
    public string Description => "a working day on one pen (16 clients, cartridge swaps, level/depth/skin changes, faults): no drift, no heap growth, no missed fault";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context)
    {
        var c = new BenchCase(Name, "working day") { PrimaryMeasurement = "rateDrift" };
        if (!context.Wants(Name, c.Name)) return Array.Empty<BenchCase>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try { Day(context, context.Quick ? QuickClients : Clients, c); }
        catch (InvalidOperationException e) { c.Error = e.Message; }
        c.Seconds = sw.Elapsed.TotalSeconds;
        return new[] { c };
    }

    private void Day(BenchContext context, int clients, BenchCase c)
    {
        var pen = VirtualPen.VirtualPen.Create(context.ThisPen.Apply(new VirtualPen.VirtualPenOptions { Seed = context.Seed, Platform = context.Platform }));
        Runner.BenchTrace.Attach(pen, "endurance-day");
        pen.Boot();
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0)) throw new InvalidOperationException("pen not Ready at the start of the day");
        double firstRate = double.NaN, lastRate = double.NaN, firstDepth = double.NaN, lastDepth = double.NaN;
        long firstAlloc = 0, maxAlloc = 0;
        int injected = 0, missed = 0, failedSessions = 0;
        var perClient = new List<(double Client, double RateErr, double DepthErr)>();
        for (int k = 0; k < clients; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            long alloc0 = GC.GetAllocatedBytesForCurrentThread();
            if (k > 0)
            {
                // A real swap: out, a moment with none, a new one in (the firmware sees both edges).
                pen.RemoveCartridge();
                pen.RunFor(0.5);
                pen.InsertCartridge();
                if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0)) { failedSessions++; c.Error ??= "client " + (k + 1) + ": not Ready after the cartridge swap (" + pen.Firmware.State + "/" + pen.Firmware.ActiveFault + ")"; continue; }
            }
            for (int a = 0; a < Areas.Length; a++)
            {
                var (level, depth, skin) = Areas[a];
                if (!Area(pen, level, depth, skin, out double rateErr, out double depthErr)) { failedSessions++; c.Error ??= "client " + (k + 1) + " area " + (a + 1) + ": " + pen.Firmware.State + "/" + pen.Firmware.ActiveFault + " (" + pen.Firmware.LastRefusalFault + ")"; continue; }
                if (a != 0) continue;
                perClient.Add((k + 1, rateErr, depthErr * 1000));
                if (k == 0) { firstRate = rateErr; firstDepth = depthErr; }
                lastRate = rateErr;
                lastDepth = depthErr;
            }
            if (k % 4 == 3)
            {
                injected++;
                if (!Fault(pen, Faults[(k / 4) % Faults.Length])) missed++;
            }
            pen.RunFor(IdleSeconds);
            long alloc = GC.GetAllocatedBytesForCurrentThread() - alloc0;
            if (k == 1) firstAlloc = alloc;   // client 1 warms up (first-use allocations); client 2 is the reference
            if (k > 1) maxAlloc = Math.Max(maxAlloc, alloc);
            context.Report(Name, k + 1, clients, "client " + (k + 1));
        }
        c.Parameters["clients"] = clients.ToString();
        c.Parameters["simulated_s"] = pen.NowSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        c.AddJudged("rateDrift", Math.Abs(lastRate - firstRate), "%");
        c.AddJudged("depthDrift", Math.Abs(lastDepth - firstDepth), "mm");
        c.AddJudged("heapGrowth", clients > 2 ? Math.Max(0, maxAlloc - firstAlloc) : 0, "bytes");
        c.Add("allocatedPerClient", firstAlloc, "bytes");
        c.Add("faultsInjected", injected, "");
        c.AddJudged("missedFaults", missed, "");
        c.AddJudged("sessionsFailed", failedSessions, "");
        c.Add("simulated", pen.NowSeconds, "s");
        var plot = new Reports.BenchPlot { Title = "working day: first area of each client (level 4, 1.0 mm, nominal skin)", XLabel = "client", YLabel = "stroke-rate error (%)", Y2Label = "depth error (um)" };
        plot.Series.Add(new Reports.PlotSeries("rate error", perClient.Select(p => p.Client).ToArray(), perClient.Select(p => p.RateErr).ToArray()));
        plot.Series.Add(new Reports.PlotSeries("depth error", perClient.Select(p => p.Client).ToArray(), perClient.Select(p => p.DepthErr).ToArray(), Axis: "right"));
        for (int k = 3; k < clients; k += 4) plot.XMarkers.Add(new Reports.PlotMarker(k + 1, Faults[(k / 4) % Faults.Length]));
        c.Plots.Add(plot);
    }

    // One treatment area: set level and depth, start, settle, measure rate and depth from truth, stop.
    private static bool Area(VirtualPen.VirtualPen pen, int level, double depth, SkinProfile skin, out double rateErrPct, out double depthErrMm)
    {
        rateErrPct = depthErrMm = double.NaN;
        var fw = pen.Firmware;
        pen.Board.Skin = skin;
        fw.SetRateLevel(level);
        fw.SetDepthMm((float)depth);
        if (!pen.RunUntil(() => fw.DepthControl.Reached, 2.0)) return false;
        if (fw.RequestStart() != CommandResult.Accepted || !pen.RunUntil(() => fw.State == PenState.Running, 1.0)) return false;
        pen.RunFor(1.0);
        double rate = 0, dep = 0;
        int n = 0;
        ulong end = pen.NowMicros + (ulong)(AreaSeconds * 1e6);
        while (pen.NowMicros < end)
        {
            pen.Step();
            if (fw.State != PenState.Running) return false;
            rate += pen.Board.StrokeRate;
            dep += pen.Board.NeedleDepthMm;
            n++;
        }
        double target = fw.Config.RateLevels[level];
        rateErrPct = Math.Abs(rate / n - target) / target * 100.0;
        depthErrMm = Math.Abs(dep / n - depth);
        fw.RequestStop();
        pen.RunFor(1.0);
        return true;
    }

    // A fault while running: caught within 1 s, then cleared, acknowledged and the pen Ready again.
    private static bool Fault(VirtualPen.VirtualPen pen, string fault)
    {
        var fw = pen.Firmware;
        if (fw.RequestStart() != CommandResult.Accepted || !pen.RunUntil(() => fw.State == PenState.Running, 1.0)) return false;
        pen.RunFor(0.5);
        pen.InjectFault(fault, Array.Empty<KeyValuePair<string, double>>());
        bool caught = pen.RunUntil(() => fw.ActiveFault != MnPen.Safety.FaultCode.None && pen.Board.StrokeRate < 1.0, 1.0);
        pen.ClearFault(fault);
        pen.RunFor(0.3);
        fw.AcknowledgeFault();
        pen.RunUntil(() => fw.State == PenState.Ready, 1.0);
        return caught;
    }
}
