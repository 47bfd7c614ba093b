using MnPen.Bench;
using MnPen.Bench.Runner;
using MnPen.Bench.Spec;

namespace MnPen.Tools.Tests.Bench;

/// <summary>The persistence, endurance and protocol suites run (quick grid) and are judged by the spec.</summary>
public sealed class NewSuitesTests
{
    // Runs the suites' quick grid; the cases made are the ones the suites list beforehand (what `--case` is checked against).
    private static BenchReport Run(string suites)
    {
        var selected = BenchSelection.Parse(suites, BenchSpec.Current, out _)!;
        var ctx = new BenchContext { Quick = true, Seed = 3 };
        var report = BenchRunner.Run(selected, ctx, new BenchRunner.Options());
        Assert.Equal(BenchRunner.CaseNames(selected, ctx, new BenchRunner.Options()), report.Cases.Select(c => c.Suite + "/" + c.Name).ToList());
        return report;
    }

    [Fact]
    public void Power_cuts_during_writes_leave_a_usable_pen_and_a_used_cartridge_refused()
    {
        var r = Run("persistence");
        Assert.Equal(PersistenceSuite_QuickCount, r.Cases.Count);
        Assert.All(r.Cases, c => Assert.True(c.Passed, c.Name + ": " + c.Error));
        // The grid really cuts power (a cut that never happens would prove nothing), and some cut lands after strokes.
        Assert.All(r.Cases, c => Assert.True(c.Find("powerCuts")!.Value >= 1, c.Name));
        Assert.All(r.Cases, c => Assert.NotNull(c.Find("reuseAccepted")!.SpecKey));
    }

    private static int PersistenceSuite_QuickCount => MnPen.Bench.Suites.PersistenceSuite.QuickOffsets.Length;

    [Fact]
    public void A_working_day_catches_every_fault_and_runs_every_session_without_drift()
    {
        var day = Assert.Single(Run("endurance").Cases);
        Assert.True(day.Passed, day.Error + " " + string.Join("; ", day.Measurements.Select(m => m.Name + "=" + m.Value)));
        Assert.Equal(0, day.Find("missedFaults")!.Value);
        Assert.Equal(0, day.Find("sessionsFailed")!.Value);
        Assert.True(day.Find("rateDrift")!.Value < 0.5);
    }

    [Fact]
    public void Protocol_fuzz_and_recovery_cases_pass_and_a_recovery_reply_is_seen()
    {
        var r = Run("protocol");
        Assert.All(r.Cases, c => Assert.True(c.Passed, c.Name + ": " + c.Error));
        Assert.Contains(r.Cases, c => c.Name.StartsWith("fuzz/", StringComparison.Ordinal) && c.Find("frames")!.Value > 0);
        Assert.All(r.Cases.Where(c => c.Name.StartsWith("recovery/", StringComparison.Ordinal)), c => Assert.Equal(1, c.Find("recovered")!.Value));
    }

    [Fact]
    public void Standard_is_the_spec_s_sign_off_set()
    {
        var suites = BenchSelection.Parse("standard", BenchSpec.Current, out var error);
        Assert.Null(error);
        Assert.Equal(BenchSpec.Current.StandardSuites.OrderBy(s => s), suites!.Select(s => s.Name).OrderBy(s => s));
        Assert.Contains("persistence", BenchRegistry.Names);
        Assert.Contains("endurance", BenchRegistry.Names);
        Assert.Contains("protocol", BenchRegistry.Names);
    }
}
