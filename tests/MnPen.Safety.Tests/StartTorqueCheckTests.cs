namespace MnPen.Safety.Tests;

/// <summary>
/// The pre-run check that a cartridge's needles can be started from rest in the toughest skin (CartridgeTooHeavy): the
/// puncture peak at the set depth, met with no run-up, against the torque of the supervisor's stall push
/// (SafetyLimits.StartTooHeavy; docs/cartridge.md "Starts from rest over the population").
/// </summary>
public class StartTorqueCheckTests
{
    private static CheckReport PreRun(int needles, float depthMm, float needleNewtons = 0f)
    {
        var rig = new Rig().Booted();
        rig.In.DepthCommandMm = depthMm;
        rig.In.DepthMeasuredMm = depthMm;
        var report = new CheckReport();
        rig.Sup.RunPreRunChecks(rig.In, new PreRunFacts { CartridgeIdValid = true, CartridgeNeedles = needles, CartridgeNeedleNewtons = needleNewtons }, report);
        return report;
    }

    // The old needles × depth budget (40 needle·mm) let 24 needles run at 1.5 mm and 36 at 1.0 mm: on 50 drawn pens in tough
    // skin they stalled at the puncture from rest and tripped CartridgeJam on 26-32 and 46-48 pens of 50.
    [Theory]
    [InlineData(24, 1.5f)]
    [InlineData(24, 1.0f)]
    [InlineData(24, 0.55f)]
    [InlineData(36, 1.0f)]
    [InlineData(36, 0.5f)]
    [InlineData(36, 0.35f)]
    [InlineData(24, 2.5f)]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_cartridge_whose_puncture_peak_the_stall_push_cannot_break_is_refused_before_the_motor_runs(int needles, float depthMm)
    {
        var report = PreRun(needles, depthMm);
        Assert.True(report.Contains(FaultCode.CartridgeTooHeavy), $"{needles} needles at {depthMm} mm were accepted");
    }

    [Theory]
    [InlineData(24, 0.5f)]
    [InlineData(36, 0.3f)]
    [InlineData(16, 2.5f)]
    [InlineData(16, 1.5f)]     // the reference cartridge at its longest lever: the probe torque was sized on it
    [InlineData(12, 2.5f)]
    [InlineData(1, 2.5f)]
    [InlineData(36, 0.15f)]    // shallower than the tough skin's tent: the tips never get through, no peak
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_cartridge_the_stall_push_starts_from_rest_is_accepted(int needles, float depthMm)
    {
        Assert.False(PreRun(needles, depthMm).Contains(FaultCode.CartridgeTooHeavy), $"{needles} needles at {depthMm} mm were refused");
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Needles_that_state_a_smaller_puncture_force_are_judged_by_it()
    {
        // 49 silicon nano tips at 0.5 mm: as pen needles (0.2 N each) far past the push, with their own 0.03 N well under it.
        Assert.True(PreRun(49, 0.5f).Contains(FaultCode.CartridgeTooHeavy));
        Assert.False(PreRun(49, 0.5f, 0.03f).Contains(FaultCode.CartridgeTooHeavy));
    }

    [Fact]
    public void The_allowed_peak_is_the_probe_torque_less_its_motor_constant_loss_and_the_worst_friction()
    {
        var l = new SafetyLimits();
        // 24 pen needles: 24 × 0.2 N × 1.45 × 1.5 mm = 10.44 mN·m at the full lever; the budget 7.5 × 0.99 − 0.41 = 7.015 mN·m
        // allows a lever of 0.672, sin θ at a depth of 0.539 mm: 0.50 mm on the grid passes, 0.55 does not.
        Assert.False(l.StartTooHeavy(24, 0f, 0.53f));
        Assert.True(l.StartTooHeavy(24, 0f, 0.55f));
        // A weaker push allows less: at 7.0 mN·m 0.50 mm is refused too.
        l.JamProbeTorqueNewtonMetres = 7.0e-3f;
        Assert.True(l.StartTooHeavy(24, 0f, 0.5f));
    }
}
