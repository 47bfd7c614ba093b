using MnPen.Firmware;
using MnPen.Hal.Simulator.Platform;
using MnPen.Safety;
using MnPen.VirtualPen;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.Platform;

/// <summary>
/// The platform model must be able to fail the firmware: the loop as first designed for an ideal processor (1 kHz ticks,
/// a 3 ms loop-gap limit, a 100-tick clock cross-check at boot) boots on the ideal platform and locks itself out on
/// esp32-nf, where its ticks come 10 ms apart whatever it asks for.
/// </summary>
public class KnownBadLoopTests
{
    /// <summary>The known-bad configuration: the 1 kHz loop with the limits it was designed with.</summary>
    public static SafetyLimits OneKilohertzLimits() => new()
    {
        TickPeriodMicros = 1000,
        MaxTickIntervalMicros = 3000,
        MaxTickDurationMicros = 1000,
        ClockCheckTicks = 100,
        SlowLoopMeanIntervalMicros = 2000,
        CurrentFrozenTicks = 100,
    };

    private static Pen OneKilohertzPen(PlatformKind platform)
    {
        var limits = OneKilohertzLimits();
        var pen = Pen.Create(new VirtualPenOptions { Seed = 1, Platform = platform, FirmwareFactory = b => new PenFirmware(b, limits, 1000) });
        pen.Boot();
        return pen;
    }

    [Fact]
    public void A_one_kilohertz_loop_boots_on_the_ideal_platform()
    {
        var pen = OneKilohertzPen(PlatformKind.Ideal);
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0), "state " + pen.Firmware.State + ", fault " + pen.Firmware.ActiveFault);
    }

    [Fact]
    public void A_one_kilohertz_loop_locks_itself_out_at_boot_on_esp32_nf()
    {
        var pen = OneKilohertzPen(PlatformKind.Esp32Nf);
        pen.RunFor(2.0);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        Assert.Equal(FaultCode.ClockMismatch, pen.Firmware.Safety.ActiveFault);
        Assert.InRange(pen.Board.Platform.Stats.MeanIntervalMicros, 9_000, 12_000);
        Assert.True(pen.Firmware.Scheduler.MaxIntervalMicros >= 9_000, "the 1 ms loop's own scheduler sees 10 ms gaps");
    }

    [Fact]
    public void The_pens_loop_boots_and_runs_on_esp32_nf()
    {
        var pen = Pen.Create(new VirtualPenOptions { Seed = 1, Platform = PlatformKind.Esp32Nf });
        pen.Boot();
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 3.0), "state " + pen.Firmware.State + ", fault " + pen.Firmware.ActiveFault);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        pen.RunFor(3.0);
        Assert.Equal(PenState.Running, pen.Firmware.State);
        Assert.Equal(FaultCode.None, pen.Firmware.Safety.ActiveFault);
        Assert.True(pen.Board.Platform.Stats.GcPauses > 0, "the GC ran during the run");
    }
}
