using FsCheck;
using FsCheck.Fluent;
using MnPen.Drivers;

namespace MnPen.Firmware.Tests;

public class ControllerTests
{
    private static RateController Rate()
    {
        var rc = new RateController();
        Assert.True(rc.Configure(new[] { 40f, 100f, 160f }, new[] { 0.2f, 0.47f, 0.74f }, 7.4f, 0.003f, 0.1f));
        return rc;
    }

    [Fact]
    public void Rate_integrator_does_not_wind_up_while_the_duty_is_pinned_at_its_limit()
    {
        var rc = Rate();
        // A stalled motor (measured 0) against a 0.3 duty limit for two seconds.
        for (int i = 0; i < 300; i++) rc.Update(0.001f, 150f, 0f, 7.4f, 0.3f);
        float early = rc.Integral;
        for (int i = 0; i < 2000; i++) rc.Update(0.001f, 150f, 0f, 7.4f, 0.3f);
        Assert.Equal(early, rc.Integral);
        Assert.Equal(0.3f, rc.Duty);
        Assert.True(rc.Integral <= rc.IntegralLimit);
    }

    [Fact]
    public void Rate_trim_takes_up_a_slow_rotor_even_when_the_current_sense_gives_no_usable_read()
    {
        // A dead current sense (every read 0 A, under the observer's floor): the observer never settles, yet the trim must
        // not wait for it for ever. Cam 38 % slow at 50 /s, as a weak motor on an open sense ran.
        var rc = Rate();
        rc.TuneForMotor(0.0039f, 3.7f);
        float t = 0f, atWait = 0f;
        for (int i = 0; i < 200; i++, t += 0.01f)
        {
            rc.Update(0.01f, 50f, 31f, 8.2f, 1f, 0f);
            if (t < rc.ObserverWaitMaxSeconds - 0.05f) atWait = rc.Integral;
        }
        Assert.False(rc.Load.Seen);
        Assert.Equal(0f, atWait);
        Assert.True(rc.Integral > 0.01f, $"trim {rc.Integral:0.0000} duty after 2 s of a rotor 19 strokes/s slow");
    }

    [Fact]
    public void Soft_start_ramps_the_set_point_no_faster_than_its_slew_limit()
    {
        var rc = Rate();
        float previous = 0f;
        for (int i = 0; i < 400; i++)
        {
            rc.Update(0.001f, 150f, previous, 7.4f, 1f);
            Assert.True(rc.Setpoint - previous <= rc.SoftStartSlew * 0.001f + 1e-3f);
            previous = rc.Setpoint;
        }
        Assert.Equal(150f, rc.Setpoint);
        // A level change down then slews at the level slew.
        rc.Update(0.001f, 50f, 150f, 7.4f, 1f);
        Assert.InRange(150f - rc.Setpoint, rc.LevelSlewDown * 0.001f - 1e-3f, rc.LevelSlewDown * 0.001f + 1e-3f);
    }

    [Fact]
    public void Feed_forward_scales_with_supply_voltage_and_open_loop_does_not()
    {
        var rc = Rate();
        Assert.InRange(rc.FeedForward(100f, 7.4f), 0.469f, 0.471f);
        Assert.InRange(rc.FeedForward(100f, 6.4f), 0.47f * 7.4f / 6.4f - 0.002f, 0.47f * 7.4f / 6.4f + 0.002f);
        rc.OpenLoop = true;
        Assert.InRange(rc.Update(0.001f, 100f, 80f, 6.4f, 1f), 0.469f, 0.471f);
    }

    [Fact]
    public void Rate_controller_refuses_to_drive_without_a_usable_feed_forward_table()
    {
        var rc = new RateController();
        Assert.False(rc.Configure(new[] { 100f, 50f }, new[] { 0.4f, 0.2f }, 7.4f, 0.003f, 0.1f));
        Assert.Equal(0f, rc.Update(0.001f, 100f, 0f, 7.4f, 1f));
    }

    private static DepthController Depth(out FakePwm drive, out FakeAdc feedback)
    {
        drive = new FakePwm();
        feedback = new FakeAdc { Value = 200 };
        var act = new DepthActuator(drive, feedback);
        Assert.True(act.Configure(new[] { 0f, 1f, 2f, 3f }, new[] { 0.05f, 0.36f, 0.66f, 0.95f }, new[] { 200, 1430, 2660, 3900 }));
        var dc = new DepthController(act);
        dc.SetLimit(1.0f);
        return dc;
    }

