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

    /// <summary>A procedure on a connected, unlocked pen.</summary>
    public CurrentCalibration(PenSession pen, IReferenceInstrument reference, Action<string> progress, CancellationToken cancel)
    {
        _pen = pen;
        _reference = reference;
        _progress = progress;
        _cancel = cancel;
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
        var writer = new CalibrationWriter(_pen, _progress);
        bool written = false;
        try
        {
            written = true;
            writer.WriteAndRestart(candidate, change);
            outcome = outcome with { NextDue = CalibrationStamp.Date(candidate.NextDueDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            var checks = Sweep(CheckLoadsAmps, "check", ReadingsBeforeWrite + 1).Select(p => CheckPoint.Judge(p, ToleranceAmps)).ToList();
            outcome = outcome with { Checks = checks };
            if (checks.All(c => c.Pass))
                return outcome with { Verdict = "pass", Written = true, Reason = $"{change}; all {checks.Count} checks within ±{ToleranceAmps} A" };
            var worst = checks.OrderByDescending(c => Math.Abs(c.Error)).First();
            writer.Restore(previous);
            return outcome with { Verdict = "rejected", Restored = true, NextDue = "", Reason = $"the check at about {worst.SetPoint:0.00} A read {worst.Error * 1000:+0;-0} mA from the ammeter, outside ±{ToleranceAmps * 1000:0} mA; the previous calibration was restored" };
        }
        catch (Exception ex) when (written && ex is not PenUnavailableException)
        {
            StopQuietly();
            writer.Restore(previous);
            throw;
        }
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
                _progress(amps <= 0
                    ? $"current {what} {i + 1}/{loads.Length}: motor stopped, brake released (0 A)"
                    : $"current {what} {i + 1}/{loads.Length}: motor at rate level {RateLevelIndex + 1}, brake set for about {amps.ToString("0.00", CultureInfo.InvariantCulture)} A");
                Hold(amps);
                int number = first + i;
                var referenceRead = Task.Run(() => _reference.Read(number, "A"));
                double pen = Math.Round(AverageWhile(referenceRead), 4);
                points.Add(new SweepPoint(amps, pen, referenceRead.GetAwaiter().GetResult()));
            }
        }
        finally
        {
            StopQuietly();
        }
        return points;
    }

    private void Hold(double amps)
    {
        var c = _pen.Client;
        if (amps <= 0)
        {
            (_reference as ILoadInstrument)?.SetLoad(0);
            _load = 0;
            StopAndWait(c);
        }
        else
        {
            c.SetSetting(SettingId.RateLevel, RateLevelIndex);
            if (c.GetStatus().DutyBasisPoints == 0)
            {
                c.Start();
                WaitPenTime(c, SettleMs);
            }
            Ramp(c, amps);
        }
        WaitPenTime(c, SettleMs);
        var s = c.GetStatus();
        if (s.Fault != 0) throw new InvalidOperationException($"the pen reported fault {s.Fault} under load; acknowledge it (`mnpen pen ack`) after finding its cause");
        if (amps > 0 && s.DutyBasisPoints == 0) throw new InvalidOperationException("the pen did not run its motor (is the cartridge fitted and the pen idle?)");
    }

    // The brake is turned up gradually, as by hand: a step of the full load onto the motor at a low rate slows the
    // cam for longer than a stroke period before the rate loop answers, which the pen rightly takes for a jam.
    private void Ramp(PenClient c, double amps)
    {
        if (_reference is not ILoadInstrument load) return;
        const int steps = 10;
        double from = _load;
        for (int k = 1; k <= steps; k++)
        {
            load.SetLoad(from + (amps - from) * k / steps);
            WaitPenTime(c, RampStepMs);
        }
        _load = amps;
    }

    /// <summary>Pen time between the brake ramp's ten steps, ms (the rate loop answers a step within a few of its 10 ms ticks).</summary>
    public const int RampStepMs = 100;

    private double _load;

    // Mean duty, supply (V, the pen's own reading) and stroke rate at each swept point, beside the points.
    private readonly List<(double Duty, double Volts, double Rate)> _operating = new();

    private void StopAndWait(PenClient c)
    {
        if (c.GetStatus().DutyBasisPoints != 0) c.Stop();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (c.GetStatus() is var s && (s.DutyBasisPoints != 0 || s.MeasuredRateCenti != 0) && DateTime.UtcNow < deadline)
        {
            _cancel.ThrowIfCancellationRequested();
            Thread.Sleep(20);
        }
    }

    // Leaves the pen as found: brake released, motor stopped (a write is refused while it runs).
    private void StopQuietly()
    {
        try
        {
            (_reference as ILoadInstrument)?.SetLoad(0);
            _load = 0;
            StopAndWait(_pen.Client);
        }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException) { }
    }

    private void WaitPenTime(PenClient c, int ms)
    {
        uint start = c.GetStatus().UptimeMs;
        while (c.GetStatus().UptimeMs - start < ms)
        {
            _cancel.ThrowIfCancellationRequested();
            Thread.Sleep(20);
        }
    }

    // The pen's reading averaged over at least AveragingMs of its time and until the reference has read (same stretch);
    // duty, supply and rate are averaged alongside for the motor's constants.
    private double AverageWhile(Task reference)
    {
        var c = _pen.Client;
        var first = c.GetStatus();
        double sum = 0, duty = 0, volts = 0, rate = 0;
        int n = 0;
        var s = first;
        while (true)
        {
            sum += s.MotorCurrentMa / 1000.0;
            duty += s.DutyBasisPoints / 10000.0;
            volts += s.BatteryMv / 1000.0;
            rate += s.MeasuredRateCenti / 100.0;
            n++;
            _cancel.ThrowIfCancellationRequested();
            Thread.Sleep(5);
            s = c.GetStatus();
            if (s.UptimeMs - first.UptimeMs >= AveragingMs && reference.IsCompleted)
            {
                _operating.Add((duty / n, volts / n, rate / n));
                return sum / n;
            }
        }
    }
}
