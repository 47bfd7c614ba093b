using MnPen.Bench;
using MnPen.Bench.Runner;

namespace MnPen.Tools.Tests.Bench;

/// <summary>What a population run shows while it works: pens done per suite, not every pen's own case count.</summary>
public sealed class PopulationProgressTests
{
    // A suite of three cases that reports each one, as the real suites do.
    private sealed class ThreeCaseSuite : IBenchSuite
    {
        public string Name => "three";
        public string Description => "three empty cases";

        public IReadOnlyList<string> CaseNames(BenchContext context) => new[] { "case 1", "case 2", "case 3" };

        public IReadOnlyList<BenchCase> Run(BenchContext context)
        {
            var cases = new List<BenchCase>();
            foreach (string name in CaseNames(context))
            {
                cases.Add(new BenchCase(Name, name));
                context.Report(Name, cases.Count, 3, name);
            }
            return cases;
        }
    }

    private static List<(string Suite, int Done, int Total, string Current)> Run(int pens)
    {
        var calls = new List<(string, int, int, string)>();
        var ctx = new BenchContext { Seed = 1, Progress = (s, d, t, c) => calls.Add((s, d, t, c)) };
        BenchRunner.Run(new IBenchSuite[] { new ThreeCaseSuite() }, ctx, new BenchRunner.Options { Pens = pens });
        return calls;
    }

    [Fact]
    public void A_population_run_reports_pens_done_and_ends_at_the_pen_count()
    {
        var calls = Run(5);
        Assert.Equal(5, calls.Count);
        Assert.All(calls, c => Assert.Equal(5, c.Total));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, calls.Select(c => c.Done));
        Assert.All(calls, c => Assert.Matches(@"^pen \d done$", c.Current));
        Assert.Equal(Enumerable.Range(0, 5).Select(p => $"pen {p} done").Order(), calls.Select(c => c.Current).Order());
    }

    [Fact]
    public void A_single_pen_run_reports_its_cases()
    {
        var calls = Run(1);
        Assert.Equal(new[] { 1, 2, 3 }, calls.Select(c => c.Done));
        Assert.All(calls, c => Assert.Equal(3, c.Total));
    }
}
