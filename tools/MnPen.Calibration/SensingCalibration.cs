using System.Globalization;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Storage;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// Guided calibration of a sensing channel (thermistor, battery) with the pen at rest: read the pen and the reference
/// instrument together several times, refit the channel's coefficient from the means, write it (read back, audit entry,
/// restart), verify against the reference with the new coefficient in effect, and restore the previous calibration
/// exactly if anything fails after writing. The pen at rest holds one operating point (room temperature, the pack's
/// voltage), so the sweep is repeated readings of it: their spread is the residual the certificate shows.
/// </summary>
public sealed class SensingCalibration
{
    /// <summary>Readings of the pen and the reference before the fit and again after writing.</summary>
    public const int Readings = 5;

    /// <summary>Pen time each pen reading is averaged over, ms (the thermistor's bead and the battery filter settle in it).</summary>
    public const int AveragingMs = 1000;

    private readonly PenSession _pen;
    private readonly IReferenceInstrument _reference;
    private readonly SensingChannel _ch;
    private readonly Action<string> _progress;
    private readonly CancellationToken _cancel;

    /// <summary>A procedure on a connected, unlocked pen.</summary>
    public SensingCalibration(PenSession pen, IReferenceInstrument reference, SensingChannel channel, Action<string> progress, CancellationToken cancel)
    {
        _pen = pen;
        _reference = reference;
        _ch = channel;
        _progress = progress;
        _cancel = cancel;
    }

    /// <summary>Runs the procedure; the outcome says what happened (the caller writes the certificate).</summary>
    public CalibrationOutcome Run(string technician, DateTime todayUtc)
    {
        var client = _pen.Client;
        var pre = PreconditionChecks.Common(client.GetStatus(), _reference, _ch.Unit, false, "");
        var outcome = CalibrationOutcome.Begin(client, _ch.Name, _ch.Unit, technician, todayUtc, _reference, _ch.Tolerance, pre);
        if (outcome.RejectUnmetPreconditions() is { } unmet) return unmet;

        var previous = client.ReadCalibration();
        double oldCoefficient = _ch.Coefficient(previous);
        var points = Sweep("reading", 1);
        double pen = points.Average(p => p.PenReading), reference = points.Average(p => p.Reference);
        outcome = outcome with { Points = points, Fit = Interpolation.Line(points.Select(p => p.PenReading).ToList(), points.Select(p => p.Reference).ToList()) };
        if (Math.Abs(pen - reference) > _ch.MaxCorrection)
            return outcome with { Verdict = "rejected", Reason = $"the pen reads {pen - reference:+0.###;-0.###} {_ch.Unit} from the reference, more than calibration may correct (±{_ch.MaxCorrection} {_ch.Unit}): check the sensor and the instrument; nothing was written" };

        var candidate = CalibrationWriter.Clone(previous);
        double fitted = _ch.Refit(oldCoefficient, pen, reference);
        _ch.SetCoefficient(candidate, fitted);
        // The record's sensing flag covers both channels: set once neither carries the conservative default any more.
        candidate.SensingCalibrated = candidate.ThermistorRailCounts != SensingDefaults.ConservativeThermistorRailCounts &&
                                      candidate.BatteryMillivoltsPerCount != SensingDefaults.ConservativeBatteryMillivoltsPerCount;
        CalibrationStamp.Apply(candidate, technician, todayUtc);
        if (CalibrationValidator.Validate(candidate) is { } invalid)
            return outcome with { Verdict = "rejected", Reason = $"the fitted {_ch.CoefficientName} {fitted:0.####} is not valid: {invalid}; nothing was written" };
        _cancel.ThrowIfCancellationRequested();

        return VerifiedWrite.Run(new CalibrationWriter(_pen, _progress), outcome, previous, candidate,
            $"{_ch.Name} {_ch.CoefficientName} ({oldCoefficient:0.####} → {fitted:0.####})",
            () => Sweep("check", Readings + 1).Select(p => CheckPoint.Judge(p, _ch.Tolerance)).ToList(),
            checks => $"{_ch.CoefficientName} {oldCoefficient:0.####} → {fitted:0.####}; all {checks.Count} checks within ±{_ch.Tolerance} {_ch.Unit}",
            worst => $"a check read {worst.Error:+0.###;-0.###} {_ch.Unit} from the reference, outside ±{_ch.Tolerance} {_ch.Unit}; the previous calibration was restored");
    }

    // Readings of the pen (averaged over AveragingMs of its time) with the reference read alongside.
    // An instrument is asked for reading number first+i (1..5 before the fit, 6..10 after): what a FILE reference lists.
    private List<SweepPoint> Sweep(string what, int first)
    {
        var points = new List<SweepPoint>();
        for (int i = 0; i < Readings; i++)
        {
            int number = first + i;
            _cancel.ThrowIfCancellationRequested();
            _progress($"{_ch.Name} {what} {i + 1}/{Readings}: pen and {_reference.Name} at rest");
            var referenceRead = Task.Run(() => _reference.Read(number, _ch.Unit));
            double pen = Math.Round(Average(), 4);
            double reference = referenceRead.GetAwaiter().GetResult();
            // At rest the operating point is wherever the pen is (room temperature, the pack's voltage): the reference's value.
            points.Add(new SweepPoint(reference, pen, reference));
        }
        return points;
    }

    private double Average()
    {
        var c = _pen.Client;
        var first = c.GetStatus();
        double sum = _ch.Reading(first);
        int n = 1;
        while (true)
        {
            _cancel.ThrowIfCancellationRequested();
            Thread.Sleep(20);
            var s = c.GetStatus();
            if (s.UptimeMs - first.UptimeMs >= AveragingMs) return sum / n;
            sum += _ch.Reading(s);
            n++;
        }
    }
}
