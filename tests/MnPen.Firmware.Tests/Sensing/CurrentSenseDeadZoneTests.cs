using MnPen.Drivers;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Safety;
using MnPen.Storage;
using MnPen.VirtualPen;
using Xunit.Abstractions;

namespace MnPen.Firmware.Tests.Sensing;

/// <summary>
/// A pen whose motor-current zero lies below its ESP32-S3 ADC's range: the converter clamps at 0 counts, so every current
/// up to the dead zone's edge (about 30 mA at the population's corner) reads its floor. Judged from the simulator's true
/// bridge current: the calibrated pen reads every current above the dead zone as it is and never mistakes its lightest
/// running (friction only, in air) for a dead sense, while an open sense is still caught within its deadline.
/// </summary>
public sealed class CurrentSenseDeadZoneTests
{
    private readonly ITestOutputHelper _out;

    public CurrentSenseDeadZoneTests(ITestOutputHelper output) => _out = output;

    /// <summary>
    /// The corner of the production tolerances where the dead zone is widest and the running current smallest, every part
    /// inside its band (PenTolerances, AdcChipParameters): ADC offset −30 counts (its bound) on a 1150 mV-reference chip,
    /// current-sense offset 3.2 − 5 mV (the pin clamps at 0 V), mirror gain −10 %, motor and mechanism friction −30 %,
    /// motor constant +10 %.
    /// The zero then lies about 32 counts (about 30 mA) below the range; in air the motor draws about 35 mA.
    /// </summary>
    public static SimParameters DeadZoneCorner()
    {
        var t = PenTolerances.Production();
        var p = SimParameters.Default();
        p.Adc.OffsetCounts = -AdcChipParameters.OffsetSpreadCounts;
        p.Adc.VrefMillivolts = 1150;
        p.CurrentSense.OffsetMillivolts -= t.CurrentSenseOffsetMillivolts * 0.999;
        p.CurrentSense.GainVoltsPerAmp *= 1 - t.CurrentSenseGain;
        p.Motor.CoulombFrictionNewtonMetres *= 1 - t.MotorFriction;
        p.Cam.MechanismFrictionNewtonMetres *= 1 - t.MechanismFriction;
        p.Motor.TorqueNewtonMetresPerAmp *= 1 + t.MotorConstant;
        p.Motor.BackEmfVoltSecondsPerRad *= 1 + t.MotorConstant;
        return p;
    }

    [Fact]
    public void A_pen_whose_current_zero_lies_below_the_ADC_range_runs_every_level_in_air_without_a_sensor_trip()
    {
        var options = new VirtualPenOptions { Seed = 3, Parameters = DeadZoneCorner(), Skin = SkinProfile.Air };
        var factory = MnPen.VirtualPen.Factory.FactoryCalibrator.Measure(options);
        Assert.True(factory.CurrentOffsetCounts < -20, $"the factory put the zero at {factory.CurrentOffsetCounts} counts");
        var run = RunEveryLevel(options, factory);
        _out.WriteLine($"offset {factory.CurrentOffsetCounts} counts, {factory.CurrentMilliampsPerCount:0.0000} mA/count: {run}");
        Assert.Equal(FaultCode.None, run.Fault);
        Assert.True(run.LeastTrueAmps < 0.045, $"the run never came near the dead zone (least true current {run.LeastTrueAmps:0.000} A)");
        // Above the floor the pen reads the current as it is; at this corner the least running current is only a few
        // counts above the dead zone, so a reading now and then drops to the floor (0 A), never for the check's 30 ms.
        Assert.True(run.WorstLowErrorAmps < 0.01, $"below 0.1 A the pen read up to {run.WorstLowErrorAmps * 1000:0.0} mA off the true current above its floor");
        Assert.True(run.FloorFraction < 0.05, $"{run.FloorFraction:P1} of the driven readings at the floor");
    }

    [Fact]
    public void The_same_pen_with_its_zero_calibrated_at_the_converter_floor_mistakes_its_running_for_a_dead_sense()
    {
        var options = new VirtualPenOptions { Seed = 3, Parameters = DeadZoneCorner(), Skin = SkinProfile.Air };
        var clamped = MnPen.VirtualPen.Factory.FactoryCalibrator.Measure(options);
        clamped.CurrentOffsetCounts = 0;   // the earlier calibration: zero at the floor, so every reading is short by the dead zone
        var run = RunEveryLevel(options, clamped);
        _out.WriteLine(run.ToString());
        Assert.True(run.Fault == FaultCode.CurrentSensorImplausible || run.Fault == FaultCode.StrokeSensorImplausible, $"no false sensor trip: {run}");
    }

