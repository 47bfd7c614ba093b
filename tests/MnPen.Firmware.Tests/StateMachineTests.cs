using MnPen.Hal.Simulator;
using MnPen.Safety;
using MnPen.VirtualPen;

namespace MnPen.Firmware.Tests;

public class StateMachineTests
{
    [Fact]
    public void Pen_boots_through_self_test_to_ready_and_logs_every_transition()
    {
        var pen = PenHarness.Booted();
        var fw = pen.Firmware;
        Assert.Equal(PenState.Ready, fw.State);
        Assert.True(PenHarness.Logged(fw, PenState.Boot, PenState.SelfTest, TransitionReason.PowerUp));
        Assert.True(PenHarness.Logged(fw, PenState.SelfTest, PenState.Idle, TransitionReason.SelfTestPassed));
        Assert.True(PenHarness.Logged(fw, PenState.Idle, PenState.Ready, TransitionReason.CartridgeAccepted));
    }

    [Fact]
    public void Start_then_stop_goes_through_starting_running_stopping_back_to_ready()
    {
        var pen = PenHarness.Running();
        var fw = pen.Firmware;
        pen.RunFor(0.3);
        Assert.True(fw.Gate.AppliedDuty > 0f);
        Assert.Equal(CommandResult.Accepted, fw.RequestStop());
        Assert.True(pen.RunUntil(() => fw.State == PenState.Ready, 1.0));
        Assert.Equal(0f, fw.Gate.AppliedDuty);
        Assert.True(PenHarness.Logged(fw, PenState.Ready, PenState.Starting, TransitionReason.StartRequested));
        Assert.True(PenHarness.Logged(fw, PenState.Starting, PenState.Running, TransitionReason.DepthVerified));
        Assert.True(PenHarness.Logged(fw, PenState.Running, PenState.Stopping, TransitionReason.StopRequested));
        Assert.True(PenHarness.Logged(fw, PenState.Stopping, PenState.Ready, TransitionReason.MotorStopped));
    }

    [Fact]
    public void Start_without_a_cartridge_is_refused_with_cartridge_absent()
    {
        var pen = PenHarness.Booted(cartridge: null);
        Assert.Equal(PenState.Idle, pen.Firmware.State);
        Assert.Equal(CommandResult.RefusedNoCartridge, pen.Firmware.RequestStart());
        Assert.Equal(FaultCode.CartridgeAbsent, pen.Firmware.LastRefusalFault);
        Assert.True(pen.Firmware.PreRunReport.Contains(FaultCode.CartridgeAbsent));
        pen.RunFor(0.2);
        Assert.Equal(0f, pen.Firmware.Gate.AppliedDuty);
    }

    [Fact]
    public void Start_with_a_used_cartridge_is_refused_as_reused()
    {
        var pen = PenHarness.Booted(cartridge: CartridgeKinds.Used);
        Assert.Equal(CommandResult.RefusedCartridge, pen.Firmware.RequestStart());
        Assert.Equal(FaultCode.CartridgeReused, pen.Firmware.LastRefusalFault);
    }

    [Fact]
    public void Commands_during_boot_or_out_of_range_are_refused_with_a_reason()
    {
        var pen = VirtualPen.VirtualPen.Create(new VirtualPenOptions { Seed = 1 });
        pen.Boot();
        Assert.Equal(CommandResult.RefusedWrongState, pen.Firmware.RequestStart());
        Assert.Equal(FaultCode.SelfTestPending, pen.Firmware.LastRefusalFault);
        Assert.Equal(CommandResult.RefusedOutOfRange, pen.Firmware.SetRateLevel(6));
        Assert.Equal(CommandResult.RefusedOutOfRange, pen.Firmware.SetRateLevel(-1));
        Assert.Equal(CommandResult.RefusedOutOfRange, pen.Firmware.SetDepthMm(float.NaN));
        Assert.Equal(CommandResult.RefusedOutOfRange, pen.Firmware.SetDepthMm(-0.05f));
        Assert.Equal(CommandResult.RefusedAboveDepthLimit, pen.Firmware.SetDepthMm(2.55f));
    }

