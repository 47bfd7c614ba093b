using System.Text.Json;
using MnPen.Bench;
using MnPen.Bench.Reports;

namespace MnPen.Firmware.Tests;

public class BenchReportTests
{
    private static BenchReport Sample()
    {
        var report = new BenchReport { Seed = 7 };
        report.Suites.Add(("rate", "test", 0.5));
        var ok = new BenchCase("rate", "nominal/full/L3 up") { PrimaryMeasurement = "steadyStateError" };
        ok.Add("steadyStateError", 0.2, "%", LimitKind.AtMost, 1.0);
        ok.Add("openLoopSteadyStateError", double.NaN, "%");
        var bad = new BenchCase("rate", "tough/sagging/L6 up") { PrimaryMeasurement = "steadyStateError" };
        bad.Add("steadyStateError", 1.7, "%", LimitKind.AtMost, 1.0);
        report.Cases.Add(ok);
        report.Cases.Add(bad);
        return report;
    }

    [Fact]
    public void Json_report_carries_counts_and_each_case_with_its_measured_error()
    {
        using var doc = JsonDocument.Parse(JsonReportWriter.Write(Sample()));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("passed").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        var cases = root.GetProperty("cases");
        Assert.Equal(2, cases.GetArrayLength());
        Assert.Equal(1.7, cases[1].GetProperty("error").GetDouble(), 3);
        Assert.False(cases[1].GetProperty("passed").GetBoolean());
        // An unmeasurable value is null, never NaN (which JSON cannot hold).
        Assert.Equal(JsonValueKind.Null, cases[0].GetProperty("measurements")[1].GetProperty("value").ValueKind);
    }

    [Fact]
    public void Junit_report_marks_failing_cases_with_the_measurement_that_failed()
    {
        var xml = JUnitReportWriter.Write(Sample());
        var failures = xml.Descendants("failure").ToList();
        Assert.Single(failures);
        Assert.Contains("steadyStateError = 1.7", failures[0].Attribute("message")!.Value);
        Assert.Equal("1", xml.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public void Registry_finds_the_rate_and_depth_suites_and_rejects_unknown_names()
    {
        Assert.Contains("rate", BenchRegistry.Names);
        Assert.Contains("depth", BenchRegistry.Names);
        Assert.Empty(BenchRegistry.Select("nope"));
        Assert.Equal(BenchRegistry.List.Count, BenchRegistry.Select("all").Count);
    }
}
