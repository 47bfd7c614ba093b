using System.Globalization;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Protocol;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// Guided calibration of the motor current sense (offset and gain) against known loads: the motor stopped (0 A) and
/// running at rate level 3 against a bench brake set for rising currents, an ammeter in series as the
/// reference. The pen's averaged readings and the ammeter's are fitted with a line (reference = gain · pen + offset;
/// both must rise with the load), the fit is folded into the record's offset counts and mA per count, written (read
/// back, audit entry, restart) and verified at other loads against ±<see cref="ToleranceAmps"/>; anything failing after
/// the write restores the previous record exactly.
/// </summary>
public sealed class CurrentCalibration
{
    /// <summary>
    /// Loads of the fit, A (brake settings; the motor's own friction adds about 0.07 A): at rest, then up to about 0.5 A,
    /// the budget's "0 and about 0.5 A" with points between. Higher loads approach the stroke
    /// plausibility check's limits on a pen whose current sense is still off (0.7 A tripped StrokeSensorImplausible on
    /// the simulated bench), and the calibration must not need a fault to finish.
    /// </summary>
    public static readonly double[] FitLoadsAmps = { 0, 0.1, 0.2, 0.3, 0.45 };

    /// <summary>Loads of the verification, A: at rest and two loads between the fit's.</summary>
    public static readonly double[] CheckLoadsAmps = { 0, 0.15, 0.4 };

    /// <summary>
    /// Verification tolerance, A: the overcurrent trip (2.15 A) must read within 2.13..2.17 A after calibration
    /// (docs/safety/sensing-budget.md, "Overcurrent"), so a check may be off by at most ±0.02 A.
    /// </summary>
    public const double ToleranceAmps = 0.02;

    /// <summary>
    /// Largest gain correction a healthy pen can need, fraction: ADC reference ±9 % and the IPROPI mirror's ±10 % (the
    /// extreme the overcurrent budget takes) are inside it; a larger one is a wrong sense resistor or ammeter range, not drift.
    /// </summary>
    public const double MaxGainCorrection = 0.2;

    /// <summary>Largest offset correction a healthy pen can need, A (±30 ADC counts ≈ ±25 mA, with margin).</summary>
    public const double MaxOffsetCorrectionAmps = 0.1;

    /// <summary>Pen time each reading is averaged over, ms (tens of cam turns at rate level 3: the cam's ripple averages out).</summary>
    public const int AveragingMs = 2000;

    /// <summary>Pen time the motor settles at each load, ms (the rate loop and the brake settle in well under a second).</summary>
    public const int SettleMs = 1500;

    /// <summary>
    /// Rate level (index) the motor runs at under load: the third (90 strokes/s by default). At the lowest level the
    /// back-EMF is small against the I·R drop under the brake, so the pen's stroke plausibility and jam checks, which
    /// judge the motor by (duty·V − I·R)/kₑ and by the stroke period, see a loaded, slowed cam as a fault (the simulated
    /// bench tripped StrokeSensorImplausible and CartridgeJam at 50 strokes/s and 0.4 A); at 90 strokes/s the loaded
    /// duty is still about 0.6 at a full pack.
    /// </summary>
    public const int RateLevelIndex = 2;

    private readonly PenSession _pen;
    private readonly IReferenceInstrument _reference;
    private readonly Action<string> _progress;
    private readonly CancellationToken _cancel;
    private readonly MotorRun _run;

    /// <summary>A procedure on a connected, unlocked pen.</summary>
    public CurrentCalibration(PenSession pen, IReferenceInstrument reference, Action<string> progress, CancellationToken cancel)
    {
        _pen = pen;
        _reference = reference;
        _progress = progress;
        _cancel = cancel;
        _run = new MotorRun(pen, reference as ILoadInstrument, cancel);
    }

    /// <summary>Reference readings the procedure asks for before writing (numbered 1..this; the checks follow).</summary>
    public static int ReadingsBeforeWrite => FitLoadsAmps.Length;

