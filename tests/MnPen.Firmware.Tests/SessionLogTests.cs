using MnPen.Hal;
using MnPen.Storage;

namespace MnPen.Firmware.Tests;

/// <summary>The event log keeps every session: its start is on flash before the motor turns, and a cut one is logged as interrupted.</summary>
public class SessionLogTests
{
    private static List<EventEntry> FlashLog(VirtualPen.VirtualPen pen)
    {
        // Read straight from the board's storage, as the next boot (or a technician's tool) would.
        var log = new EventLog(pen.Board.Pen.Storage, new WriteGuard(), null, EventLog.DefaultCapacity, EventLog.DefaultQueueSize);
        log.Load();
        var list = new List<EventEntry>();
        for (uint s = log.OldestSequence; s != 0 && s <= log.NewestSequence; s++)
        {
            var e = new EventEntry();
            if (log.TryRead(s, e)) list.Add(e);
        }
        return list;
    }

    [Fact]
    public void Session_start_is_on_flash_before_the_motor_turns()
    {
        var pen = PenHarness.Booted();
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        long strokes = pen.Board.Strokes;
        Assert.True(pen.RunUntil(() => pen.Board.DriverEnabled && pen.Board.AppliedDuty > 0, 1.0));
        Assert.Equal(strokes, pen.Board.Strokes);
        var log = FlashLog(pen);
        Assert.Equal(EventKind.SessionStart, log[^1].Kind);
        Assert.Equal(pen.Firmware.Status.RateLevel, log[^1].Code);
    }

    [Fact]
    public void Session_cut_by_a_brown_out_is_logged_as_interrupted_at_the_next_boot()
    {
        var pen = PenHarness.Running();
        pen.RunFor(1.0);
        uint start = FlashLog(pen).Last(e => e.Kind == EventKind.SessionStart).Sequence;
        pen.Board.Faults.Inject("brown-out", "volts=3.0", "duration=0.2");
        Assert.True(pen.RunUntil(() => pen.FirmwareRestarts == 1, 2.0));
        Assert.Equal(ResetCause.BrownOut, pen.LastResetCause);
        pen.RunFor(0.5);

        var log = FlashLog(pen);
        var interrupted = Assert.Single(log, e => e.Kind == EventKind.SessionInterrupted);
        Assert.Equal(start, interrupted.Argument);
        Assert.Equal((int)ResetCause.BrownOut, interrupted.Code);
        Assert.DoesNotContain(log, e => e.Kind == EventKind.SessionEnd && e.Sequence > start);
        // A later boot does not report the same session again.
        pen.Board.System.Reboot();
        pen.RunFor(0.5);
        Assert.Single(FlashLog(pen), e => e.Kind == EventKind.SessionInterrupted);
    }

    [Fact]
    public void Session_whose_end_write_is_cut_by_a_power_loss_is_logged_as_interrupted()
    {
        var pen = PenHarness.Running();
        pen.RunFor(0.5);
        uint start = FlashLog(pen).Last(e => e.Kind == EventKind.SessionStart).Sequence;
        pen.Board.Faults.Inject("storage-power-cut", "byte=10", "off=0.1");
        pen.Firmware.RequestStop();
        Assert.True(pen.RunUntil(() => pen.FirmwareRestarts == 1, 3.0));
        Assert.Equal(ResetCause.PowerOn, pen.LastResetCause);
        pen.RunFor(0.5);
        var interrupted = Assert.Single(FlashLog(pen), e => e.Kind == EventKind.SessionInterrupted);
        Assert.Equal(start, interrupted.Argument);
    }

    [Fact]
    public void Sessions_that_end_normally_are_never_reported_interrupted()
    {
        var pen = PenHarness.Running();
        pen.RunFor(0.5);
        pen.Firmware.RequestStop();
        pen.RunFor(1.0);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Running, 1.0));
        pen.RunFor(0.5);
        pen.Firmware.RequestStop();
        pen.RunFor(1.0);
        pen.Board.System.Reboot();
        pen.RunFor(0.5);
        var log = FlashLog(pen);
        Assert.Equal(2, log.Count(e => e.Kind == EventKind.SessionStart));
        Assert.Equal(2, log.Count(e => e.Kind == EventKind.SessionEnd));
        Assert.DoesNotContain(log, e => e.Kind == EventKind.SessionInterrupted);
    }

    [Fact]
    public void A_start_given_up_before_the_motor_ran_is_closed_and_not_reported_interrupted()
    {
        var pen = PenHarness.Booted();
        Assert.Equal(CommandResult.Accepted, pen.Firmware.SetDepthMm(2.0f));
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        pen.RunFor(0.05);   // the start is logged while the depth is still on its way
        Assert.Equal(PenState.Starting, pen.Firmware.State);
        Assert.Equal(EventKind.SessionStart, FlashLog(pen)[^1].Kind);
        pen.Firmware.RequestStop();   // given up before the motor ran
        pen.RunFor(1.0);
        pen.Board.System.Reboot();
        pen.RunFor(0.5);
        var log = FlashLog(pen);
        Assert.DoesNotContain(log, e => e.Kind == EventKind.SessionInterrupted);
    }
}
