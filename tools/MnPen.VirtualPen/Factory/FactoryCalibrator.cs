using System.Collections.Concurrent;
using MnPen.Drivers;
using MnPen.Hal;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Physics;
using MnPen.Storage;

namespace MnPen.VirtualPen.Factory;

/// <summary>
/// The factory calibration station, simulated: measures a pen's calibration on a twin of its board (same seed and
/// parameters) through the board's own signals, with ground truth standing in for the station's reference
/// instruments (depth gauge, tachometer, precision ammeter, dynamometer). No firmware runs; the twin is then thrown
/// away, so the pen under test still powers on at time zero.
/// </summary>
public static class FactoryCalibrator
{
    /// <summary>Needle depths of the depth map, mm (0..2.75 in 0.25 mm steps: covers the 0..2.5 mm range the validator asks for).</summary>
    public static readonly float[] DepthPointsMm = { 0f, 0.25f, 0.5f, 0.75f, 1.0f, 1.25f, 1.5f, 1.75f, 2.0f, 2.25f, 2.5f, 2.75f };

    /// <summary>Stroke rates of the feed-forward table, strokes/s (covers the 50..150 operating range with margin).</summary>
    public static readonly float[] FeedForwardRates = { 40f, 60f, 80f, 100f, 120f, 140f, 160f };

    /// <summary>Rate loop proportional gain written by the station, duty per stroke/s (design value, not measured).</summary>
    public const float RateKp = MnPen.Firmware.RateController.DefaultKp;

    /// <summary>Rate loop integral gain written by the station, duty per stroke/s per second (design value).</summary>
    public const float RateKi = MnPen.Firmware.RateController.DefaultKi;

    /// <summary>Battery open-circuit voltage the rate table is measured at (nominal pack voltage), V.</summary>
    public const double NominalSupplyVolts = 7.4;

    /// <summary>Calibration date written (2026-01-01 as days since 2000-01-01) and the interval to the next one.</summary>
    public const int CalibratedOnDay = 9497, IntervalDays = 365;

    // Keyed by the room's temperature too: the station measures the pen at it (the winding's resistance is referred to
    // 25 °C from it, and the thermistor is calibrated at it).
    private static readonly ConcurrentDictionary<(ulong Seed, double AmbientCelsius), Calibration> Cache = new();

    /// <summary>Measures the calibration of the pen the options describe (cached per seed and room temperature for the reference parameters).</summary>
    public static Calibration Measure(VirtualPenOptions options)
    {
        if (options.Parameters == null)
            return Clone(Cache.GetOrAdd((options.Seed, options.AmbientCelsius), _ => MeasureOnTwin(options, StationInstruments.Ideal)));
        return MeasureOnTwin(options, StationInstruments.Ideal);
    }

    /// <summary>Measures the calibration of the pen the options describe against instruments with the given errors (not cached).</summary>
    public static Calibration Measure(VirtualPenOptions options, StationInstruments instruments) => MeasureOnTwin(options, instruments);

    private static Calibration MeasureOnTwin(VirtualPenOptions options, StationInstruments instruments)
    {
        var sim = options.ToSimOptions();
        var parameters = sim.Parameters ?? Hal.Simulator.Parameters.SimParameters.Default();
        sim.Skin = SkinProfile.Air;   // the rate table is "in air"
        sim.HardwareChannel = false;  // the factory jig drives the bridge directly (no watchdog kicks)
        sim.BatteryStateOfCharge = Battery.StateOfChargeForOpenCircuitVolts(parameters.Battery, NominalSupplyVolts);
        var twin = new VirtualBoard(sim);
        twin.InsertCartridge(new SimCartridge(CartridgeKinds.NeedleCount, 2.5, null));
        PenBoard pen = twin.Pen;

        MeasureSensing(twin, out float railCounts, out float batteryMvPerCount);
        int offset = MeasureCurrentOffset(twin);
        MeasureDepthMap(twin, instruments, out float[] drive, out int[] counts);
        float[] duties = MeasureFeedForward(twin, instruments, out float supply);
        float gain = MeasureCurrentGain(twin, instruments, ref offset);
        MotorAutoTune.Measure(twin, offset, gain, batteryMvPerCount, railCounts, instruments, out float motorOhms, out float backEmf, out _);

        pen.MotorPwm.Duty = 0f;
        pen.MotorEnable.Write(false);
        return new Calibration
        {
            FeedForwardRates = (float[])FeedForwardRates.Clone(),
            FeedForwardDuties = duties,
            FeedForwardSupplyVolts = supply,
            RateKp = RateKp,
            RateKi = RateKi,
            DepthMm = (float[])DepthPointsMm.Clone(),
            DepthDrive = drive,
            DepthFeedbackCounts = counts,
            CurrentOffsetCounts = offset,
            CurrentMilliampsPerCount = gain,
            ThermistorRailCounts = railCounts,
            BatteryMillivoltsPerCount = batteryMvPerCount,
            SensingCalibrated = true,
            MotorResistanceOhms = motorOhms,
            MotorBackEmfVoltSecondsPerRad = backEmf,
            MotorCalibrated = true,
            SerialNumber = "SIM-" + options.Seed,
            CalibratedOnDay = CalibratedOnDay,
            NextDueDay = CalibratedOnDay + IntervalDays,
            TechnicianId = "factory-station",
        };
    }

