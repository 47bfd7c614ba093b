using MnPen.Firmware;
using MnPen.Hal;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Platform;
using MnPen.Safety;
using MnPen.VirtualPen;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.Platform;

/// <summary>
/// The platform model must be able to fail the firmware: the loop as first designed for an ideal processor (1 kHz ticks,
/// a 3 ms loop-gap limit, a 100-tick clock cross-check at boot) boots on the ideal platform and locks itself out on
/// esp32-nf, where its ticks come 10 ms apart whatever it asks for; and stroke times taken by a managed edge handler
/// (the first design's tachometer input) run the pen on the ideal platform and stop it on esp32-nf.
/// </summary>
public class KnownBadLoopTests(Xunit.Abstractions.ITestOutputHelper output)
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

    /// <summary>
    /// The first design's stroke timing: the hall count read from the hardware counter now, paired with the time at which
    /// a managed edge handler last ran. The handler of the newest edge runs when the platform dispatches it (after the
    /// running tick, or on the next RTOS tick while the CLR idles), so until then the count is new and the time is old.
    /// </summary>
    private sealed class HandlerStampedCounter(Func<VirtualBoard?> board, IPulseCounter hardware) : IPulseCounter
    {
        private ulong _edge, _handlerAt, _stamp;

        public uint Read(out ulong sampleMicros)
        {
            VirtualBoard? b = board();
            if (b == null) return hardware.Read(out sampleMicros);   // while the pen is being built
            ulong now = b.Clock.NowMicros;
            if (b.StrokeCounter.LastPulseMicros != _edge)
            {
                _edge = b.StrokeCounter.LastPulseMicros;
                _handlerAt = b.Platform.HandlerTime(_edge, 0, 0, 0, _handlerAt);
            }
            if (_handlerAt <= now) _stamp = _handlerAt;   // the handler has run: it stamped its own run time
            sampleMicros = _stamp;
            return b.StrokeCounter.Count;
        }
    }

    // Runs the pen's own firmware at the top level for 3 s with the handler-stamped counter; the worst true rate error
    // over the last 2 s, percent, or +inf if the pen stopped on a fault.
    private static (double Error, string Fault) HandlerStampedRunError(PlatformKind platform)
    {
        VirtualBoard? vb = null;
        var pen = Pen.Create(new VirtualPenOptions
        {
            Seed = 1,
            Platform = platform,
            FirmwareFactory = b =>
            {
                b.StrokeCounter = new HandlerStampedCounter(() => vb, b.StrokeCounter);
                return new PenFirmware(b);
            },
        });
        vb = pen.Board;
        pen.Boot();
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 3.0)) return (double.PositiveInfinity, "boot: " + pen.Firmware.ActiveFault);
        pen.Firmware.SetRateLevel(5);
        pen.Firmware.SetDepthMm(1.0f);
        if (pen.Firmware.RequestStart() != CommandResult.Accepted) return (double.PositiveInfinity, "start refused");
        pen.RunFor(1.0);
        double worst = 0;
        for (int i = 0; i < 20; i++)
        {
            pen.RunFor(0.1);
            if (pen.Firmware.State != PenState.Running) return (double.PositiveInfinity, pen.Firmware.ActiveFault.ToString());
            worst = Math.Max(worst, Math.Abs(pen.Board.StrokeRate - 150.0) / 150.0 * 100.0);
        }
        return (worst, "none");
    }

    [Fact]
    public void Stroke_times_from_a_managed_edge_handler_run_on_the_ideal_platform_and_fail_on_esp32_nf()
    {
        var ideal = HandlerStampedRunError(PlatformKind.Ideal);
        var esp32 = HandlerStampedRunError(PlatformKind.Esp32Nf);
        output.WriteLine($"handler-stamped stroke times at 150 strokes/s: ideal {ideal.Error:0.##} % worst true rate error (fault {ideal.Fault}), " +
                         $"esp32-nf {esp32.Error:0.##} % (fault {esp32.Fault}; infinity = stopped)");
        Assert.True(ideal.Error < 3.0, $"ideal platform: worst true rate error {ideal.Error:0.##} %, fault {ideal.Fault}");
        Assert.True(esp32.Error > 3.0, $"esp32-nf: worst true rate error {esp32.Error:0.##} %, fault {esp32.Fault}");
    }
}
