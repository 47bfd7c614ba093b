using System.Globalization;
using System.Text.Json;

namespace MnPen.Tools.Tests.Bench;

/// <summary>`mnpen sim --trace`: the CSV holds the run the summary describes.</summary>
public sealed class SimTraceTests
{
    private static string Scenario(string name) => Path.Combine(TestPaths.RepoRoot, "docs", "scenarios", name);

    [Fact]
    public void Sim_trace_rows_match_the_run_summary_of_a_faulted_run()
    {
        string csv = Path.Combine(Path.GetTempPath(), "mnpen-trace-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            var (exit, stdout, stderr) = Cli.Run("sim", "--scenario", Scenario("cartridge-pulled.scenario"), "--trace", csv, "--json");
            Assert.True(exit == 0, stderr);
            var summary = JsonDocument.Parse(stdout).RootElement;
            var lines = File.ReadAllLines(csv);
            var header = lines[0].Split(',');
            int Col(string n) { int i = Array.IndexOf(header, n); Assert.True(i >= 0, "column " + n); return i; }
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            double D(string[] r, string n) => double.Parse(r[Col(n)], CultureInfo.InvariantCulture);

            // Same span of simulated time, same strokes, same final state as the summary.
            Assert.Equal(summary.GetProperty("simulated_seconds").GetDouble(), D(rows[^1], "time_s") - D(rows[0], "time_s"), 6);
            Assert.Equal(summary.GetProperty("strokes_delivered").GetInt64(), (long)(D(rows[^1], "strokes") - D(rows[0], "strokes")));
            Assert.Equal(summary.GetProperty("final_state").GetString(), rows[^1][Col("state")]);
            Assert.Equal(summary.GetProperty("final_fault").GetString(), rows[^1][Col("fault")]);

            // Every fault the summary reports appears in the trace at the same instant, in the same order.
            var traced = new List<(string Code, double Time)>();
            for (int i = 1; i < rows.Count; i++)
                if (rows[i][Col("fault")] != rows[i - 1][Col("fault")] && rows[i][Col("fault")] != "None") traced.Add((rows[i][Col("fault")], D(rows[i], "time_s")));
            var reported = summary.GetProperty("faults").EnumerateArray().Select(f => (f.GetProperty("code").GetString()!, f.GetProperty("time_seconds").GetDouble())).ToList();
            Assert.NotEmpty(reported);
            Assert.Equal(reported.Select(f => f.Item1), traced.Select(f => f.Code));
            for (int i = 0; i < reported.Count; i++) Assert.Equal(reported[i].Item2, traced[i].Time, 6);

            // Peaks seen in the trace never exceed the summary's (both true values); the slow temperature matches closely.
            Assert.True(rows.Max(r => D(r, "true_current_a")) <= summary.GetProperty("peak_current_amps").GetDouble() + 1e-4);
            Assert.Equal(summary.GetProperty("peak_handpiece_celsius").GetDouble(), rows.Max(r => D(r, "true_temperature_c")), 2);

            // Rows come at the recorder's own interval (plus transitions), not at whatever the firmware tick is.
            // (A step the processor spends blocked, e.g. a flash write at boot, is one longer gap.)
            var gaps = rows.Zip(rows.Skip(1), (a, b) => D(b, "time_s") - D(a, "time_s")).OrderBy(g => g).ToList();
            Assert.Equal(MnPen.VirtualPen.Reporting.TraceRecorder.DefaultIntervalMicros / 1e6, gaps[gaps.Count / 2], 4);
            Assert.Contains(rows, r => r[Col("measured_depth_mm")] != "" && r[Col("measured_depth_mm")] != r[Col("true_depth_mm")]);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Sim_junit_has_one_testcase_per_expectation_and_marks_the_failed_one()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-simjunit-" + Guid.NewGuid().ToString("N"));
        string scenario = Path.Combine(dir, "bad.scenario");
        Directory.CreateDirectory(dir);
        try
        {
            // One expectation that holds and one that cannot (the pen runs at its power-up level, not at 150 strokes/s).
            File.WriteAllText(scenario, "name two checks\nseed 3\ncartridge new\nduration 3 s\nat 0.5 s: level 2\nat 0.6 s: press start\n" +
                                        "expect within 600 ms after 0.6 s: state Running\nexpect from 1.8 s to 2.8 s: rate 150 within 1 %\n");
            string xml = Path.Combine(dir, "out", "sim.xml");
            var (exit, _, err) = Cli.Run("sim", "--scenario", scenario, "--junit", xml);
            Assert.True(exit == 1, err);
            var doc = System.Xml.Linq.XDocument.Load(xml);
            JUnitSchema.Validate(doc);
            var cases = doc.Descendants("testcase").ToList();
            Assert.True(cases.Count >= 1);
            var failed = cases.Where(c => c.Element("failure") != null).ToList();
            Assert.Single(failed);
            Assert.Contains("rate 150", failed[0].Attribute("name")!.Value);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