    private static int MeasureCurrentOffset(VirtualBoard twin)
    {
        twin.Pen.MotorEnable.Write(false);
        twin.Advance(20_000);
        long sum = 0;
        const int n = 256;
        for (int i = 0; i < n; i++)
        {
            sum += twin.Pen.MotorCurrent.ReadRaw();
            twin.Advance(100);
        }
        return (int)Math.Round(sum / (double)n);
    }

    // Bisection on the drive duty against the depth gauge (ground-truth needle depth), then the pot reading there.
    private static void MeasureDepthMap(VirtualBoard twin, StationInstruments instruments, out float[] drive, out int[] counts)
    {
        var pwm = twin.Pen.DepthDrive;
        pwm.Start();
        drive = new float[DepthPointsMm.Length];
        counts = new int[DepthPointsMm.Length];
        double lo = 0;
        for (int i = 0; i < DepthPointsMm.Length; i++)
        {
            double target = DepthPointsMm[i];
            double a = lo, b = 1.0;
            for (int k = 0; k < 16; k++)
            {
                double mid = 0.5 * (a + b);
                pwm.Duty = (float)mid;
                twin.Advance(150_000);
                // For the zero point take the highest duty that still rests on the lower stop.
                double gauge = instruments.DepthGauge(twin.NeedleDepthMm);
                if (gauge < target || (target == 0 && twin.NeedleDepthMm <= 0.0005)) a = mid; else b = mid;
            }
            double duty = target == 0 ? a : 0.5 * (a + b);
            pwm.Duty = (float)duty;
            twin.Advance(200_000);
            long sum = 0;
            const int n = 64;
            for (int s = 0; s < n; s++)
            {
                sum += twin.Pen.DepthFeedback.ReadRaw();
                twin.Advance(100);
            }
            drive[i] = (float)duty;
            counts[i] = (int)Math.Round(sum / (double)n);
            lo = duty;
        }
        // Strictly rising columns even where the pot noise or a flat spot would tie two points.
        for (int i = 1; i < drive.Length; i++)
        {
            if (drive[i] <= drive[i - 1]) drive[i] = drive[i - 1] + 1e-4f;
            if (counts[i] <= counts[i - 1]) counts[i] = counts[i - 1] + 1;
        }
        pwm.Duty = 0f;
        twin.Advance(200_000);
    }

    // Open-loop duty search against the tachometer (ground-truth stroke rate), in air at nominal supply.
    // Pen at rest and at ambient (the twin starts soaked): the reference thermometer and voltmeter are ground truth.
    private static void MeasureSensing(VirtualBoard twin, out float railCounts, out float batteryMvPerCount)
    {
        var pen = twin.Pen;
        double ntc = 0, bat = 0, celsius = 0, volts = 0;
        const int n = 200;
        for (int s = 0; s < n; s++)
        {
            twin.Advance(1000);
            ntc += pen.Thermistor.ReadRaw();
            bat += pen.BatteryVoltage.ReadRaw();
            celsius += twin.HandpieceCelsius;
            volts += twin.BatteryTerminalVolts;
        }
        railCounts = MnPen.Drivers.Thermistor.RailCountsFor(ntc / n, celsius / n);
        batteryMvPerCount = (float)(volts * 1000.0 / bat);
    }

    private static float[] MeasureFeedForward(VirtualBoard twin, StationInstruments instruments, out float supplyVolts)
    {
        var pen = twin.Pen;
        pen.MotorEnable.Write(true);
        pen.MotorPwm.Start();
        var duties = new float[FeedForwardRates.Length];
        double duty = 0.2, voltsSum = 0;
        int voltsN = 0;
        for (int i = 0; i < FeedForwardRates.Length; i++)
        {
            double target = FeedForwardRates[i];
            for (int k = 0; k < 8; k++)
            {
                pen.MotorPwm.Duty = (float)duty;
                twin.Advance(150_000);
                double rate = 0;
                for (int s = 0; s < 100; s++)
                {
                    twin.Advance(1000);
                    rate += instruments.Tachometer(twin.StrokeRate);
                    voltsSum += twin.BatteryTerminalVolts;
                    voltsN++;
                }
                rate /= 100;
                double next = rate > 1 ? duty * target / rate : duty * 1.5;
                duty = Math.Clamp(next, 0.02, 1.0);
            }
            duties[i] = (float)duty;
        }
        for (int i = 1; i < duties.Length; i++)
            if (duties[i] <= duties[i - 1]) duties[i] = duties[i - 1] + 1e-4f;
        supplyVolts = (float)(voltsSum / voltsN);
        return duties;
    }