    [Fact]
    public void Shallow_cartridge_lowers_the_hard_depth_limit_for_every_command()
    {
        var pen = PenHarness.Booted(cartridge: CartridgeKinds.Shallow);
        Assert.Equal(1.0f, pen.Firmware.DepthControl.LimitMm, 3);
        Assert.Equal(CommandResult.RefusedAboveDepthLimit, pen.Firmware.SetDepthMm(1.05f));
        Assert.Equal(CommandResult.Accepted, pen.Firmware.SetDepthMm(1.0f));
    }

    [Fact]
    public void Motor_does_not_turn_until_the_depth_is_reached_and_verified()
    {
        var pen = PenHarness.Booted();
        var fw = pen.Firmware;
        fw.SetDepthMm(0f);
        pen.RunUntil(() => fw.DepthControl.Reached, 1.0);
        fw.SetDepthMm(2.5f);
        Assert.Equal(CommandResult.Accepted, fw.RequestStart());
        bool sawStarting = false;
        while (fw.Gate.AppliedDuty == 0f && pen.NowSeconds < 10)
        {
            pen.Step();
            sawStarting |= fw.State == PenState.Starting;
        }
        Assert.True(sawStarting);
        Assert.InRange(pen.Board.NeedleDepthMm, 2.45, 2.55);
    }

    [Fact]
    public void Start_is_abandoned_with_depth_not_reached_when_the_actuator_is_stuck()
    {
        var pen = PenHarness.Booted();
        var fw = pen.Firmware;
        pen.InjectFault("depth-stuck", Array.Empty<KeyValuePair<string, double>>());
        fw.SetDepthMm(2.0f);
        Assert.Equal(CommandResult.Accepted, fw.RequestStart());
        double maxDuty = 0;
        for (int i = 0; i < 1000; i++) { pen.Step(); maxDuty = Math.Max(maxDuty, fw.Gate.AppliedDuty); }
        Assert.Equal(0, maxDuty);
        Assert.NotEqual(PenState.Running, fw.State);
        Assert.True(fw.LastRefusalFault == FaultCode.DepthNotReached || fw.Safety.Tripped, "expected a depth refusal or a depth trip, got " + fw.LastRefusalFault);
    }

    [Fact]
    public void Clearing_a_fault_never_restarts_the_motor()
    {
        var pen = PenHarness.Running();
        var fw = pen.Firmware;
        pen.RunFor(0.2);
        pen.RemoveCartridge();
        pen.RunFor(0.05);
        Assert.Equal(PenState.Fault, fw.State);
        Assert.Equal(FaultCode.CartridgeRemoved, fw.ActiveFault);
        Assert.Equal(0f, fw.Gate.AppliedDuty);
        pen.InsertCartridge(CartridgeKinds.New);
        pen.RunFor(0.5);
        Assert.Equal(CommandResult.Accepted, fw.AcknowledgeFault());
        pen.RunFor(0.5);
        Assert.NotEqual(PenState.Running, fw.State);
        Assert.Equal(0f, fw.Gate.AppliedDuty);
        Assert.Equal(0, pen.Board.StrokeRate, 1);
    }

    [Fact]
    public void Rate_buttons_step_levels_and_stop_at_the_ends()
    {
        var pen = PenHarness.Booted();
        var fw = pen.Firmware;
        int start = fw.Status.RateLevel;
        pen.Click(SimButton.RateUp);
        pen.RunFor(0.05);
        Assert.Equal(start + 1, fw.Status.RateLevel);
        for (int i = 0; i < 10; i++) { pen.Click(SimButton.RateUp); pen.RunFor(0.05); }
        Assert.Equal(fw.Status.RateLevelCount - 1, fw.Status.RateLevel);
    }
}
