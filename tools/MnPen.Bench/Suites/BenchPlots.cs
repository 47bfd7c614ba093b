using MnPen.Bench.Reports;
using MnPen.Bench.Runner;

namespace MnPen.Bench.Suites;

/// <summary>The plots bench suites attach to their cases for the HTML report.</summary>
public static class BenchPlots
{
    /// <summary>Name of the judged reading's line (the rate over the last 5 strokes) in <see cref="RateStep"/>.</summary>
    public const string SmoothedSeries = "closed loop (true, last 5 strokes: judged)";

    /// <summary>Stroke rate against time around a level change: closed loop, open loop, target and the ±2 % band.</summary>
    public static BenchPlot RateStep(RateSegment closed, RateSegment? open, string title)
    {
        var plot = new BenchPlot { Title = title, XLabel = "time from level change (ms)", YLabel = "stroke rate (strokes/s)" };
        double T(ulong micros) => ((double)micros - closed.StartMicros) / 1000.0;
        plot.Series.Add(new PlotSeries("closed loop (true, per stroke)", closed.Window.Select(s => T(s.Micros)).ToArray(), closed.Window.Select(s => s.Rate).ToArray()));
        if (open != null && open.Window.Length > 0)
            plot.Series.Add(new PlotSeries("open loop (same load)", open.Window.Select(s => ((double)s.Micros - open.StartMicros) / 1000.0).ToArray(), open.Window.Select(s => s.Rate).ToArray()));
        plot.Series.Add(new PlotSeries(SmoothedSeries, closed.SmoothedWindow.Select(s => T(s.Micros)).ToArray(), closed.SmoothedWindow.Select(s => s.Rate).ToArray()));
        plot.XMarkers.Add(new PlotMarker(0, "level change"));
        plot.YMarkers.Add(new PlotMarker(closed.Target, "target " + closed.Target.ToString("0")));
        plot.YMarkers.Add(new PlotMarker(closed.Target * (1 + RateSegment.SettleBand), "+2 %"));
        plot.YMarkers.Add(new PlotMarker(closed.Target * (1 - RateSegment.SettleBand), "-2 %"));
        return plot;
    }

    /// <summary>Histogram of an interlock's reaction times with its deadline.</summary>
    public static BenchPlot Reactions(string title, double[] reactionsMs, double? deadlineMs)
    {
        var plot = new BenchPlot { Title = title, Kind = PlotKind.Histogram, XLabel = "reaction (simulated ms)", YLabel = "injections", Values = reactionsMs };
        if (deadlineMs is double d) plot.XMarkers.Add(new PlotMarker(d, "deadline " + d.ToString("0.#") + " ms"));
        return plot;
    }

    /// <summary>Replays one injection and plots needle depth and motor current around the fault (true values).</summary>
    public static BenchPlot? AroundFault(InterlocksOutcome worst, string title)
    {
        var series = new PenSeries();
        BenchTrace.OnThisThread = pen =>
        {
            series.Follow(pen);
            BenchTrace.Attach(pen, "interlock-replay-" + worst.Case.Plan.Fault);
        };
        InterlocksOutcome replay;
        try { replay = InterlocksMatrix.RunOne(worst.Case); }
        finally { BenchTrace.OnThisThread = null; }
        if (series.Micros.Count == 0) return null;
        double reaction = double.IsNaN(replay.ReactionMs) ? 0 : replay.ReactionMs;
        double before = 30, after = Math.Max(60, Math.Max(reaction, replay.DeadlineMs) * 2.5);
        var idx = Enumerable.Range(0, series.Micros.Count)
            .Where(i => { double t = ((double)series.Micros[i] - replay.InjectedAtMicros) / 1000.0; return t >= -before && t <= after; }).ToArray();
        if (idx.Length < 2) return null;
        double[] x = idx.Select(i => ((double)series.Micros[i] - replay.InjectedAtMicros) / 1000.0).ToArray();
        var plot = new BenchPlot { Title = title, XLabel = "time from injection (ms)", YLabel = "needle depth (mm)", Y2Label = "motor current (A)" };
        plot.Series.Add(new PlotSeries("needle depth", x, idx.Select(i => series.DepthMm[i]).ToArray()));
        plot.Series.Add(new PlotSeries("motor current", x, idx.Select(i => series.CurrentAmps[i]).ToArray(), Axis: "right"));
        plot.XMarkers.Add(new PlotMarker(0, "fault injected"));
        if (!double.IsNaN(replay.ReactionMs)) plot.XMarkers.Add(new PlotMarker(replay.ReactionMs, "safe (" + replay.ReactionMs.ToString("0.#") + " ms)"));
        if (replay.DeadlineMs > 0 && replay.ReactionRequired) plot.XMarkers.Add(new PlotMarker(replay.DeadlineMs, "deadline"));
        return plot;
    }
}