    // The current sense's gain (and, for a chip whose zero may lie below the ADC's range, its offset) against the ammeter.
    private static float MeasureCurrentGain(VirtualBoard twin, StationInstruments instruments, ref int offset)
    {
        if (offset > CurrentSensor.FloorCounts)
        {
            var (amps, rawCounts, n) = MeasureLoadedCurrent(twin, instruments, CurrentGainLoadNewtonMetres);
            double aboveZero = rawCounts - (double)offset * n;
            return aboveZero > 0 ? (float)(amps * 1000.0 / aboveZero) : 0f;
        }
        // At rest the converter reads its floor: this chip's zero may lie below the ADC's range, where no count at rest can
        // say how far. The line through two loaded points does (both far above the dead zone).
        var (lowAmps, lowCounts, m) = MeasureLoadedCurrent(twin, instruments, CurrentLineLowLoadNewtonMetres);
        var (highAmps, highCounts, _) = MeasureLoadedCurrent(twin, instruments, CurrentGainLoadNewtonMetres);
        if (!(highCounts > lowCounts)) return 0f;
        double gain = (highAmps - lowAmps) * 1000.0 / (highCounts - lowCounts);
        offset = Math.Min(offset, (int)Math.Round((highCounts - highAmps * 1000.0 / gain) / m));
        return (float)gain;
    }

    /// <summary>Dynamometer load of the current-gain point, N·m (about 0.8 A with the motor at duty 0.6).</summary>
    public const double CurrentGainLoadNewtonMetres = 0.004;

    /// <summary>Lower load of the two-point line for a chip whose zero may lie below the ADC's range, N·m (about 0.4 A).</summary>
    public const double CurrentLineLowLoadNewtonMetres = 0.002;

    // Loads the running motor on the dynamometer: the ammeter (ground-truth bridge current) and the raw ADC counts, each
    // summed over the n readings (sums, so the single-point gain is the ratio it always was).
    private static (double Amps, double Counts, int N) MeasureLoadedCurrent(VirtualBoard twin, StationInstruments instruments, double loadNewtonMetres)
    {
        var pen = twin.Pen;
        pen.MotorEnable.Write(true);
        pen.MotorPwm.Start();
        pen.MotorPwm.Duty = 0.6f;
        twin.ExternalLoadTorqueNewtonMetres = loadNewtonMetres;
        twin.Advance(300_000);
        double amps = 0, counts = 0;
        const int n = 2000;
        for (int s = 0; s < n; s++)
        {
            twin.Advance(100);
            amps += instruments.Ammeter(twin.BridgeCurrentAmps);
            counts += pen.MotorCurrent.ReadRaw();
        }
        twin.ExternalLoadTorqueNewtonMetres = 0;
        pen.MotorPwm.Duty = 0f;
        pen.MotorEnable.Write(false);
        twin.Advance(300_000);
        return (amps, counts, n);
    }

    private static Calibration Clone(Calibration c) => new()
    {
        FeedForwardRates = (float[])c.FeedForwardRates.Clone(),
        FeedForwardDuties = (float[])c.FeedForwardDuties.Clone(),
        FeedForwardSupplyVolts = c.FeedForwardSupplyVolts,
        RateKp = c.RateKp,
        RateKi = c.RateKi,
        DepthMm = (float[])c.DepthMm.Clone(),
        DepthDrive = (float[])c.DepthDrive.Clone(),
        DepthFeedbackCounts = (int[])c.DepthFeedbackCounts.Clone(),
        CurrentOffsetCounts = c.CurrentOffsetCounts,
        CurrentMilliampsPerCount = c.CurrentMilliampsPerCount,
        ThermistorRailCounts = c.ThermistorRailCounts,
        BatteryMillivoltsPerCount = c.BatteryMillivoltsPerCount,
        SensingCalibrated = c.SensingCalibrated,
        MotorResistanceOhms = c.MotorResistanceOhms,
        MotorBackEmfVoltSecondsPerRad = c.MotorBackEmfVoltSecondsPerRad,
        MotorCalibrated = c.MotorCalibrated,
        SerialNumber = c.SerialNumber,
        CalibratedOnDay = c.CalibratedOnDay,
        NextDueDay = c.NextDueDay,
        TechnicianId = c.TechnicianId,
    };
}
