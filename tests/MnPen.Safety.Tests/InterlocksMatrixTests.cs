using MnPen.Bench.Suites;
using Xunit.Abstractions;

namespace MnPen.Safety.Tests;

/// <summary>
/// The fault-injection matrix on the virtual pen, a real but smaller sample than `mnpen bench --suite interlocks`
/// (every simulator fault in every operating state, several onsets and seeds each). Set MNPEN_FULL_MATRIX=1 to run the
/// full 10,000 injections here.
/// </summary>
public class InterlocksMatrixTests(ITestOutputHelper output)
{
    private static int Injections => Environment.GetEnvironmentVariable("MNPEN_FULL_MATRIX") == "1" ? InterlocksSuite.FullInjections : InterlocksSuite.QuickInjections;

    [Fact]
    [Trait("Requirement", "SAF-INJ-01")]
    [Trait("Requirement", "SAF-GATE-01")]
    [Trait("Requirement", "SAF-DRV-01")]
    [Trait("Requirement", "SAF-CART-02")]
    [Trait("Requirement", "SAF-JAM-01")]
    [Trait("Requirement", "SAF-PLS-01")]
    [Trait("Requirement", "SAF-PLS-02")]
    [Trait("Requirement", "SAF-PLS-03")]
    [Trait("Requirement", "SAF-DEP-01")]
    [Trait("Requirement", "SAF-TMP-01")]
    [Trait("Requirement", "SAF-BAT-01")]
    [Trait("Requirement", "SAF-TIM-01")]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Every_simulator_fault_in_every_state_reaches_the_safe_state_in_time_with_the_right_code_and_no_restart()
    {
        var report = InterlocksMatrix.Run(new InterlocksMatrixOptions { Injections = Injections, Seed = 11, Parallelism = Environment.ProcessorCount });
        foreach (var row in report.Interlocks)
            output.WriteLine($"{row.Fault,-22} {row.Interlock,-26} runs {row.Runs,5} required {row.ReactionsRequired,5} failures {row.Failures} " +
                             $"max {row.MaxReactionMs?.ToString("0.###") ?? "-"} ms p99 {row.P99ReactionMs?.ToString("0.###") ?? "-"} ms deadline {row.DeadlineMs?.ToString("0.###") ?? "-"} ms");
        foreach (var f in report.FailureSamples) output.WriteLine(f);

        Assert.Equal(Injections, report.Injections);
        Assert.Equal(0, report.UnsafeOutcomes);
        Assert.True(report.Failures == 0, string.Join("\n", report.FailureSamples));
        // Every catalogue fault ran in every state, and the interlocks that must react did react.
        foreach (var plan in InterlocksFaultPlan.All)
        {
            var row = report.Interlocks.Single(r => r.Fault == plan.Fault);
            Assert.All(row.PerState.Values, n => Assert.True(n > 0, $"{plan.Fault} missed a state"));
            if (plan.Onset is InjectionOnset.Injection or InjectionOnset.FirstDrive or InjectionOnset.HandpieceHot && plan.RequiredIn == null)
                Assert.True(row.ReactionsRequired > 0, $"{plan.Fault}: no run required a reaction");
        }
    }

    [Fact]
    [Trait("Requirement", "SAF-INJ-01")]
    public void Matrix_covers_the_whole_simulator_catalogue()
    {
        var simulated = MnPen.Hal.Simulator.Faults.SimFaultCatalog.Names;
        var planned = InterlocksFaultPlan.All.Select(p => p.Fault).Where(f => f != "(none)").ToArray();
        Assert.Equal(simulated.OrderBy(x => x), planned.OrderBy(x => x));
    }

    [Fact]
    [Trait("Requirement", "SAF-INJ-01")]
    public void Cases_are_deterministic_for_a_seed_and_spread_over_faults_and_states()
    {
        var o = new InterlocksMatrixOptions { Injections = 2000, Seed = 5 };
        var a = InterlocksMatrix.Cases(o);
        var b = InterlocksMatrix.Cases(o);
        Assert.Equal(a.Select(c => c.ToString()), b.Select(c => c.ToString()));
        foreach (var plan in InterlocksFaultPlan.All)
            foreach (var state in Enum.GetValues<OperatingState>())
                Assert.Contains(a, c => c.Plan == plan && c.State == state);
        Assert.True(a.Select(c => c.OnsetOffsetSeconds).Distinct().Count() > 1900);
    }
}
