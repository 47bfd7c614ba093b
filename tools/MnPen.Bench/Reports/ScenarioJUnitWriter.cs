using System.Globalization;
using System.Xml.Linq;
using MnPen.Bench.Runner;
using MnPen.VirtualPen.Reporting;

namespace MnPen.Bench.Reports;

/// <summary>
/// `mnpen sim --junit FILE`: a scenario run as JUnit XML, one testcase per expectation (its measured value in the
/// failure text), so scenario files can gate CI like bench suites do.
/// </summary>
public static class ScenarioJUnitWriter
{
    /// <summary>The summary as a JUnit document; the run's wall time is shared over its expectations.</summary>
    public static XDocument Write(RunSummary s, string platform, DateTime startedUtc)
    {
        double wall = s.WallSeconds ?? 0;
        var props = new List<KeyValuePair<string, string>>
        {
            new("seed", s.Seed.ToString(CultureInfo.InvariantCulture)),
            new("platform", platform),
            new("pens", "1"),
            new("scenario", s.Scenario),
            new("firmware_version", RunIdentity.FirmwareVersion),
            new("session_result", s.SessionResult),
        };
        var failed = s.Expectations.Count(e => !e.Passed);
        var suite = JUnitXml.Suite(0, "mnpen.sim", s.Scenario, startedUtc, Environment.MachineName, wall, props, s.Expectations.Count, failed);
        double each = s.Expectations.Count == 0 ? 0 : wall / s.Expectations.Count;
        foreach (var e in s.Expectations)
        {
            string name = "line " + e.Line + ": " + e.Text;
            suite.Add(JUnitXml.Case("sim." + s.Scenario, name, each, e.Passed ? null : "measured: " + e.Measured,
                e.Passed ? null : "measured: " + e.Measured + "\nseed " + s.Seed));
        }
        JUnitXml.Close(suite, string.Join("\n", s.Expectations.Select(e => (e.Passed ? "ok   " : "FAIL ") + "line " + e.Line + ": " + e.Text + " -> " + e.Measured)));
        return JUnitXml.Document("mnpen sim", new[] { suite }, wall);
    }
}
