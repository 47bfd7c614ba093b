using MnPen.Bench.Reports;

namespace MnPen.Bench.Runner;

/// <summary>
/// Merges one suite's cases run on each pen of a population into one case per name: each measurement becomes its
/// figure over the pens (worst by its limit, median, spread, worst pen; the value judged is the worst, information
/// figures show the median), an error names its pen, and the first line plot of the worst pen gains the best..worst
/// band and the median of every pen's first line.
/// </summary>
public static class PopulationMerge
{
    /// <summary>Cases of perPen[k] were run on pen indices[k]; the result keeps the first pen's case order.</summary>
    public static List<BenchCase> Merge(IReadOnlyList<IReadOnlyList<BenchCase>> perPen, IReadOnlyList<int> indices, Func<int, string>? describePen = null)
    {
        if (perPen.Count != indices.Count || perPen.Count == 0) throw new ArgumentException("one case list per pen");
        var names = perPen.SelectMany(l => l.Select(c => c.Name)).Distinct().ToList();
        var merged = new List<BenchCase>();
        foreach (string name in names)
        {
            var runs = new List<(BenchCase Case, int Pen)>();
            for (int k = 0; k < perPen.Count; k++)
                if (perPen[k].FirstOrDefault(c => c.Name == name) is BenchCase c) runs.Add((c, indices[k]));
            merged.Add(MergeCase(runs, perPen.Count, describePen));
        }
        return merged;
    }

    private static BenchCase MergeCase(List<(BenchCase Case, int Pen)> runs, int pens, Func<int, string>? describePen)
    {
        var first = runs[0].Case;
        var m = new BenchCase(first.Suite, first.Name) { PrimaryMeasurement = first.PrimaryMeasurement, Seconds = runs.Sum(r => r.Case.Seconds) };
        foreach (var kv in first.Parameters) m.Parameters[kv.Key] = kv.Value;
        var errors = runs.Where(r => r.Case.Error != null).Select(r => "pen " + r.Pen + ": " + r.Case.Error).ToList();
        if (runs.Count < pens) errors.Add($"ran on {runs.Count} of {pens} pens");
        if (errors.Count > 0) m.Error = string.Join(" | ", errors.Take(3)) + (errors.Count > 3 ? $" | … {errors.Count - 3} more" : "");
        foreach (var r in runs) m.Findings.AddRange(r.Case.Findings.Select(f => "pen " + r.Pen + ": " + f));
        foreach (string name in runs.SelectMany(r => r.Case.Measurements.Select(x => x.Name)).Distinct())
        {
            var have = runs.Where(r => r.Case.Find(name) != null).ToList();
            var proto = have[0].Case.Find(name)!;
            var values = have.Select(r => r.Case.Find(name)!.Value).ToList();
            var figure = PopulationFigure.Of(values, have.Select(r => r.Pen).ToList(), proto.Kind);
            double value = proto.Kind == LimitKind.Info ? figure.Median : figure.Worst;
            m.Add(name, value, proto.Unit, proto.Kind, proto.Limit).Population = figure;
        }
        // The pen worth looking at: the first that failed, else the worst on the primary measurement.
        var failed = runs.FirstOrDefault(r => !r.Case.Passed);
        int worstPen = failed.Case != null ? failed.Pen
            : (first.PrimaryMeasurement != null ? m.Find(first.PrimaryMeasurement)?.Population?.WorstPen : null) ?? runs[0].Pen;
        m.WorstPen = worstPen;
        m.WorstPenParts = describePen?.Invoke(worstPen);
        var worst = runs.First(r => r.Pen == worstPen).Case;
        foreach (var plot in worst.Plots) m.Plots.Add(plot);
        if (runs.Count > 1 && m.Plots.FirstOrDefault(p => p.Kind == PlotKind.Line && p.Series.Count > 0 && p.Series[0].Upper == null) is BenchPlot line)
            AddBand(m, line, runs.Select(r => r.Case).ToList(), worstPen);
        return m;
    }

    // Replaces the plot with a copy whose first series is the worst pen's, preceded by the band and the median of every
    // pen's first series of the same plot (by title position), interpolated onto the worst pen's x values.
    private static void AddBand(BenchCase m, BenchPlot line, List<BenchCase> cases, int worstPen)
    {
        int at = m.Plots.IndexOf(line);
        int position = m.Plots.Take(at + 1).Count(p => p.Kind == PlotKind.Line);
        var x = line.Series[0].X;
        var curves = new List<double[]>();
        foreach (var c in cases)
        {
            var plot = c.Plots.Where(p => p.Kind == PlotKind.Line).Skip(position - 1).FirstOrDefault();
            if (plot == null || plot.Series.Count == 0) continue;
            curves.Add(x.Select(t => Interpolate(plot.Series[0].X, plot.Series[0].Y, t)).ToArray());
        }
        var lo = new List<double>(); var hi = new List<double>(); var med = new List<double>(); var xs = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            var v = curves.Select(cv => cv[i]).Where(double.IsFinite).OrderBy(d => d).ToArray();
            if (v.Length < curves.Count || v.Length == 0) continue;
            xs.Add(x[i]); lo.Add(v[0]); hi.Add(v[^1]);
            med.Add(PopulationFigure.MedianOfSorted(v));
        }
        if (xs.Count < 2) return;
        var banded = new BenchPlot
        {
            Title = line.Title + " — " + curves.Count + " pens (band best..worst, median, worst pen " + worstPen + ")",
            Kind = line.Kind, XLabel = line.XLabel, YLabel = line.YLabel, Y2Label = line.Y2Label, Values = line.Values,
        };
        banded.Series.Add(new PlotSeries("best..worst of " + curves.Count + " pens", xs.ToArray(), lo.ToArray(), hi.ToArray(), line.Series[0].Axis));
        banded.Series.Add(new PlotSeries("median pen", xs.ToArray(), med.ToArray(), null, line.Series[0].Axis));
        banded.Series.Add(line.Series[0] with { Name = line.Series[0].Name + " (worst pen " + worstPen + ")" });
        banded.Series.AddRange(line.Series.Skip(1));
        banded.XMarkers.AddRange(line.XMarkers);
        banded.YMarkers.AddRange(line.YMarkers);
        m.Plots[at] = banded;
    }

    // Linear between neighbouring samples of a rising x; NaN outside.
    private static double Interpolate(double[] x, double[] y, double t)
    {
        if (x.Length == 0 || t < x[0] || t > x[^1]) return double.NaN;
        int i = Array.BinarySearch(x, t);
        if (i >= 0) return y[i];
        i = ~i;
        double f = (t - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + f * (y[i] - y[i - 1]);
    }
}
