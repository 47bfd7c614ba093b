using MnPen.Bench;
using MnPen.Bench.Suites;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Platform;

namespace MnPen.Firmware.Tests;

public class SessionAndTickTests
{
    [Fact]
    public void Control_tick_of_a_running_pen_allocates_nothing_over_5000_ticks()
    {
        var pen = PenHarness.Running(level: 4);
        var fw = pen.Firmware;
        pen.RunFor(0.5);
        long allocated = 0;
        for (int i = 0; i < 5000; i++)
        {
            pen.Board.Advance(PenFirmware.TickPeriodMicros);
            long before = GC.GetAllocatedBytesForCurrentThread();
            fw.Tick();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            // A level change and a depth change mid-run exercise the slew and ramp paths too.
            if (i == 1000) fw.SetRateLevel(5);
            if (i == 2000) fw.SetDepthMm(1.5f);
        }
        Assert.Equal(PenState.Running, fw.State);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Motor_stops_when_the_maximum_continuous_run_time_is_reached()
    {
        var pen = PenHarness.Running();
        var fw = pen.Firmware;
        fw.Session.MaxContinuousRunSeconds = 1.0f;
        Assert.True(pen.RunUntil(() => fw.State != PenState.Running, 1.5));
        Assert.True(PenHarness.Logged(fw, PenState.Running, PenState.Stopping, TransitionReason.MaxRunTime));
    }

    [Fact]
    public void Motor_stops_after_inactivity_while_running()
    {
        var pen = PenHarness.Running();
        var fw = pen.Firmware;
        fw.Session.InactivityStopSeconds = 0.5f;
        Assert.True(pen.RunUntil(() => fw.State != PenState.Running, 1.0));
        Assert.True(PenHarness.Logged(fw, PenState.Running, PenState.Stopping, TransitionReason.Inactivity));
    }

    [Fact]
    public void Hold_to_run_stops_the_motor_when_the_start_button_is_released()
    {
        var pen = PenHarness.Booted();
        var fw = pen.Firmware;
        fw.Session.StopOnButtonRelease = true;
        pen.Press(SimButton.Start);
        Assert.True(pen.RunUntil(() => fw.State == PenState.Running, 1.0));
        pen.RunFor(0.3);
        Assert.Equal(PenState.Running, fw.State);
        pen.Release(SimButton.Start);
        Assert.True(pen.RunUntil(() => fw.State != PenState.Running, 0.2));
        Assert.True(PenHarness.Logged(fw, PenState.Running, PenState.Stopping, TransitionReason.ButtonReleased));
    }

    [Fact]
    public void Treatment_timer_ends_the_session_and_refuses_further_starts()
    {
        var pen = PenHarness.Running();
        var fw = pen.Firmware;
        fw.Session.TreatmentLimitSeconds = 0.5f;
        Assert.True(pen.RunUntil(() => fw.State == PenState.Ready, 2.0));
        Assert.Equal(CommandResult.RefusedSessionLimit, fw.RequestStart());
    }

    [Fact]
    public void Rate_targets_hold_on_the_simulator_for_a_reduced_grid()
    {
        var cases = new RateSuite().Run(new BenchContext { Quick = true });
        Assert.NotEmpty(cases);
        // Tough skin is held to the same limits in its own test below, open while the rate loop is reworked for the
        // literature skin model (puncture peaks; docs/control.md "Known limits").
        var failed = Failed(cases.Where(c => c.Parameters["skin"] != "tough"));
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        // The open-loop comparison is present and visibly worse under tough skin on a sagging battery.
        var tough = cases.Where(c => c.Parameters["skin"] == "tough" && c.Parameters["battery"] == "sagging").ToList();
        Assert.All(tough, c => Assert.True(c.Find("openLoopSteadyStateError")!.Value > 5 * c.Find("steadyStateError")!.Value));
    }

    // Failed 3 of 14 before the two-step stall push ended by back-EMF and the observer's start filter: the L1 start overshot
    // 10.6 % and held 1.42 % low (docs/control.md "Stall push"); the full grid still has an open tough case ("Known limits").
    [Fact]
    public void Rate_targets_hold_in_tough_skin_for_a_reduced_grid()
    {
        var cases = new RateSuite().Run(new BenchContext { Quick = true });
        var failed = Failed(cases.Where(c => c.Parameters["skin"] == "tough"));
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public void Without_the_load_observer_the_rate_loop_misses_the_steady_state_target_in_tough_skin()
    {
        // The bench's bite: the same loop with the measured load current left out of the feed-forward (the motor equation
        // for an unloaded motor, corrected only by the slow integrator on the counter's fit) is judged from the cam on the
        // same holds, and fails where the loop as built holds its steady state (from 70 /s up; the 50 /s start in tough
        // skin is open, docs/control.md "Known limits").
        double limit = RateSuite.MaxSteadyStateErrorPct;
        var built = RateSuite.RunSequence(1, SkinProfile.Tough, BenchBattery.Full, RateSuite.QuickSequence, openLoop: false);
        var blind = RateSuite.RunSequence(1, SkinProfile.Tough, BenchBattery.Full, RateSuite.QuickSequence, openLoop: false,
            configure: fw => fw.RateControl.LoadCurrentShare = 0f);
        Assert.All(built.Where(s => s.Target > 50), s => Assert.True(s.SteadyStateErrorPct <= limit, "built loop at " + s.Target + " /s: " + s.SteadyStateErrorPct + " %"));
        Assert.Contains(blind, s => s.Target > 50 && s.SteadyStateErrorPct > 3 * limit);
    }

    [Fact]
    public void Without_the_averaged_current_the_low_rate_holds_in_tough_skin_miss_their_targets()
    {
        // The averaged channel's bite (docs/control.md "Stroke rate"): the same firmware with its load observer on the
        // IPROPI node itself, read at fixed phases of the stroke's current pulse, is judged from the cam on the same
        // sequence (tough skin, sagging pack, on the pen's platform) and misses a target on a level change where the loop
        // as built meets every one. The skin is the harshest reading of its spread, one puncture draw for all needles of a
        // stroke (`--skin-common 100`): the stroke's current pulse then changes most from stroke to stroke, which the fixed
        // read phases alias into the load. Measured: the 70 /s up-step settles in 230 ms and the final 50 /s down-step in
        // 387 ms without the RC, 80 and 105 ms with it (the start's settling is not judged). With the needles' draws
        // independent (the simulator's own skin) both loops meet every target on this pen (seeds 1-4).
        var platform = PlatformKind.Esp32Nf;
        Action<VirtualPen.VirtualPen> oneDrawPerStroke = pen => pen.Board.Parameters.Skin.PunctureCommonShare = 1.0;
        var built = RateSuite.RunSequence(1, SkinProfile.Tough, BenchBattery.Sagging, RateSuite.FullSequence, openLoop: false, platform: platform, prepare: oneDrawPerStroke);
        var blind = RateSuite.RunSequence(1, SkinProfile.Tough, BenchBattery.Sagging, RateSuite.FullSequence, openLoop: false,
            configure: fw => fw.RateLoopAveragedCurrent = false, platform: platform, prepare: oneDrawPerStroke);
        static bool Meets(RateSegment s) => s.SteadyStateErrorPct <= RateSuite.MaxSteadyStateErrorPct
            && s.SettlingMs <= RateSuite.MaxSettlingMs && s.OvershootPct <= RateSuite.MaxOvershootPct;
        static string Show(RateSegment s) => s.Target + " /s: " + s.SteadyStateErrorPct.ToString("0.00") + " %, settled in " + s.SettlingMs.ToString("0") + " ms, overshoot " + s.OvershootPct.ToString("0.00") + " %";
        var changes = Enumerable.Range(1, built.Count - 1).ToArray();
        Assert.All(changes, i => Assert.True(Meets(built[i]), "built loop at " + Show(built[i])));
        Assert.Contains(changes, i => !Meets(blind[i]));
    }

    private static List<string> Failed(IEnumerable<BenchCase> cases) =>
        cases.Where(c => !c.Passed).Select(c => c.Name + ": " + (c.Error ?? string.Join(", ", c.Measurements.Where(m => !m.Passed).Select(m => m.Name + "=" + m.Value)))).ToList();

    [Fact]
    public void Depth_targets_hold_on_the_simulator_for_a_reduced_grid()
    {
        var cases = new DepthSuite().Run(new BenchContext { Quick = true });
        Assert.True(cases.Count > 10);
        var failed = cases.Where(c => !c.Passed).Select(c => c.Name + ": " + (c.Error ?? string.Join(", ", c.Measurements.Where(m => !m.Passed).Select(m => m.Name + "=" + m.Value)))).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }
}
