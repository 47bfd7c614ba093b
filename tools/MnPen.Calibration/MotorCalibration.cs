using System.Globalization;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Firmware;
using MnPen.Protocol;
using MnPen.Safety;
using MnPen.Storage;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// Motor auto-tune at service, as motor controllers do at detection, over the protocol: test pulses at every rate
/// level in air (the back-EMF constant: speed against the tachometer) and at one level against the bench brake at
/// rising loads (the resistance: voltage per ampere at one speed); a least-squares fit of duty·V = R·I + kₑ·ω with its
/// residuals, R referred to 25 °C from the handpiece temperature the pen reports over the pulses (MotorFit); the rate-loop gains the firmware derives from the measured kₑ shown beside the previous ones; written
/// (read back, audit entry, restart) and verified at every level against the rate targets (the tachometer's rate within
/// ±1 % of the level); anything failing after the write restores the previous record exactly.
/// </summary>
public sealed class MotorCalibration
{
    /// <summary>
    /// Brake settings of the resistance pulses, A above the air current of about 0.08 A: a span of 0.3 A tells R to a few
    /// per cent while the pen's stroke check, which still judges the motor by the record being replaced, stays quiet.
    /// </summary>
    public static readonly double[] BrakeLoadsAmps = { 0.1, 0.2, 0.3 };

    /// <summary>
    /// Rate level (index) of the loaded pulses: the top one (150 strokes/s by default). The pen's stroke check judges
    /// (duty·V − I·R)/kₑ with the record's R, and a stale R errs by I·ΔR against a back-EMF that grows with speed: at
    /// level 3 the simulated pen with a replaced motor (R +12 %) tripped StrokeSensorImplausible at 0.3 A, at level 6 it
    /// runs all three loads.
    /// </summary>
    public const int LoadedLevelIndex = 5;

    /// <summary>Rate tolerance of the verification, fraction of the level (the pen's rate accuracy requirement, as `calibrate rate`).</summary>
    public const double RateTolerance = 0.01;

    /// <summary>
    /// Largest |residual| of the fit a healthy motor leaves, V. The model is the motor's own equation; what it leaves is
    /// the readings' noise and the cam's load ripple: 0.004-0.005 V on the simulated bench (reference pen and pen 5).
    /// 0.15 V is 3 % of the back-EMF at 150 strokes/s: a larger misfit is a slipping brake, a failing
    /// brush or a tachometer on the wrong mark, not this motor.
    /// </summary>
    public const double MaxResidualVolts = 0.15;

    /// <summary>Least current span of the loaded pulses, A: below it the brake did not load the motor and R cannot be told from kₑ.</summary>
    public const double MinCurrentSpanAmps = 0.2;

    /// <summary>Pen time the motor settles at each pulse, ms (CurrentCalibration.SettleMs).</summary>
    public const int SettleMs = CurrentCalibration.SettleMs;

    private readonly PenSession _pen;
    private readonly IReferenceInstrument _tachometer;
    private readonly Action<string> _progress;
    private readonly CancellationToken _cancel;
    private readonly MotorRun _run;

    /// <summary>A procedure on a connected, unlocked pen; the tachometer may also set the bench brake (ILoadInstrument).</summary>
    public MotorCalibration(PenSession pen, IReferenceInstrument tachometer, Action<string> progress, CancellationToken cancel)
    {
        _pen = pen;
        _tachometer = tachometer;
        _progress = progress;
        _cancel = cancel;
        _run = new MotorRun(pen, tachometer as ILoadInstrument, cancel);
    }

    /// <summary>Test pulses (numbered reference readings 1..this); the verification's readings follow.</summary>
    public static int ReadingsBeforeWrite => SettingTable.RateLevelCount + BrakeLoadsAmps.Length;

