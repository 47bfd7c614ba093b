using System.Globalization;
using MnPen.Bench;
using MnPen.Bench.Runner;

namespace MnPen.Cli.Commands;

/// <summary>After a `bench --pens N` run: per suite, the pen that came closest to (or past) a limit and the command that reruns just it.</summary>
internal static class PopulationSummary
{
    /// <summary>Writes one line per suite: worst pen, its case and measurement, its margin to the limit, its rerun command.</summary>
    public static void Write(BenchReport report, TextWriter error)
    {
        foreach (var (suite, _, _) in report.Suites)
        {
            // Closest to its limit (relative margin; past it is negative) over every judged population figure of the suite.
            var worst = report.Cases.Where(c => c.Suite == suite)
                .SelectMany(c => c.Measurements.Where(m => m.Kind != LimitKind.Info && m.Population != null && m.Population.Pens > 1).Select(m => (Case: c, M: m)))
                // A figure every pen shares (a pass/fail flag all passed) says nothing about which pen is worst.
                .Where(x => !x.M.Passed || x.M.Population!.Spread > 0)
                .OrderBy(x => x.M.Passed ? 1 : 0).ThenBy(x => Margin(x.M)).FirstOrDefault();
            if (worst.Case == null) continue;
            var f = worst.M.Population!;
            string value = double.IsNaN(f.Worst) ? "n/a" : f.Worst.ToString("0.###", CultureInfo.InvariantCulture);
            string median = double.IsNaN(f.Median) ? "n/a" : f.Median.ToString("0.###", CultureInfo.InvariantCulture);
            error.WriteLine($"mnpen bench: {suite}: worst pen {f.WorstPen} (seed {report.Seed}) at {worst.Case.Name}: {worst.M.Name} {value} {worst.M.Unit} " +
                            $"(limit {(worst.M.Kind == LimitKind.AtMost ? "<=" : ">=")} {worst.M.Limit.ToString("0.###", CultureInfo.InvariantCulture)}; median of {f.Pens} pens {median}); " +
                            $"rerun just that pen: {RerunCommand.ForPen(worst.Case, report, f.WorstPen)}");
        }
    }

    // Fraction of the limit left (1 = far, 0 = at the limit, < 0 = past it); an unmeasured figure is the worst.
    private static double Margin(BenchMeasurement m)
    {
        double v = m.Population!.Worst;
        if (double.IsNaN(v)) return double.NegativeInfinity;
        double scale = Math.Max(Math.Abs(m.Limit), 1e-9);
        return m.Kind == LimitKind.AtMost ? (m.Limit - v) / scale : (v - m.Limit) / scale;
    }
}