    [Fact]
    public void No_depth_command_can_exceed_the_cartridge_hard_limit()
    {
        // Any sequence of commands, including nonsense values, leaves target, command and drive within the limit.
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(-1f, 0f, 0.5f, 0.95f, 1.0f, 1.05f, 1.5f, 2.5f, 99f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.999f, 1.024f, 1.026f)).ToArbitrary(), commands =>
        {
            var dc = Depth(out var drive, out var feedback);
            var act = new DepthActuator(new FakePwm(), new FakeAdc());
            act.Configure(new[] { 0f, 1f, 2f, 3f }, new[] { 0.05f, 0.36f, 0.66f, 0.95f }, new[] { 200, 1430, 2660, 3900 });
            float ceiling = act.DriveForDepth(1.0f + DepthController.StepMm) + 1e-6f;
            foreach (float c in commands)
            {
                dc.SetTarget(c);
                // The feedback pretends the needle is shallow, pushing the trim upwards as hard as it can.
                feedback.Value = 200;
                for (int t = 0; t < 50; t++) dc.Update(1000, 0f, true, false);
                if (dc.TargetMm > 1.0f || dc.CommandMm > 1.0f || drive.Duty > ceiling) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Depth_counts_as_reached_only_after_the_feedback_has_settled_inside_tolerance()
    {
        var dc = Depth(out _, out _);
        Assert.True(dc.SetTarget(0.5f));
        for (int t = 0; t < 5; t++) dc.Update(1000, 0.5f, false, false);
        Assert.False(dc.Reached);
        for (int t = 0; t < 80; t++) dc.Update(1000, 0.5f, false, false);
        Assert.True(dc.Reached);
        dc.Update(1000, 0.6f, false, false);
        Assert.False(dc.Reached);
    }

    [Fact]
    public void Depth_changes_while_running_are_ramped()
    {
        var dc = Depth(out _, out _);
        dc.SetTarget(0f);
        dc.Update(1000, 0f, true, false);
        dc.SetTarget(1.0f);
        dc.Update(1000, 0f, true, false);
        Assert.InRange(dc.CommandMm, 0.0019f, dc.RunningRampMmPerSecond * 0.001f + 1e-5f);
    }

    [Fact]
    public void Depth_targets_off_the_005_mm_step_are_refused_never_rounded()
    {
        var dc = Depth(out _, out _);
        Assert.True(dc.SetTarget(0.35f));
        Assert.False(dc.SetTarget(0.33f));
        Assert.False(dc.SetTarget(1.026f));
        Assert.Equal(0.35f, dc.TargetMm, 4);
        Assert.True(dc.SetTarget(0.15f + 0.05f)); // float error of a step sum is not "off the grid"
        Assert.Equal(0.2f, dc.TargetMm, 4);
    }

    [Fact]
    public void Tick_scheduler_counts_late_and_long_ticks_as_overruns()
    {
        var s = new TickScheduler(1000);
        s.Begin(0); s.End(200);
        s.Begin(1000); s.End(1300);
        Assert.Equal(0u, s.Overruns);
        s.Begin(2000); s.End(3500);          // took 1.5 periods
        s.Begin(5600); s.End(5700);          // started 2.6 ms late
        Assert.Equal(2u, s.Overruns);
        Assert.True(s.MissedPeriods >= 1);
        Assert.Equal(1500, s.MaxDurationMicros);
    }

    [Fact]
    public void Rate_trim_leaves_a_rotor_already_on_its_new_level_alone_while_the_lagged_reference_still_trails()
    {
        // The cam runs exactly at every set-point; the tachometer's windowed fit shows a step as a ramp over its 120 ms
        // window. The loop compares the fit with a first-order lagged set-point, which still trails the new level when
        // the fit has long arrived: taken as error, that trail wound the duty down and the cam ran slow.
        // The trim's move as a change of rate at 70 /s, % of the level (duty × supply / 2π·kₑ).
        float RateChangePct(float settledShare)
        {
            var rc = new RateController();
            Assert.True(rc.Configure(new[] { 40f, 100f, 160f }, new[] { 0.2f, 0.47f, 0.74f }, 7.4f, 0f, 0f));
            rc.TuneForMotor(0.0052f, 3.7f);
            rc.ReferenceSettledShare = settledShare;
            const float dt = 0.01f, volts = 8.2f;
            var window = new Queue<float>();
            float Fit()
            {
                window.Enqueue(rc.Setpoint);
                if (window.Count > 12) window.Dequeue();
                return window.Average();
            }
            for (int i = 0; i < 150; i++) rc.Update(dt, 50f, Fit(), volts, 1f, 0.06f);
            float before = rc.Integral;
            for (int i = 0; i < 60; i++) rc.Update(dt, 70f, Fit(), volts, 1f, 0.06f);
            return (rc.Integral - before) * volts / (2f * MathF.PI * 0.0052f) / 70f * 100f;
        }
        float waiting = RateChangePct(new RateController().ReferenceSettledShare);
        float eager = RateChangePct(0f);
        Assert.True(Math.Abs(waiting) < 0.1f, $"the trim moved the cam by {waiting:0.000} % of a level it already ran at");
        // The same loop comparing with the trailing reference at once slows the cam (the defect the wait removes).
        Assert.True(eager < -0.2f, $"without the wait the trim moved the cam by {eager:0.000} %");
    }

    [Fact]
    public void Soft_start_slows_only_its_approach_and_only_for_a_motor_slower_than_the_reference()
    {
        // Ticks of 10 ms to reach 50 strokes/s from rest with the set-point's own slew, for a motor of this kₑ and R.
        int TicksTo50(float backEmf, float ohms)
        {
            var rc = new RateController();
            Assert.True(rc.Configure(new[] { 40f, 100f, 160f }, new[] { 0.2f, 0.47f, 0.74f }, 7.4f, 0f, 0f));
            rc.TuneForMotor(backEmf, ohms);
            int ticks = 0;
            while (rc.Setpoint < 50f && ticks < 1000)
            {
                rc.Update(0.01f, 50f, rc.Setpoint, 8.2f, 1f, 0.06f);
                ticks++;
                // The first 70 % ramps at the full slew whatever the motor (the jam checks count on its duty).
                if (rc.Setpoint < 0.7f * 50f) Assert.Equal(ticks * rc.SoftStartSlew * 0.01f, rc.Setpoint, 3);
            }
            return ticks;
        }
        int reference = TicksTo50(RateController.ReferenceBackEmf, RateController.ReferencePathOhms);
        Assert.Equal((int)Math.Ceiling(50f / (new RateController().SoftStartSlew * 0.01f)), reference);
        Assert.Equal(reference, TicksTo50(1.25f * RateController.ReferenceBackEmf, RateController.ReferencePathOhms));
        // kₑ −28 %: the rotor's time constant is 1.93 times the reference's, so the last 30 % takes about twice as long.
        int weak = TicksTo50(0.72f * RateController.ReferenceBackEmf, RateController.ReferencePathOhms);
        Assert.InRange(weak, reference + 2, reference + 4);
    }
}