    [Fact]
    public void An_open_current_sense_on_that_pen_is_caught_within_its_deadline()
    {
        var options = new VirtualPenOptions { Seed = 3, Parameters = DeadZoneCorner(), Skin = SkinProfile.Air };
        var pen = MnPen.VirtualPen.VirtualPen.Create(options);
        pen.Boot();
        pen.RunFor(2);
        pen.Firmware.SetRateLevel(0);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        pen.RunFor(2);
        Assert.True(pen.Board.BridgeDriving, "the motor runs before the fault");
        ulong injected = pen.Board.NowMicros;
        pen.Board.Faults.Inject("current-sensor-open");
        bool cut = pen.RunUntil(() => !pen.Board.BridgeDriving, 1.0);
        double ms = (pen.Board.NowMicros - injected) / 1000.0;
        _out.WriteLine($"drive cut {ms:0.0} ms after the sense opened; fault {pen.Firmware.ActiveFault}");
        Assert.True(cut, "the motor kept running on an open current sense");
        Assert.Equal(FaultCode.CurrentSensorImplausible, pen.Firmware.ActiveFault);
        Assert.True(ms <= FaultCatalog.DetectionDeadlineMicros(FaultCode.CurrentSensorImplausible) / 1000.0, $"cut after {ms:0.0} ms");
    }

    [Fact]
    public void A_reading_at_the_converter_floor_is_no_current_when_the_zero_lies_below_the_range()
    {
        var adc = new FakeAdc();
        var cs = new CurrentSensor(adc);
        cs.Configure(-32, 0.9f);
        foreach (int floor in new[] { 0, 1, CurrentSensor.FloorCounts })
        {
            adc.Value = floor;
            Assert.Equal(0f, cs.Read());
        }
        adc.Value = CurrentSensor.FloorCounts + 1;
        Assert.InRange(cs.Read(), 0.0323f, 0.0325f);   // (4 + 32) × 0.9 mA: the line above the floor
        adc.Value = 1000;
        Assert.InRange(cs.Read(), 0.9287f, 0.9289f);
        cs.Configure(4, 0.9f);   // a zero inside the range: the floor reads as the line says (slightly negative)
        adc.Value = 0;
        Assert.True(cs.Read() < 0f);
    }

    private sealed record LevelRun(FaultCode Fault, double AtSeconds, double LeastTrueAmps, double WorstLowErrorAmps, double FloorFraction)
    {
        public override string ToString() => $"fault {Fault} at {AtSeconds:0.00} s, least true current while driven {LeastTrueAmps * 1000:0.0} mA, worst error below 0.1 A above the floor {WorstLowErrorAmps * 1000:0.0} mA, driven readings at the floor {FloorFraction:P2}";
    }

    // Starts at level 1 and steps through every level in air, 2 s each; tracks the true bridge current against the reading.
    private static LevelRun RunEveryLevel(VirtualPenOptions options, Calibration calibration)
    {
        options.Calibration = calibration;
        var pen = MnPen.VirtualPen.VirtualPen.Create(options);
        pen.Boot();
        pen.RunFor(2);
        var f = pen.Firmware;
        double least = double.MaxValue, worst = 0;
        int driven = 0, atFloor = 0;
        bool settled = false;
        pen.AfterStep = () =>
        {
            if (!settled || f.Gate.AppliedDuty < 0.15f) return;
            double truth = pen.Board.BridgeCurrentAmps, reading = f.Status.MotorCurrentAmps;
            least = Math.Min(least, truth);
            driven++;
            if (reading == 0f) atFloor++;
            else if (truth < 0.1) worst = Math.Max(worst, Math.Abs(reading - truth));
        };
        f.SetRateLevel(0);
        Assert.Equal(CommandResult.Accepted, f.RequestStart());
        for (int level = 0; level < f.Config.RateLevels.Length && f.ActiveFault == FaultCode.None; level++)
        {
            f.SetRateLevel(level);
            settled = false;
            pen.RunFor(0.5);
            settled = true;
            pen.RunFor(2.0);
        }
        return new LevelRun(f.ActiveFault, pen.NowSeconds, least, worst, driven > 0 ? atFloor / (double)driven : 0);
    }
}