    /// <summary>Runs the procedure; the outcome says what happened (the caller writes the certificate).</summary>
    public CalibrationOutcome Run(string technician, DateTime todayUtc)
    {
        var client = _pen.Client;
        var pre = PreconditionChecks.Common(client.GetStatus(), _reference, "A", true, "the motor runs against the brake");
        var outcome = CalibrationOutcome.Begin(client, "current", "A", technician, todayUtc, _reference, ToleranceAmps, pre);
        if (outcome.RejectUnmetPreconditions() is { } unmet) return unmet;

        var previous = client.ReadCalibration();
        var points = Sweep(FitLoadsAmps, "load", 1);
        var pen = points.Select(p => p.PenReading).ToList();
        var reference = points.Select(p => p.Reference).ToList();
        // At rest a chip whose zero lies below the ADC's range reads its floor (MnPen.Drivers.CurrentSensor.FloorCounts),
        // which says only "no current above the dead zone": the line then comes from the loaded points alone, and its zero
        // (a negative offset) lets the pen read every current above the dead zone as it is.
        double restCounts = points[0].PenReading * 1000.0 / previous.CurrentMilliampsPerCount + previous.CurrentOffsetCounts;
        bool zeroBelowRange = restCounts <= MnPen.Drivers.CurrentSensor.FloorCounts;
        var fitted = zeroBelowRange ? points.Skip(1).ToList() : points;
        var fit = Interpolation.Line(fitted.Select(p => p.PenReading).ToList(), fitted.Select(p => p.Reference).ToList());
        outcome = outcome with { Points = points, Fit = fit };
        if (!Interpolation.StrictlyRising(pen) || !Interpolation.StrictlyRising(reference))
            return outcome with { Verdict = "rejected", Reason = "the pen's or the ammeter's readings do not rise with the load (not monotone): check the brake, the ammeter and the sense wiring; nothing was written" };
        if (Math.Abs(fit.Gain - 1) > MaxGainCorrection || Math.Abs(fit.Offset) > MaxOffsetCorrectionAmps)
            return outcome with { Verdict = "rejected", Reason = $"the fit needs gain {fit.Gain:0.###} and offset {fit.Offset * 1000:+0.#;-0.#} mA, more than calibration may correct (gain ±{MaxGainCorrection:P0}, offset ±{MaxOffsetCorrectionAmps * 1000:0} mA): check the ammeter's range and the sense resistor; nothing was written" };

        var candidate = CalibrationWriter.Clone(previous);
        // reference = g·(raw − offset)·m + o  ⇒  m' = g·m and offset' = offset − o / m'.
        double gainNew = fit.Gain * previous.CurrentMilliampsPerCount;
        int offsetNew = (int)Math.Round(previous.CurrentOffsetCounts - fit.Offset * 1000.0 / gainNew);
        string zeroNote = zeroBelowRange && offsetNew < 0
            ? $"; zero below the ADC's range ({offsetNew} counts, fitted from the loaded points): readings at the converter's floor read 0 A"
            : "";
        candidate.CurrentMilliampsPerCount = (float)gainNew;
        candidate.CurrentOffsetCounts = offsetNew;
        string motorNote = MotorRefit.Apply(candidate, points, _operating, p => (p.PenReading * 1000.0 / previous.CurrentMilliampsPerCount + previous.CurrentOffsetCounts - offsetNew) * gainNew / 1000.0);
        CalibrationStamp.Apply(candidate, technician, todayUtc);
        if (MnPen.Storage.CalibrationValidator.Validate(candidate) is { } invalid)
            return outcome with { Verdict = "rejected", Reason = $"the fitted current sense ({offsetNew} counts, {gainNew:0.####} mA/count) is not valid: {invalid}; nothing was written" };
        _cancel.ThrowIfCancellationRequested();

        string change = $"current sense (offset {previous.CurrentOffsetCounts} → {offsetNew} counts, {previous.CurrentMilliampsPerCount:0.####} → {gainNew:0.####} mA/count){zeroNote}{motorNote}";
        return VerifiedWrite.Run(new CalibrationWriter(_pen, _progress), outcome, previous, candidate, change,
            () => Sweep(CheckLoadsAmps, "check", ReadingsBeforeWrite + 1).Select(p => CheckPoint.Judge(p, ToleranceAmps)).ToList(),
            checks => $"{change}; all {checks.Count} checks within ±{ToleranceAmps} A",
            worst => $"the check at about {worst.SetPoint:0.00} A read {worst.Error * 1000:+0;-0} mA from the ammeter, outside ±{ToleranceAmps * 1000:0} mA; the previous calibration was restored",
            StopQuietly);
    }

    // One reading per load: motor stopped at 0 A, running against the brake otherwise; reference reading number first+i.
    private List<SweepPoint> Sweep(double[] loads, string what, int first)
    {
        var points = new List<SweepPoint>();
        _operating.Clear();
        try
        {
            for (int i = 0; i < loads.Length; i++)
            {
                _cancel.ThrowIfCancellationRequested();
                double amps = loads[i];
                string point = $"current {what} {i + 1}/{loads.Length}";
                _progress(amps <= 0
                    ? point + ": motor stopped, brake released (0 A)"
                    : point + $": motor at rate level {RateLevelIndex + 1}, brake set for about {amps.ToString("0.00", CultureInfo.InvariantCulture)} A");
                int number = first + i;
                var (p, reference) = _run.HoldAndAverage(amps <= 0 ? -1 : RateLevelIndex, amps, SettleMs, () => _reference.Read(number, "A"),
                    AveragingMs, s => s.MotorCurrentMa / 1000.0, 1, line => _progress(point + ": " + line));
                // Duty, supply, rate and handpiece temperature averaged alongside the current, for the motor's constants.
                _operating.Add((p.Duty, p.Volts, p.Rate, p.HandpieceCelsius));
                points.Add(new SweepPoint(amps, Math.Round(p.Reading, 4), reference));
            }
        }
        finally
        {
            StopQuietly();
        }
        return points;
    }

    // Mean duty, supply (V, the pen's own reading), stroke rate and handpiece temperature at each swept point, beside the points.
    private readonly List<(double Duty, double Volts, double Rate, double HandpieceCelsius)> _operating = new();

    private void StopQuietly() => _run.StopQuietly();
}
