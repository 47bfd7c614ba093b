using MnPen.Client;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// The second half every writing procedure shares: write the candidate (read back, audit entry, restart), verify with it
/// in effect, and keep it only if every check passes; a failed check, an interruption or a stopped procedure after the
/// write puts the previous record back exactly as it was read.
/// </summary>
public static class VerifiedWrite
{
    /// <summary>
    /// Writes candidate and verifies it. passReason and rejectReason word the verdict from the checks (rejectReason gets
    /// the worst one); leave (may be null) brings the pen to rest before a restore after an exception.
    /// </summary>
    public static CalibrationOutcome Run(CalibrationWriter writer, CalibrationOutcome outcome, PenCalibration previous, PenCalibration candidate,
        string change, Func<List<CheckPoint>> verify, Func<List<CheckPoint>, string> passReason, Func<CheckPoint, string> rejectReason, Action? leave = null)
    {
        bool written = false;
        try
        {
            written = true;
            writer.WriteAndRestart(candidate, change);
            outcome = outcome with { NextDue = CalibrationStamp.Date(candidate.NextDueDay).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
            var checks = verify();
            outcome = outcome with { Checks = checks };
            if (checks.All(c => c.Pass))
                return outcome with { Verdict = "pass", Written = true, Reason = passReason(checks) };
            var worst = checks.Where(c => !c.Pass).OrderByDescending(c => Math.Abs(c.Error) / Math.Max(c.Tolerance, 1e-12)).First();
            writer.Restore(previous);
            return outcome with { Verdict = "rejected", Restored = true, NextDue = "", Reason = rejectReason(worst) };
        }
        catch (Exception ex) when (written && ex is not PenUnavailableException)
        {
            // The restore runs whatever leaving the pen at rest throws.
            try { leave?.Invoke(); }
            finally { writer.Restore(previous); }
            throw;
        }
    }
}
