using MnPen.Bench;
using MnPen.Bench.Runner;
using MnPen.Bench.Spec;
using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Bench;

/// <summary>`bench --case`: a pattern that matches no case is refused before any pen is simulated, with the cases nearest it.</summary>
public sealed class CaseSelectionTests
{
    // The whole full grid takes minutes on two cores and prints progress per suite; the refusal comes from the suites'
    // own case lists, so it is immediate and silent.
    [Fact]
    public void A_pattern_that_matches_no_case_exits_2_naming_the_nearest_cases_before_any_pen_is_simulated()
    {
        var r = BuiltTool.Run(new[] { "bench", "--case", "rate/tough/saging/L6 up" }, TimeSpan.FromSeconds(60));

        Assert.Equal(2, r.Exit);
        Assert.Equal("", r.Stdout);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no case matches --case 'rate/tough/saging/L6 up'", line);
        Assert.All(BenchRegistry.Names, s => Assert.Contains(s, line));
        Assert.Contains("closest: 'rate/tough/sagging/L6 up'", line);
        // Nothing ran: no suite reported progress or finished.
        Assert.DoesNotContain("finished in", r.Stderr);
        Assert.DoesNotContain("bench rate:", r.Stderr);
    }

    [Fact]
    public void A_glob_that_matches_nothing_offers_the_cases_its_literal_parts_come_near()
    {
        var (exit, stdout, err) = Cli.Run("bench", "--suite", "depth", "--quick", "--case", "*cartrige*");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("of suite depth (--quick grid)", err);
        Assert.Contains("closest: 'depth/limit/shallow cartridge/", err);
        Assert.DoesNotContain("bench depth:", err);
    }

    [Fact]
    public void A_typo_in_the_case_name_alone_finds_the_case_in_its_suite()
    {
        var names = BenchRunner.CaseNames(BenchRegistry.List, new BenchContext(), new BenchRunner.Options());
        var pattern = new CasePattern("tough/sagging/L6 upp");

        Assert.DoesNotContain(names, pattern.Matches);
        Assert.Equal("rate/tough/sagging/L6 up", pattern.Closest(names, 3)[0]);
        // Every suite lists its cases, and a full name is never listed twice.
        Assert.All(BenchRegistry.Names, s => Assert.Contains(names, n => n.StartsWith(s + "/", StringComparison.Ordinal)));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void The_depth_suite_lists_exactly_the_cases_its_quick_run_makes()
    {
        var suites = BenchSelection.Parse("depth", BenchSpec.Current, out _)!;
        var ctx = new BenchContext { Quick = true, Seed = 5 };
        var ran = BenchRunner.Run(suites, ctx, new BenchRunner.Options()).Cases.Select(c => c.Suite + "/" + c.Name).ToList();

        Assert.Equal(ran, BenchRunner.CaseNames(suites, ctx, new BenchRunner.Options()));
    }
}
