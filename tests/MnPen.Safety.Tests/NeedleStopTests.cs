using MnPen.Bench.Suites;

namespace MnPen.Safety.Tests;

/// <summary>
/// "Safe" is a stopped needle, judged from the physics: the brake-then-sleep stop passes the interlocks' needle verdict,
/// and the coast-only stop (driver put to sleep at the trip, the old behaviour) fails it under the same faults.
/// </summary>
public class NeedleStopTests
{
    private static InterlocksOutcome[] Run(string fault, Action<MnPen.Firmware.PenFirmware>? configure)
    {
        var plan = InterlocksFaultPlan.All.Single(p => p.Fault == fault);
        var cases = Enumerable.Range(0, 4).Select(i => new InterlocksCase
        {
            Plan = plan,
            State = OperatingState.RunningHighest,
            Seed = 500UL + (ulong)i,
            OnsetOffsetSeconds = 0.013 + 0.017 * i,
            Parameters = Array.Empty<double>(),
            Configure = configure,
        }).ToArray();
        return cases.AsParallel().Select(InterlocksMatrix.RunOne).ToArray();
    }

    // The old safe path: nSLEEP low in the trip tick, so the bridge is Hi-Z and the rotor coasts on friction.
    private static void CoastOnly(MnPen.Firmware.PenFirmware fw) => fw.Safety.Limits.BrakeMaxMicros = 0;

    [Theory]
    [InlineData("ntc-open")]
    [InlineData("cartridge-jam")]
    [InlineData("hall-dead")]
    [Trait("Requirement", "SAF-GATE-02")]
    public void Braked_stop_keeps_every_needle_entry_inside_the_needle_deadline(string fault)
    {
        foreach (var o in Run(fault, null))
        {
            Assert.True(o.Failure == null, o.Case + ": " + o.Failure);
            if (!o.ReactionRequired) continue;
            Assert.True(double.IsNaN(o.LastEntryMs) || o.LastEntryMs <= o.NeedleDeadlineMs + InterlocksMatrix.ToleranceMs, o.Case + $": last entry {o.LastEntryMs} ms");
            Assert.False(double.IsNaN(o.NeedleStillMs), o.Case + ": needle never stood still");
        }
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void Coast_only_stop_fails_the_needle_stopped_verdict()
    {
        var braked = Run("ntc-open", null);
        var coasted = Run("ntc-open", CoastOnly);
        Assert.All(braked, o => Assert.False(o.Unsafe, o.Case + ": " + o.Failure));
        // The firmware's outputs are the same (duty 0 in the trip tick, right code, in time); only the needle differs.
        Assert.All(coasted, o => Assert.True(o.Unsafe && o.Failure!.Contains("entered the skin"), o.Case + ": " + o.Failure));
        Assert.True(coasted.Max(o => o.PenetrationsAfterOnset) > braked.Max(o => o.PenetrationsAfterOnset) + 10,
            $"coast {coasted.Max(o => o.PenetrationsAfterOnset)} vs brake {braked.Max(o => o.PenetrationsAfterOnset)} penetrations after onset");
        Assert.True(braked.Max(o => o.NeedleStillMs) < 100, $"braked needle still after {braked.Max(o => o.NeedleStillMs)} ms");
    }
}
