using System.Globalization;
using System.Xml.Linq;
using MnPen.Bench.Runner;
using MnPen.Bench.Spec;

namespace MnPen.Bench.Reports;

/// <summary>
/// Writes a bench report as JUnit XML (one testsuite per bench suite, one testcase per case, strict shape: JUnitXml)
/// with what reproduces the run as properties: seed, platform, pen count, spec and firmware versions.
/// </summary>
public static class JUnitReportWriter
{
    /// <summary>The report as a JUnit XML document.</summary>
    public static XDocument Write(BenchReport report)
    {
        var suites = new List<XElement>();
        int id = 0;
        foreach (var s in report.Suites)
        {
            var cases = report.Cases.Where(c => c.Suite == s.Name).ToList();
            var suite = JUnitXml.Suite(id++, "mnpen.bench", s.Name, report.StartedUtc, report.Hostname, s.Seconds, Properties(report),
                cases.Count, cases.Count(c => !c.Passed));
            foreach (var c in cases)
            {
                string figures = string.Join("\n", c.Measurements.Select(Describe));
                string? message = c.Passed ? null : c.Error ?? string.Join("; ", c.Measurements.Where(m => !m.Passed).Select(Describe));
                string? text = c.Passed ? null : figures + string.Concat(c.Findings.Select(f => "\n" + f)) + "\nseed " + report.Seed + "; rerun: " + RerunCommand.For(c, report);
                suite.Add(JUnitXml.Case("bench." + s.Name, c.Name, c.Seconds, message, text));
            }
            // Every case's figures beside their limits, for consumers that show only the suite's output.
            JUnitXml.Close(suite, string.Join("\n", cases.Select(c => c.Name + ": " + string.Join("; ", c.Measurements.Select(Describe)))));
            suites.Add(suite);
        }
        return JUnitXml.Document("mnpen bench", suites, report.WallSeconds > 0 ? report.WallSeconds : report.Suites.Sum(s => s.Seconds));
    }

    /// <summary>Run properties: seed, platform, pens, spec and firmware versions.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Properties(BenchReport r)
    {
        yield return new("seed", r.Seed.ToString(CultureInfo.InvariantCulture));
        yield return new("platform", r.Platform);
        yield return new("pens", r.Pens.ToString(CultureInfo.InvariantCulture));
        if (r.OnlyPen is int only) yield return new("pen", only.ToString(CultureInfo.InvariantCulture));
        if (r.MotorSpread > 0) yield return new("motor_spread", r.MotorSpread.ToString("0.####", CultureInfo.InvariantCulture));
        if (r.SkinSpread is double skin) yield return new("skin_spread", skin.ToString("0.####", CultureInfo.InvariantCulture));
        if (r.SkinCommon is double common) yield return new("skin_common", common.ToString("0.####", CultureInfo.InvariantCulture));
        yield return new("spec_version", r.SpecVersion ?? "unjudged");
        yield return new("firmware_version", r.FirmwareVersion);
    }

    private static string Describe(BenchMeasurement m)
    {
        string v = double.IsNaN(m.Value) ? "n/a" : m.Value.ToString("0.###", CultureInfo.InvariantCulture);
        string lim = m.Kind == LimitKind.Info ? "" : " (limit " + BenchSpec.Describe(m.Kind, m.Limit, "").Trim() + ")";
        return m.Name + " = " + v + " " + m.Unit + lim + (m.Passed ? "" : " FAILED");
    }
}
