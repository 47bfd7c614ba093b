using System.Globalization;
using System.Xml.Linq;

namespace MnPen.Bench.Reports;

/// <summary>Writes a bench report as JUnit XML (one testsuite per bench suite, one testcase per case) for CI dashboards.</summary>
public static class JUnitReportWriter
{
    /// <summary>The report as a JUnit XML document.</summary>
    public static XDocument Write(BenchReport report)
    {
        var root = new XElement("testsuites",
            new XAttribute("name", "mnpen bench"),
            new XAttribute("tests", report.Cases.Count),
            new XAttribute("failures", report.Failed));
        foreach (var s in report.Suites)
        {
            var cases = report.Cases.Where(c => c.Suite == s.Name).ToList();
            var suite = new XElement("testsuite",
                new XAttribute("name", s.Name),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => !c.Passed)),
                new XAttribute("time", s.Seconds.ToString("0.###", CultureInfo.InvariantCulture)));
            suite.Add(new XElement("properties", new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", report.Seed))));
            foreach (var c in cases)
            {
                var tc = new XElement("testcase", new XAttribute("classname", "bench." + s.Name), new XAttribute("name", c.Name));
                var figures = string.Join("\n", c.Measurements.Select(Describe));
                if (!c.Passed)
                {
                    string message = c.Error ?? string.Join("; ", c.Measurements.Where(m => !m.Passed).Select(Describe));
                    tc.Add(new XElement("failure", new XAttribute("message", message), figures));
                }
                tc.Add(new XElement("system-out", figures));
                suite.Add(tc);
            }
            root.Add(suite);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static string Describe(BenchMeasurement m)
    {
        string v = double.IsNaN(m.Value) ? "n/a" : m.Value.ToString("0.###", CultureInfo.InvariantCulture);
        string lim = m.Kind switch
        {
            LimitKind.AtMost => " (limit <= " + m.Limit.ToString("0.###", CultureInfo.InvariantCulture) + ")",
            LimitKind.AtLeast => " (limit >= " + m.Limit.ToString("0.###", CultureInfo.InvariantCulture) + ")",
            _ => "",
        };
        return m.Name + " = " + v + " " + m.Unit + lim + (m.Passed ? "" : " FAILED");
    }
}
