using System.Text.Json;

namespace MnPen.Tools.Tests.CommandLine;

/// <summary>Report folders are created, and Ctrl+C ends long runs with exit 130, an "interrupted" line and the partial results.</summary>
public sealed class OutputAndInterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mnpen-output-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Junit_report_in_a_folder_that_does_not_exist_yet_is_written()
    {
        var path = Path.Combine(_dir, "reports", "nested", "depth.xml");
        var r = BuiltTool.Run(new[] { "bench", "--suite", "depth", "--quick", "--junit", path }, TimeSpan.FromMinutes(3));
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Contains("<testsuites", File.ReadAllText(path));
    }

    [Fact]
    public void Junit_path_that_is_a_folder_is_refused_before_the_suite_runs()
    {
        var r = BuiltTool.Run(new[] { "bench", "--suite", "all", "--junit", _dir });
        Assert.Equal(2, r.Exit);
        Assert.DoesNotContain("bench rate", r.Stderr);   // no progress: nothing ran
    }

    [UnixFact]
    public void Ctrl_C_during_sim_prints_interrupted_and_the_partial_summary_and_exits_130()
    {
        var run = BuiltTool.Start(new[] { "sim", "--duration", "80000", "--json" });
        Thread.Sleep(TimeSpan.FromSeconds(6));
        run.Interrupt();
        var r = run.Finish(TimeSpan.FromSeconds(60));
        Assert.Equal(130, r.Exit);
        Assert.Contains("interrupted", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.Equal("interrupted", doc.RootElement.GetProperty("result").GetString());
        Assert.InRange(doc.RootElement.GetProperty("simulated_seconds").GetDouble(), 0.5, 80000);
    }

    [UnixTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void A_signal_during_the_protocol_fuzz_prints_the_figures_of_what_ran_and_exits_130(string signal)
    {
        var run = BuiltTool.Start(new[] { "sim", "--fuzz", "100000000", "--json" });
        Assert.True(run.WaitForStderr("  100,000", TimeSpan.FromSeconds(120)), run.StderrSoFar);
        run.Signal(signal);
        var r = run.Finish(TimeSpan.FromSeconds(60));
        Assert.True(r.Exit == 130, $"exit {r.Exit}: {r.Stderr}");
        Assert.Contains("mnpen sim --fuzz: interrupted after", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
        // Stopped in the in-process run: its frames so far are counted, the served run never started.
        Assert.InRange(doc.RootElement.GetProperty("inProcess").GetProperty("frames").GetInt64(), 100_000, 99_999_999);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("served").ValueKind);
    }

    [UnixFact]
    public void Ctrl_C_during_bench_writes_the_report_of_the_suites_that_finished_and_exits_130()
    {
        var path = Path.Combine(_dir, "r", "bench.xml");
        var run = BuiltTool.Start(new[] { "bench", "--suite", "all", "--junit", path });
        // Suites run side by side: interrupt once one of them has finished (the others, endurance above all, still run).
        Assert.True(run.WaitForStderr(": finished in ", TimeSpan.FromSeconds(180)), run.StderrSoFar);
        string finished = System.Text.RegularExpressions.Regex.Match(run.StderrSoFar, @"bench (\w+): finished in ").Groups[1].Value;
        run.Interrupt();
        var r = run.Finish(TimeSpan.FromSeconds(120));
        Assert.Equal(130, r.Exit);
        var said = System.Text.RegularExpressions.Regex.Match(r.Stderr, @"interrupted \(([\w, ]+) did not finish\)");
        Assert.True(said.Success, r.Stderr);
        var unfinished = said.Groups[1].Value.Split(", ");
        Assert.True(File.Exists(path), "the JUnit report of the finished suites was not written");
        var xml = System.Xml.Linq.XDocument.Load(path);
        var names = xml.Descendants("testsuite").Select(t => t.Attribute("name")!.Value).ToList();
        Assert.Contains(finished, names);
        Assert.DoesNotContain(finished, unfinished);
        Assert.Empty(names.Intersect(unfinished));
        // Every suite is either in the report or named as not finished: none is lost.
        Assert.Equal(MnPen.Bench.BenchRegistry.List.Count, names.Count + unfinished.Length);
    }
}
