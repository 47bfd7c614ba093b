using MnPen.Hal;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware.Tests;

/// <summary>Latches on the virtual pen: clear policy per cause, and power-cycle/service faults that outlive restarts.</summary>
public class LatchPersistenceTests
{
    private static void Settle(VirtualPen.VirtualPen pen) => pen.RunFor(0.5);

    // The ground truth: the cam must not turn (strokes counted by the physics, not the pen's hall sensor).
    private static void AssertNeedleStaysStill(VirtualPen.VirtualPen pen, double seconds)
    {
        pen.RunFor(0.6);   // any coast-down from before ends
        long strokes = pen.Board.Strokes;
        pen.Click(MnPen.Hal.Simulator.SimButton.Start);
        pen.Firmware.RequestStart();
        pen.RunFor(seconds);
        Assert.Equal(strokes, pen.Board.Strokes);
    }

    private static void Reboot(VirtualPen.VirtualPen pen)
    {
        pen.Board.System.Reboot();
        pen.RunFor(0.6);
        Assert.Equal(ResetCause.Software, pen.LastResetCause);
    }

    private static void PowerCycle(VirtualPen.VirtualPen pen)
    {
        // Switched off through the power latch and on again: a power-on start.
        pen.Board.System.HoldPower(false);
        pen.RunFor(0.5);
        pen.Board.PressPowerButton();
        pen.RunFor(0.6);
        Assert.Equal(ResetCause.PowerOn, pen.LastResetCause);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Cartridge_pull_then_loop_overrun_then_one_acknowledge_does_not_run_again_until_a_power_cycle()
    {
        var pen = PenHarness.Running();
        pen.RemoveCartridge();
        Assert.True(pen.RunUntil(() => pen.Firmware.Safety.Tripped, 0.2));
        Assert.Equal(FaultCode.CartridgeRemoved, pen.Firmware.Safety.ActiveFault);
        Assert.Equal(PenState.Fault, pen.Firmware.State);
        // While it is latched the loop overruns (the supervisor's own raise path, as the tick uses it).
        Assert.True(pen.Firmware.Safety.Trip(FaultCode.ControlLoopOverrun));
        pen.RunFor(0.05);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        pen.InsertCartridge();
        Settle(pen);

        CommandResult ack = pen.Firmware.AcknowledgeFault();

        Assert.Equal(CommandResult.RefusedLockout, ack);
        Assert.Equal(FaultCode.ControlLoopOverrun, pen.Firmware.ActiveFault);
        AssertNeedleStaysStill(pen, 2.0);
        Reboot(pen);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        AssertNeedleStaysStill(pen, 1.0);

        PowerCycle(pen);
        Assert.False(pen.Firmware.Safety.Tripped);
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0));
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.True(pen.RunUntil(() => pen.Board.StrokeRate > 20, 2.0), "the pen should run again after the power cycle");
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Service_fault_survives_a_reboot_and_a_power_cycle_and_clears_only_by_a_service_clear()
    {
        var pen = PenHarness.Booted();
        Assert.True(pen.Firmware.Safety.Trip(FaultCode.ClockMismatch));
        pen.RunFor(0.2);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        Assert.Equal(CommandResult.RefusedLockout, pen.Firmware.AcknowledgeFault());

        Reboot(pen);
        Assert.Equal(FaultCode.ClockMismatch, pen.Firmware.Safety.ActiveFault);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);

        PowerCycle(pen);
        Assert.Equal(FaultCode.ClockMismatch, pen.Firmware.Safety.ActiveFault);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        AssertNeedleStaysStill(pen, 1.0);

        Assert.Equal(CommandResult.Accepted, pen.Firmware.ServiceClearFault());
        pen.RunFor(0.3);
        Assert.False(pen.Firmware.Safety.Tripped);
        PowerCycle(pen);
        Assert.False(pen.Firmware.Safety.Tripped);
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0));
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Power_cycle_fault_survives_a_power_cut_before_the_pen_was_switched_off_cleanly()
    {
        var pen = PenHarness.Booted();
        Assert.True(pen.Firmware.Safety.Trip(FaultCode.Overspeed));
        pen.RunFor(0.2);
        // The supply dies (not a switch-off): the start after it is a brown-out start, not a power-on.
        pen.Board.Faults.Inject("brown-out", "volts=3.0");
        pen.RunFor(0.3);
        pen.Board.Faults.ClearAll();
        pen.RunFor(0.8);
        Assert.Equal(ResetCause.BrownOut, pen.LastResetCause);
        Assert.Equal(FaultCode.Overspeed, pen.Firmware.Safety.ActiveFault);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
    }

    [Fact]
    public void Latch_record_is_written_once_per_change_and_logs_the_power_cycle_clear()
    {
        var pen = PenHarness.Booted();
        pen.Firmware.Safety.Trip(FaultCode.WatchdogReset);
        pen.RunFor(0.2);
        var store = new LatchStore(pen.Board.Pen.Storage, new WriteGuard());
        Assert.Equal(RecordStatus.Ok, store.Load());
        Assert.True(LatchStore.Contains(store.Mask, (int)FaultCode.WatchdogReset));
        PowerCycle(pen);
        pen.RunFor(0.3);
        Assert.Equal(RecordStatus.Ok, store.Load());
        Assert.Equal(0UL, store.Mask);
        var log = pen.Firmware.Store!.Events;
        var e = new EventEntry();
        bool found = false;
        for (uint s = log.NewestSequence; s > 0 && s + 20 > log.NewestSequence; s--)
            if (log.TryRead(s, e) && e.Kind == EventKind.FaultCleared && e.Code == (int)FaultCode.WatchdogReset && e.Argument == LatchKeeper.ClearedByPowerCycle) found = true;
        Assert.True(found, "the power-cycle clear is in the event log");
    }
}
