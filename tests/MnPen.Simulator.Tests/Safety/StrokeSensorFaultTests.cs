using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Platform;
using MnPen.Safety;
using MnPen.VirtualPen;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.Safety;

/// <summary>
/// A stroke sensor that misses or adds pulses fools the rate loop into driving the needle faster or slower than it
/// reads. Every verdict here is from the simulator's cam (ground truth), never from the counter the firmware reads.
/// </summary>
public class StrokeSensorFaultTests
{
    private const int Level150 = 5;
    private const int Level90 = 2;

    /// <summary>What the needle did after a hall fault, from the cam's revolutions.</summary>
    private sealed record Outcome(double MaxTrueRate, double TripSeconds, FaultCode Fault, double RateOneSecondAfterTrip);

    private static Pen Running(int level, Func<MnPen.Hal.PenBoard, PenFirmware>? firmware = null, SkinProfile skin = SkinProfile.Nominal)
    {
        var pen = Pen.Create(new VirtualPenOptions { Seed = 1, Skin = skin, Platform = PlatformKind.Esp32Nf, FirmwareFactory = firmware });
        pen.Boot();
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 3.0), "state " + pen.Firmware.State);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.SetDepthMm(2.0f));
        pen.RunFor(0.5);
        pen.Firmware.SetRateLevel(level);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        pen.RunFor(4.0); // past the soft start and the sensor check's learning run (300 strokes)
        Assert.Equal(PenState.Running, pen.Firmware.State);
        return pen;
    }

    // Steps the pen for the given time after injecting the fault; the true rate of each step is the cam's revolutions
    // over the step, from the simulator's crossing times (while the drive is on: after a trip the needle only slows).
    private static Outcome Watch(Pen pen, double seconds)
    {
        double t0 = pen.NowSeconds, max = 0, trip = -1, after = -1;
        long strokes = pen.Board.Strokes;
        ulong last = pen.Board.Powertrain.LastRevolutionMicros;
        while (pen.NowSeconds < t0 + seconds)
        {
            bool driving = pen.Firmware.Gate.AppliedDuty > 0f;
            pen.Step();
            if (pen.Board.Strokes != strokes)
            {
                ulong t = pen.Board.Powertrain.LastRevolutionMicros;
                double rate = (pen.Board.Strokes - strokes) * 1e6 / (t - last);
                if (driving && rate > max) max = rate;
                strokes = pen.Board.Strokes;
                last = t;
            }
            if (trip < 0 && pen.Firmware.Safety.Tripped) trip = pen.NowSeconds - t0;
            if (trip >= 0 && after < 0 && pen.NowSeconds - t0 >= trip + 1.0) after = pen.Board.StrokeRate;
        }
        return new Outcome(max, trip, pen.Firmware.Safety.ActiveFault, after);
    }

    private static Outcome IntermittentAt150(Func<MnPen.Hal.PenBoard, PenFirmware>? firmware, int offMs = 4)
    {
        var pen = Running(Level150, firmware);
        pen.Board.Faults.Inject("hall-intermittent", "off=" + offMs, "period=50");
        return Watch(pen, 3.0);
    }

    private static PenFirmware WithoutSensorCheck(MnPen.Hal.PenBoard board)
    {
        // A firmware whose plausibility check can never trip: the same code with limits no mismatch reaches.
        var limits = new SafetyLimits { StrokeMismatchStrokes = 1e9f, StrokeRatioMin = 0f, StrokeRatioMax = 1e9f };
        return new PenFirmware(board, limits);
    }

    [Fact]
    public void An_intermittent_hall_sensor_is_caught_without_the_needle_overspeeding()
    {
        var o = IntermittentAt150(null);
        float limit = new SafetyLimits().OverspeedAbsolute;
        Assert.True(o.MaxTrueRate < limit, $"true rate reached {o.MaxTrueRate:F1} strokes/s (ceiling {limit})");
        Assert.Equal(FaultCode.StrokeSensorImplausible, o.Fault);
        Assert.InRange(o.TripSeconds, 0.0, FaultCatalog.DetectionDeadlineMicros(FaultCode.StrokeSensorImplausible) * 1e-6);
        Assert.True(o.RateOneSecondAfterTrip < 1.0, $"needle still at {o.RateOneSecondAfterTrip:F1} strokes/s a second after the trip");
    }

    [Fact]
    public void Without_the_sensor_check_an_intermittent_hall_sensor_drives_the_needle_past_its_rate_unnoticed()
    {
        // The known-bad firmware under the same fault: nothing trips, and the cam runs above the 150 /s it was set to by more
        // than the rate bench allows (5 %) while the counter reads 150. (The rate loop's motor model carries most of the
        // duty, so the corrupted count moves the cam less than it moved the table loop: 158.9 against 165.8 /s.)
        var o = IntermittentAt150(WithoutSensorCheck);
        Assert.Equal(FaultCode.None, o.Fault);
        Assert.True(o.MaxTrueRate > 150 * 1.05, $"true rate {o.MaxTrueRate:F1} strokes/s");
    }

    [Fact]
    public void Longer_drop_outs_drive_a_pen_without_the_sensor_check_past_the_ceiling_and_are_caught_below_it_with_it()
    {
        float ceiling = new SafetyLimits().OverspeedAbsolute;
        var bad = IntermittentAt150(WithoutSensorCheck, offMs: 8);
        Assert.True(bad.MaxTrueRate > ceiling, $"known-bad firmware: true rate {bad.MaxTrueRate:F1} strokes/s");
        var good = IntermittentAt150(null, offMs: 8);
        Assert.Equal(FaultCode.StrokeSensorImplausible, good.Fault);
        Assert.True(good.MaxTrueRate < ceiling, $"true rate {good.MaxTrueRate:F1} strokes/s");
    }

    [Fact]
    public void One_missed_pulse_at_90_per_second_does_not_push_the_true_rate_over_its_limit()
    {
        var pen = Running(Level90);
        // Drop exactly one pulse: the second pass of the magnet after injection, inside a 28 ms window (2.5 strokes).
        pen.Board.Faults.Inject("hall-missing", "every=2", "duration=0.028");
        var o = Watch(pen, 2.0);
        Assert.Equal(FaultCode.None, o.Fault);
        // The rate bench's overshoot limit (5 % over the set rate) holds through the disturbance.
        Assert.True(o.MaxTrueRate < 90 * 1.05, $"true rate reached {o.MaxTrueRate:F1} strokes/s");
    }

    [Theory]
    [InlineData("hall-missing", "every=20", Level150)] // 1 pulse in 20 missing: the loop drives the cam 5 % fast
    [InlineData("hall-extra", "every=10", Level90)]    // 1 extra pulse in 10 strokes: the loop holds the cam 10 % slow
    public void A_hall_sensor_missing_or_adding_pulses_is_caught_below_the_ceiling(string fault, string parameter, int level)
    {
        var pen = Running(level);
        pen.Board.Faults.Inject(fault, parameter);
        var o = Watch(pen, 3.0);
        Assert.Equal(FaultCode.StrokeSensorImplausible, o.Fault);
        Assert.True(o.MaxTrueRate < new SafetyLimits().OverspeedAbsolute, $"true rate {o.MaxTrueRate:F1}");
    }

    [Theory]
    [InlineData(SkinProfile.Air)]
    [InlineData(SkinProfile.Tough)]
    public void A_healthy_sensor_never_trips_the_check_through_every_level_up_and_down(SkinProfile skin)
    {
        var pen = Running(0, skin: skin);
        foreach (int level in new[] { 1, 2, 3, 4, 5, 4, 3, 2, 1, 0 })
        {
            pen.Firmware.SetRateLevel(level);
            pen.RunFor(1.5);
            Assert.Equal(FaultCode.None, pen.Firmware.Safety.ActiveFault);
        }
        Assert.Equal(PenState.Running, pen.Firmware.State);
    }
}
