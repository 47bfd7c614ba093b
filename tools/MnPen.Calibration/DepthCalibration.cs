using System.Globalization;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Protocol;
using MnPen.Storage;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// Guided depth calibration through the pen's own sensor and a depth gauge: hold the needle at each depth-map point
/// (the pen's closed depth loop settles on its feedback potentiometer), read the gauge, rebuild the map so the
/// feedback counts the pen saw belong to the depth the gauge read, write it, reboot so it takes effect, verify at
/// check points between the map points, and restore the previous calibration exactly if anything fails after writing.
/// </summary>
public sealed class DepthCalibration
{
    /// <summary>Acceptance tolerance at each check point, mm (the pen's depth accuracy requirement, ±0.05 mm).</summary>
    public const double ToleranceMm = 0.05;

    /// <summary>Check points, mm: between the map's 0.25 mm points, so verification tests the interpolation too.</summary>
    public static readonly double[] CheckPointsMm = { 0.3, 0.8, 1.3, 1.8, 2.3 };

    /// <summary>Progress lines of a full run: 11 sweep points, write, restart, 5 checks (a progress bar's length).</summary>
    public const int Steps = 18;

    /// <summary>Pen time to let the depth loop settle at a set point, s (its trim integrator's time constant is 0.25 s: DepthController.TrimGain 4/s).</summary>
    public const double SettleSeconds = 6.0;

    private readonly PenSession _pen;
    private readonly IReferenceInstrument _gauge;
    private readonly CancellationToken _cancel;
    private readonly CalibrationWriter _writer;

    /// <summary>A procedure on a connected, unlocked pen with a gauge; progress lines go to progress.</summary>
    public DepthCalibration(PenSession pen, IReferenceInstrument gauge, Action<string> progress, CancellationToken cancel)
    {
        _pen = pen;
        _gauge = gauge;
        ProgressSink = progress;
        _cancel = cancel;
        _writer = new CalibrationWriter(pen, line => ProgressSink(line));
    }

    /// <summary>Receives a line at each step (each takes seconds of the pen's time).</summary>
    public Action<string> ProgressSink { get; set; }

    /// <summary>Checks every precondition (all run, all reported).</summary>
    public List<Precondition> CheckPreconditions() =>
        PreconditionChecks.Common(_pen.Client.GetStatus(), _gauge, "mm", true, "the needle the gauge reads is the cartridge's");

    /// <summary>Runs the procedure; the outcome says what happened (the caller writes the certificate).</summary>
    public CalibrationOutcome Run(string technician, DateTime todayUtc)
    {
        var client = _pen.Client;
        var outcome = CalibrationOutcome.Begin(client, "depth", "mm", technician, todayUtc, _gauge, ToleranceMm, CheckPreconditions());
        if (outcome.RejectUnmetPreconditions() is { } unmet) return unmet;

        var previous = client.ReadCalibration();
        int depthBefore = client.GetSetting(SettingId.DepthTargetUm);
        double limit = Math.Min(client.GetSetting(SettingId.DepthLimitUm), client.GetStatus().CartridgeMaxDepthUm) / 1000.0;
        bool written = false;
        try
        {
            // 1. Sweep with the old map.
            var points = new List<SweepPoint>();
            var setPoints = previous.DepthMm.Select(d => (double)d).Where(d => d <= limit + 1e-6).ToList();
            for (int i = 0; i < setPoints.Count; i++)
            {
                ProgressSink($"sweep {i + 1}/{setPoints.Count}: holding {setPoints[i]:0.00} mm");
                double pen = Hold(setPoints[i]);
                points.Add(new SweepPoint(setPoints[i], Math.Round(pen, 4), _gauge.Read(setPoints[i], "mm")));
            }
            var fit = Interpolation.Line(points.Select(p => p.PenReading).ToList(), points.Select(p => p.Reference).ToList());
            outcome = outcome with { Points = points, Fit = fit };

            // 2. New map: the counts the pen saw at each point belong to the depth the gauge read there.
            var candidate = Rebuild(previous, points, out string? why);
            if (candidate == null) return outcome with { Verdict = "rejected", Reason = why! };
            CalibrationStamp.Apply(candidate, technician, todayUtc);
            if (CalibrationValidator.Validate(candidate) is { } invalid) return outcome with { Verdict = "rejected", Reason = "the fitted map is not valid: " + invalid };
            _cancel.ThrowIfCancellationRequested();

            // 3. Write, read back, reboot so it takes effect.
            written = true;
            _writer.WriteAndRestart(candidate, "depth map");
            outcome = outcome with { NextDue = Date(candidate.NextDueDay) };

            // 4. Verify between the map's points.
            var checks = Verify(limit);
            outcome = outcome with { Checks = checks };
            if (checks.All(c => c.Pass))
                return outcome with { Verdict = "pass", Written = true, Reason = $"all {checks.Count} check points within ±{ToleranceMm} mm" };
            var worst = checks.OrderByDescending(c => Math.Abs(c.Error)).First();
            _writer.Restore(previous);
            return outcome with { Verdict = "rejected", Restored = true, NextDue = "", Reason = $"check at {worst.SetPoint:0.00} mm read {worst.Reference:0.000} mm, outside ±{ToleranceMm} mm; the previous calibration was restored" };
        }
        catch (Exception ex) when (written && ex is not PenUnavailableException)
        {
            _writer.Restore(previous);
            throw;
        }
        finally
        {
            TrySetDepth(depthBefore);
        }
    }

