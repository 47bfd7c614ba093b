using System.Globalization;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Protocol;

namespace MnPen.Calibration;

/// <summary>
/// Verification of a pen sensor that its calibration has no coefficients for (thermistor, battery sense) or whose
/// scale is fixed by construction (stroke rate: the loop counts Hall edges, one stroke per revolution): the pen's
/// reading against a reference instrument at each set point, judged against a stated tolerance. Nothing is written,
/// so the pen's calibration cannot change; the certificate records the check.
/// </summary>
public sealed class ReadingCheck
{
    private readonly PenSession _pen;
    private readonly IReferenceInstrument _reference;
    private readonly ReadingQuantity _q;
    private readonly Action<string> _progress;
    private readonly CancellationToken _cancel;

    /// <summary>A check of one quantity on a connected, unlocked pen.</summary>
    public ReadingCheck(PenSession pen, IReferenceInstrument reference, ReadingQuantity quantity, Action<string> progress, CancellationToken cancel)
    {
        _pen = pen;
        _reference = reference;
        _q = quantity;
        _progress = progress;
        _cancel = cancel;
    }

    /// <summary>Runs the check.</summary>
    public CalibrationOutcome Run(string technician, DateTime todayUtc)
    {
        var c = _pen.Client;
        var s = c.GetStatus();
        var pre = PreconditionChecks.Common(s, _reference, _q.Unit, _q.NeedsCartridge, "the motor will not start without one");
        var outcome = CalibrationOutcome.Begin(c, _q.Name, _q.Unit, technician, todayUtc, _reference, _q.Tolerance, pre);
        if (outcome.RejectUnmetPreconditions() is { } unmet) return unmet;
        var points = new List<SweepPoint>();
        var checks = new List<CheckPoint>();
        try
        {
            var setPoints = _q.SetPoints(c);
            for (int i = 0; i < setPoints.Count; i++)
            {
                _cancel.ThrowIfCancellationRequested();
                _progress(_q.NeedsCartridge
                    ? $"{_q.Name} {i + 1}/{setPoints.Count}: holding {setPoints[i].ToString("0.##", CultureInfo.InvariantCulture)} {_q.Unit}"
                    : $"{_q.Name}: reading the pen and the {_reference.Name} at rest");
                double setPoint = setPoints[i];
                double pen, reference;
                for (int attempt = 0; ; attempt++)
                {
                    _q.Hold(c, i, _cancel);
                    // The reference reads while the pen is averaged (and kept polled, so a link-started motor keeps running):
                    // both figures then cover the same time, which matters where the quantity itself moves (the rate loop).
                    var referenceRead = Task.Run(() => _reference.Read(setPoint, _q.Unit));
                    (double mean, bool driven) = AverageWhile(c, referenceRead);
                    pen = Math.Round(mean, 4);
                    reference = referenceRead.GetAwaiter().GetResult();
                    if (!_q.RunsMotor || driven) break;
                    // The pen stopped a link-started motor. Held and averaged here, not by MotorRun.HoldAndAverage:
                    // the quantity holds its own set point (no brake ramp) and is averaged every 20 ms, not 5 ms.
                    KeepAliveRetry.AfterStop(c.GetStatus(), attempt, $"while its {_q.Name} was read",
                        $"{setPoint.ToString("0.##", CultureInfo.InvariantCulture)} {_q.Unit}", _progress);
                }
                double tol = _q.ToleranceAt(reference);
                double error = Math.Round(pen - reference, 4);
                points.Add(new SweepPoint(setPoints[i], pen, reference));
                checks.Add(new CheckPoint(setPoints[i], pen, reference, error, tol, Math.Abs(error) <= tol));
            }
        }
        finally
        {
            _q.Finish(c);
        }
        outcome = outcome with
        {
            Points = points, Checks = checks,
            Fit = points.Count >= 2 ? Interpolation.Line(points.Select(p => p.PenReading).ToList(), points.Select(p => p.Reference).ToList()) : null,
        };
        var bad = checks.Where(k => !k.Pass).ToList();
        return bad.Count == 0
            ? outcome with { Verdict = "pass", Reason = $"the pen's {_q.Name} reading is within ±{_q.ToleranceText} of the reference at all {checks.Count} points; nothing to write" }
            : outcome with { Verdict = "rejected", Reason = $"the pen's {_q.Name} reading is off by {bad.Max(k => Math.Abs(k.Error)):0.###} {_q.Unit} (tolerance ±{_q.ToleranceText}): {_q.Remedy}" };
    }

    /// <summary>
    /// Fewest status reads a pen reading is averaged over. The pen's rate estimate moves within a quantisation band of
    /// a few per cent near 50 strokes/s (docs/control.md); a host starved of CPU polls the paced pen only a few times in
    /// its averaging time, and a mean of a few such reads was 1.5 % off the tachometer on a drawn pen.
    /// </summary>
    public const int MinSamples = 100;

    // Averages the pen's reading over at least the quantity's averaging time and MinSamples reads, and until the reference
    // has read; driven is false when any read found the motor undriven.
    private (double Mean, bool Driven) AverageWhile(PenClient c, Task reference)
    {
        var first = c.GetStatus();
        uint start = first.UptimeMs;
        double sum = _q.Reading(first);
        bool driven = first.DutyBasisPoints != 0;
        int n = 1;
        while (true)
        {
            _cancel.ThrowIfCancellationRequested();
            Thread.Sleep(20);
            var s = c.GetStatus();
            if (s.UptimeMs - start >= _q.AveragingMs && n >= MinSamples && reference.IsCompleted) return (sum / n, driven);
            sum += _q.Reading(s);
            driven &= s.DutyBasisPoints != 0;
            n++;
        }
    }
}
