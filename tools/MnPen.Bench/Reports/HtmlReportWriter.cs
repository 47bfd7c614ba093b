using System.Globalization;
using System.Net;
using System.Text;
using MnPen.Bench.Runner;
using MnPen.Bench.Spec;

namespace MnPen.Bench.Reports;

/// <summary>
/// The bench report as one self-contained HTML page: who/what/when (spec, firmware, seed, platform, host), a verdict per
/// suite, the plots (SvgPlot, inline) and every case's measured values beside their limits, failures first with their
/// rerun command. No script and no external files, so it can be archived with a release and opened anywhere.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Most cases whose plots are shown per suite (failing cases first, then the worst by their primary measurement).</summary>
    public const int PlotsPerSuite = 24;

    /// <summary>The report as an HTML document.</summary>
    public static string Write(BenchReport r)
    {
        var sb = new StringBuilder();
        string verdict = r.Failed == 0 ? "PASS" : "FAIL";
        sb.Append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>MnPen bench ").Append(verdict).Append("</title><style>")
          .Append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}h1{margin-bottom:4px}table{border-collapse:collapse;margin:8px 0}")
          .Append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}th{background:#f3f3f3}.pass{color:#176f2c;font-weight:bold}")
          .Append(".fail{color:#b00020;font-weight:bold}.plots{display:flex;flex-wrap:wrap;gap:12px}.plots svg{border:1px solid #ddd}")
          .Append("code{background:#f6f6f6;padding:1px 4px}details{margin:6px 0}.meta td:first-child{font-weight:bold}")
          .Append("</style></head><body>");
        sb.Append("<h1>MnPen bench: <span class='").Append(r.Failed == 0 ? "pass" : "fail").Append("'>").Append(verdict).Append("</span></h1>");
        sb.Append("<table class='meta'>");
        Row(sb, "cases", $"{r.Passed} passed, {r.Failed} failed of {r.Cases.Count}");
        Row(sb, "bench spec", r.SpecVersion ?? "not judged");
        Row(sb, "firmware", r.FirmwareVersion);
        Row(sb, "seed / platform / pens", $"{r.Seed} / {r.Platform} / {r.Pens}");
        Row(sb, "host, started (UTC)", r.Hostname + ", " + r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Row(sb, "wall time", r.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
        sb.Append("</table>");

        sb.Append("<h2>Suites</h2><table><tr><th>suite</th><th>result</th><th>cases</th><th>wall (s)</th><th>what it checks</th></tr>");
        foreach (var (name, description, seconds) in r.Suites)
        {
            var cases = r.Cases.Where(c => c.Suite == name).ToList();
            int failed = cases.Count(c => !c.Passed);
            sb.Append("<tr><td><a href='#").Append(E(name)).Append("'>").Append(E(name)).Append("</a></td><td class='").Append(failed == 0 ? "pass'>pass" : "fail'>FAIL")
              .Append("</td><td>").Append(cases.Count - failed).Append('/').Append(cases.Count).Append("</td><td>")
              .Append(seconds.ToString("0.0", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(description)).Append("</td></tr>");
        }
        sb.Append("</table>");

        foreach (var (name, _, _) in r.Suites)
        {
            var cases = r.Cases.Where(c => c.Suite == name).ToList();
            sb.Append("<h2 id='").Append(E(name)).Append("'>").Append(E(name)).Append("</h2>");
            var failing = cases.Where(c => !c.Passed).ToList();
            if (failing.Count > 0)
            {
                sb.Append("<h3 class='fail'>Failed cases</h3><ul>");
                foreach (var c in failing)
                    sb.Append("<li><b>").Append(E(c.Name)).Append("</b>: ").Append(E(c.Error ?? string.Join("; ", c.Measurements.Where(m => !m.Passed).Select(Describe))))
                      .Append(c.WorstPenParts != null ? "<br>worst pen: " + E(c.WorstPenParts) : "")
                      .Append("<br>rerun: <code>").Append(E(RerunCommand.For(c, r))).Append("</code></li>");
                sb.Append("</ul>");
            }
            var plotted = cases.Where(c => c.Plots.Count > 0)
                .OrderBy(c => c.Passed ? 1 : 0).ThenByDescending(Severity).Take(PlotsPerSuite).ToList();
            if (plotted.Count > 0)
            {
                sb.Append("<div class='plots'>");
                foreach (var c in plotted)
                    foreach (var p in c.Plots) sb.Append(SvgPlot.Render(p));
                sb.Append("</div>");
            }
            sb.Append("<details").Append(failing.Count > 0 ? " open" : "").Append("><summary>every case: measured value beside its limit (")
              .Append(cases.Count).Append(")</summary><table><tr><th>case</th><th>result</th><th>measured (limit)</th><th>s</th></tr>");
            foreach (var c in cases)
            {
                sb.Append("<tr><td>").Append(E(c.Name)).Append("</td><td class='").Append(c.Passed ? "pass'>pass" : "fail'>FAIL").Append("</td><td>")
                  .Append(E(string.Join("; ", c.Measurements.Where(m => m.Kind != LimitKind.Info).Select(Describe))))
                  .Append("</td><td>").Append(c.Seconds.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td></tr>");
            }
            sb.Append("</table></details>");
        }
        sb.Append("<p style='color:#777;font-size:12px'>Plots show simulator ground truth. Limits: tools/MnPen.Bench/spec/bench-spec.json, version ")
          .Append(E(r.SpecVersion ?? "-")).Append(".</p></body></html>");
        return sb.ToString();
    }

    // How close the case came to its primary limit (value / limit), to pick the plots most worth a look.
    private static double Severity(BenchCase c)
    {
        var m = c.PrimaryMeasurement != null ? c.Find(c.PrimaryMeasurement) : null;
        if (m == null || double.IsNaN(m.Value)) return 0;
        return m.Kind == LimitKind.AtMost && m.Limit > 0 ? m.Value / m.Limit : m.Value;
    }

    private static void Row(StringBuilder sb, string k, string v) => sb.Append("<tr><td>").Append(E(k)).Append("</td><td>").Append(E(v)).Append("</td></tr>");

    private static string Describe(BenchMeasurement m)
    {
        string v = double.IsNaN(m.Value) ? "n/a" : m.Value.ToString("0.###", CultureInfo.InvariantCulture);
        // Over a population the value is the worst pen's; the median and the spread say how the rest did.
        string pens = m.Population is PopulationFigure f && f.Pens > 1
            ? $" [worst of {f.Pens} pens (pen {f.WorstPen}); median {f.Median.ToString("0.###", CultureInfo.InvariantCulture)}, spread {f.Spread.ToString("0.###", CultureInfo.InvariantCulture)}]"
            : "";
        return m.Name + " " + v + " " + m.Unit + (m.Kind == LimitKind.Info ? "" : " (" + BenchSpec.Describe(m.Kind, m.Limit, m.Unit) + ")") + pens + (m.Passed ? "" : " FAILED");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
