using MnPen.Firmware;
using MnPen.Hal.Simulator.Platform;
using MnPen.Safety;
using MnPen.VirtualPen;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.Platform;

/// <summary>
/// The platform model must be able to fail the firmware: a loop designed for an ideal processor (1 kHz ticks, a
/// 100-tick clock cross-check at boot) passes on the ideal platform and locks itself out on esp32-nf.
/// </summary>
public class KnownBadLoopTests
{
    private static Pen OneKilohertzPen(PlatformKind platform)
    {
        var pen = Pen.Create(new VirtualPenOptions { Seed = 1, Platform = platform });
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
    }
}