    /// <summary>Holds each check point up to limitMm and compares the gauge with the set point (no writing).</summary>
    public List<CheckPoint> Verify(double limitMm)
    {
        var checks = new List<CheckPoint>();
        foreach (double c in CheckPointsMm.Where(c => c <= limitMm + 1e-6))
        {
            ProgressSink($"check {checks.Count + 1}: holding {c:0.00} mm");
            double pen = Hold(c);
            double reference = _gauge.Read(c, "mm");
            double error = Math.Round(reference - c, 4);
            checks.Add(new CheckPoint(c, Math.Round(pen, 4), reference, error, ToleranceMm, Math.Abs(error) <= ToleranceMm));
        }
        return checks;
    }

    // Sets the depth and waits (in the pen's time) for its loop to settle; returns the pen's mean reading, mm.
    private double Hold(double mm)
    {
        var client = _pen.Client;
        client.SetSetting(SettingId.DepthTargetUm, (int)Math.Round(mm * 1000));
        uint start = client.GetStatus().UptimeMs;
        while (true)
        {
            _cancel.ThrowIfCancellationRequested();
            var s = client.GetStatus();
            if (s.Fault != 0) throw new InvalidOperationException($"the pen raised fault {s.Fault} while holding {mm:0.00} mm");
            if (s.UptimeMs - start >= SettleSeconds * 1000) break;
            Thread.Sleep(20);
        }
        double sum = 0;
        for (int i = 0; i < 5; i++) sum += client.GetStatus().DepthMeasuredUm / 1000.0;
        return sum / 5;
    }

    private static PenCalibration? Rebuild(PenCalibration old, List<SweepPoint> points, out string? why)
    {
        why = null;
        var refs = points.Select(p => p.Reference).ToList();
        // The lowest point may rest on the lower stop: judge monotonicity from the first point above it.
        if (!Interpolation.StrictlyRising(refs))
        {
            why = "the gauge readings do not rise with the set points (" + string.Join(", ", refs.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture))) +
                  " mm): check the gauge is on the needle and read again";
            return null;
        }
        var oldDepth = old.DepthMm.Select(d => (double)d).ToList();
        var oldCounts = old.DepthFeedbackCounts.Select(c => (double)c).ToList();
        var oldDrive = old.DepthDrive.Select(d => (double)d).ToList();
        // Counts the pen saw: its reading, mapped back through the old table (the protocol carries depth, not counts).
        var counts = points.Select(p => Interpolation.At(oldDepth, oldCounts, p.PenReading)).ToList();
        var drive = points.Select(p => Interpolation.At(oldDepth, oldDrive, p.SetPoint)).ToList();
        var c = CalibrationWriter.Clone(old);
        for (int k = 0; k < c.DepthMm.Length; k++)
        {
            c.DepthFeedbackCounts[k] = (int)Math.Round(Interpolation.At(refs, counts, c.DepthMm[k]));
            c.DepthDrive[k] = (float)Math.Clamp(Interpolation.At(refs, drive, c.DepthMm[k]), 0, 1);
        }
        for (int k = 1; k < c.DepthMm.Length; k++)
        {
            if (c.DepthFeedbackCounts[k] <= c.DepthFeedbackCounts[k - 1]) c.DepthFeedbackCounts[k] = c.DepthFeedbackCounts[k - 1] + 1;
            if (c.DepthDrive[k] <= c.DepthDrive[k - 1]) c.DepthDrive[k] = c.DepthDrive[k - 1] + 1e-4f;
        }
        return c;
    }

    private static string Date(int day) => CalibrationStamp.Date(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The calibration's wire bytes (what "byte for byte" compares).</summary>
    public static byte[] Bytes(PenCalibration c) => CalibrationWriter.Bytes(c);

    private void TrySetDepth(int um)
    {
        try { _pen.Client.SetSetting(SettingId.DepthTargetUm, um); }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException) { }
    }
}
