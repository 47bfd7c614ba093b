using MnPen.Bench.Reports;

namespace MnPen.Bench.Suites;

/// <summary>
/// Figures over several pens' runs of one rate sequence: the worst value and the best..worst band around a level
/// change. (A bench run's population, `--pens N`, is run by the runner one pen at a time and merged by PopulationMerge.)
/// </summary>
public static class RatePopulation
{
    /// <summary>The worst value over the pens (NaN, "never settled", counts as the worst).</summary>
    public static double Worst(IReadOnlyList<RateSegment> pens, Func<RateSegment, double> figure)
    {
        double worst = double.NegativeInfinity;
        foreach (var p in pens)
        {
            double v = figure(p);
            if (double.IsNaN(v)) return double.NaN;
            worst = Math.Max(worst, v);
        }
        return pens.Count == 0 ? double.NaN : worst;
    }

    /// <summary>Median 5-stroke rate and the min..max band over the pens on a 5 ms grid around the change.</summary>
    public static BenchPlot Band(IReadOnlyList<RateSegment> pens, RateSegment? open, string title)
    {
        var plot = BenchPlots.RateStep(pens[0], open, title);
        var grid = Enumerable.Range(0, 141).Select(k => -100.0 + 5.0 * k).ToArray();
        var perPen = pens.Select(p => grid.Select(t => RateAt(p, t)).ToArray()).ToList();
        double[] Stat(Func<double[], double> f) => grid.Select((_, k) => f(perPen.Select(r => r[k]).Where(double.IsFinite).ToArray())).ToArray();
        var lo = Stat(v => v.Length == 0 ? double.NaN : v.Min());
        var hi = Stat(v => v.Length == 0 ? double.NaN : v.Max());
        var median = Stat(v => { Array.Sort(v); return PopulationFigure.MedianOfSorted(v); });
        var keep = grid.Select((_, k) => k).Where(k => double.IsFinite(lo[k]) && double.IsFinite(hi[k])).ToArray();
        // Replace pen 0's line with the population: band (best..worst) and the median pen; the open-loop line stays.
        plot.Series.RemoveAt(0);
        plot.Series.RemoveAll(x => x.Name == BenchPlots.SmoothedSeries);
        plot.Series.Insert(0, new PlotSeries("best..worst of " + pens.Count + " pens (last 5 strokes)", keep.Select(k => grid[k]).ToArray(), keep.Select(k => lo[k]).ToArray(), keep.Select(k => hi[k]).ToArray()));
        plot.Series.Insert(1, new PlotSeries("median pen (last 5 strokes)", keep.Select(k => grid[k]).ToArray(), keep.Select(k => median[k]).ToArray()));
        return plot;
    }

    // The judged reading at t ms from the change (the 5-stroke rate at the last completed stroke).
    private static double RateAt(RateSegment s, double tMs)
    {
        double micros = s.StartMicros + tMs * 1000.0;
        double rate = double.NaN;
        foreach (var (m, r) in s.SmoothedWindow)
        {
            if (m > micros) break;
            rate = r;
        }
        return rate;
    }
}