    /// <summary>Runs the procedure; the outcome says what happened (the caller writes the certificate).</summary>
    public CalibrationOutcome Run(string technician, DateTime todayUtc)
    {
        var client = _pen.Client;
        var pre = PreconditionChecks.Common(client.GetStatus(), _tachometer, "strokes/s", true, "the motor turns the cam");
        bool brake = _tachometer is ILoadInstrument;
        pre.Add(new Precondition("bench brake", true, brake
            ? "set by the procedure"
            : $"set it by hand when asked (about {string.Join(", ", BrakeLoadsAmps.Select(a => a.ToString("0.0#", CultureInfo.InvariantCulture)))} A above the air current at level {LoadedLevelIndex + 1}), released otherwise"));
        var levels = Enumerable.Range(0, SettingTable.RateLevelCount).Select(i => (double)client.GetSetting(SettingId.RateLevel1 + i)).ToList();
        var outcome = CalibrationOutcome.Begin(client, "motor", "strokes/s", technician, todayUtc, _tachometer, RateTolerance * levels.Min(), pre)
            with { CheckError = "reference − set point", ToleranceText = $"±{RateTolerance:P0} of the level at each check point (the needle's rate, by the tachometer)" };
        if (outcome.RejectUnmetPreconditions() is { } unmet) return unmet;

        var previous = client.ReadCalibration();
        var pulses = new List<(int Level, double Brake)>();
        for (int i = 0; i < levels.Count; i++) pulses.Add((i, 0));
        foreach (double a in BrakeLoadsAmps) pulses.Add((LoadedLevelIndex, a));
        var measured = Pulses(pulses, levels, 1);
        var points = measured.Select(m => new SweepPoint(m.SetPoint, m.PenRate, m.TachometerRate)).ToList();
        outcome = outcome with { Points = points, Fit = Interpolation.Line(points.Select(p => p.PenReading).ToList(), points.Select(p => p.Reference).ToList()) };

        var fit = MotorFit.Solve(measured.Select(m => (m.Amps, m.TachometerRate, m.Duty * m.Volts)).ToList()) is { } solved
            ? solved with { HandpieceCelsius = measured.Average(m => m.HandpieceCelsius) }
            : null;
        var loaded = measured.Where(m => m.BrakeAmps > 0).ToList();
        double span = loaded.Count == 0 ? 0 : loaded.Max(m => m.Amps) - measured.Min(m => m.Amps);
        if (fit == null || span < MinCurrentSpanAmps)
            return outcome with { Verdict = "rejected", Reason = $"the loaded pulses raised the motor current by only {span:0.###} A (at least {MinCurrentSpanAmps} A is needed to tell the resistance from the back-EMF): set the brake when asked and check that it grips; nothing was written" };
        measured = measured.Select((m, i) => m with { ResidualVolts = fit.ResidualVolts[i] }).ToList();
        var limits = new SafetyLimits();
        var candidate = CalibrationWriter.Clone(previous);
        candidate.MotorResistanceOhms = (float)fit.MotorOhmsAt25Celsius;
        candidate.MotorBackEmfVoltSecondsPerRad = (float)fit.BackEmf;
        candidate.MotorCalibrated = true;
        var top = measured.Where(m => m.BrakeAmps == 0).OrderBy(m => m.SetPoint).Last();
        var tune = new MotorTune
        {
            PreviousOhms = previous.MotorResistanceOhms, PreviousBackEmf = previous.MotorBackEmfVoltSecondsPerRad, PreviousMeasured = previous.MotorCalibrated,
            Ohms = Math.Round(fit.MotorOhmsAt25Celsius, 4), MeasuredOhms = Math.Round(fit.MotorOhms, 4), MeasuredCelsius = Math.Round(fit.HandpieceCelsius, 2),
            OhmsReferred = fit.ReferredTo25Celsius, ResistanceNote = fit.TemperatureNote, BackEmf = Math.Round(fit.BackEmf, 7), TestPoints = measured, MaxResidualVolts = fit.MaxAbsResidualVolts,
            PreviousGains = Gains(previous, limits), Gains = Gains(candidate, limits),
            StrokesPerDutyAtNominalSupply = Math.Round(MnPen.VirtualPen.Factory.FactoryCalibrator.NominalSupplyVolts / (2 * Math.PI * fit.BackEmf), 1),
            TopLevelVoltsInAir = Math.Round(fit.PathOhms * top.Amps + fit.BackEmf * 2 * Math.PI * top.SetPoint, 3),
            LowBatteryVolts = Math.Round(limits.BatteryLowVolts, 2),
        };
        outcome = outcome with { Motor = tune };
        string constants = $"R {fit.MotorOhmsAt25Celsius:0.###} ohm{(fit.ReferredTo25Celsius ? " at 25 °C" : "")}, kₑ {fit.BackEmf:0.######} V.s/rad";
        if (!fit.WithinBounds)
            return outcome with { Verdict = "rejected", Reason = $"the test pulses gave {constants}, outside the motor's bounds (R {MotorDefaults.ResistanceMinOhms}-{MotorDefaults.ResistanceMaxOhms} ohm, kₑ {MotorDefaults.BackEmfMin}-{MotorDefaults.BackEmfMax} V.s/rad): check the tachometer's mark and the motor's wiring; nothing was written" };
        if (fit.MaxAbsResidualVolts > MaxResidualVolts)
            return outcome with { Verdict = "rejected", Reason = $"the motor does not follow its own equation: a test pulse is {fit.MaxAbsResidualVolts:0.###} V off the fit (at most {MaxResidualVolts} V): check the brake (slipping?), the brushes and the tachometer's mark; nothing was written" };
        if (tune.TopLevelVoltsInAir > tune.LowBatteryVolts)
            return outcome with { Verdict = "rejected", Reason = $"this motor ({constants}) needs {tune.TopLevelVoltsInAir:0.00} V for the top level ({top.SetPoint:0} strokes/s) in air, more than a pack at its low-battery warning gives ({tune.LowBatteryVolts:0.0} V): its back-EMF constant is too high for the design; replace the motor; nothing was written" };
        CalibrationStamp.Apply(candidate, technician, todayUtc);
        if (CalibrationValidator.Validate(candidate) is { } invalid)
            return outcome with { Verdict = "rejected", Reason = $"the fitted motor ({constants}) is not valid: {invalid}; nothing was written" };
        _cancel.ThrowIfCancellationRequested();

        string change = $"motor (R {previous.MotorResistanceOhms:0.###} → {fit.MotorOhmsAt25Celsius:0.###} ohm, kₑ {previous.MotorBackEmfVoltSecondsPerRad:0.######} → {fit.BackEmf:0.######} V.s/rad; {fit.TemperatureNote}; " +
                        $"rate loop Kp {tune.PreviousGains.Kp:0.######} → {tune.Gains.Kp:0.######}, Ki {tune.PreviousGains.Ki:0.#####} → {tune.Gains.Ki:0.#####})";
        return VerifiedWrite.Run(new CalibrationWriter(_pen, _progress), outcome, previous, candidate, change,
            () => Verify(levels),
            checks => $"{change}; the needle's rate within ±{RateTolerance:P0} of all {checks.Count} levels",
            worst => $"at level {worst.SetPoint:0} strokes/s the tachometer read {worst.Reference:0.00} ({worst.Error / worst.SetPoint:+0.0%;-0.0%}), outside ±{RateTolerance:P0}; the previous calibration was restored",
            _run.StopQuietly);
    }

    /// <summary>
    /// The rate-loop gains the firmware uses with a calibration: its own RateController configured from the record and
    /// scaled to the record's motor exactly as the pen does at boot (PenFirmware.ApplyMotor), so what is shown is what runs.
    /// </summary>
    public static RateGains Gains(PenCalibration c, SafetyLimits limits)
    {
        var rate = new RateController();
        rate.Configure(c.FeedForwardRates, c.FeedForwardDuties, c.FeedForwardSupplyVolts, c.RateKp, c.RateKi);
        if (c.MotorCalibrated) rate.TuneForMotor(c.MotorBackEmfVoltSecondsPerRad, c.MotorResistanceOhms + limits.BridgeOnResistanceOhms);
        else rate.TuneForMotor(0f, 0f);
        return new RateGains(Math.Round(rate.Kp, 8), Math.Round(rate.Ki, 7), Math.Round(rate.LoadCatchUp, 7));
    }

    // The test pulses, each held and averaged while the tachometer reads (reference reading number first+i).
    private List<MotorTestPoint> Pulses(List<(int Level, double Brake)> pulses, List<double> levels, int first)
    {
        var points = new List<MotorTestPoint>();
        try
        {
            for (int i = 0; i < pulses.Count; i++)
            {
                _cancel.ThrowIfCancellationRequested();
                var (level, brake) = pulses[i];
                string point = $"motor test pulse {i + 1}/{pulses.Count}";
                _progress(brake <= 0
                    ? point + $": level {level + 1} ({levels[level]:0} strokes/s) in air, brake released"
                    : point + $": level {level + 1} ({levels[level]:0} strokes/s), brake set for about {brake.ToString("0.00", CultureInfo.InvariantCulture)} A");
                int number = first + i;
                var (p, tacho) = _run.HoldAndAverage(level, brake, SettleMs, () => _tachometer.Read(number, "strokes/s"),
                    ReadingQuantity.RateAveragingMs, s => s.MeasuredRateCenti / 100.0, ReadingCheck.MinSamples, line => _progress(point + ": " + line));
                points.Add(new MotorTestPoint(levels[level], brake, tacho, Math.Round(p.Rate, 3), Math.Round(p.Amps, 4), Math.Round(p.Duty, 4), Math.Round(p.Volts, 3), Math.Round(p.HandpieceCelsius, 2), 0));
            }
        }
        finally
        {
            _run.StopQuietly();
        }
        return points;
    }

    // Every level in air with the new motor in effect: the needle's rate (tachometer) against the level.
    private List<CheckPoint> Verify(List<double> levels)
    {
        var pulses = Enumerable.Range(0, levels.Count).Select(i => (i, 0.0)).ToList();
        return Pulses(pulses, levels, ReadingsBeforeWrite + 1).Select(p =>
        {
            double error = Math.Round(p.TachometerRate - p.SetPoint, 4), tol = RateTolerance * p.SetPoint;
            return new CheckPoint(p.SetPoint, p.PenRate, p.TachometerRate, error, tol, Math.Abs(error) <= tol);
        }).ToList();
    }
}
