using System.Security.Cryptography;
using System.Text.Json;
using MnPen.Calibration;
using MnPen.Client;
using MnPen.Protocol;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Cli.Technician;

/// <summary>
/// The end of a guided calibration cut short (Ctrl+C, SIGTERM, "q" at a prompt), after the procedure has put back any
/// record it wrote: the motor brought to rest, the pen's calibration read back and compared byte for byte with the one
/// read before the procedure started, and both said on stderr (and as JSON on stdout with --json).
/// </summary>
public static class InterruptedCalibration
{
    /// <summary>What the pen was left with.</summary>
    public sealed record Report(
        bool Interrupted, string Kind, string StoppedBy, string PenSerial, bool? CalibrationUnchanged,
        string CalibrationSha256Before, string? CalibrationSha256After, bool? MotorStopped, string Reason);

    /// <summary>Checks the pen against before and reports; stoppedBy is the signal, or null when the prompt was left with "q".</summary>
    public static Report Check(string kind, PenClient client, PenCalibration before, string? stoppedBy)
    {
        string by = stoppedBy ?? "q at the prompt";
        string beforeHash = Sha256(before);
        bool? stopped = null, unchanged = null;
        string? afterHash = null;
        string reason;
        try
        {
            // The procedure stopped the motor on its way out (MotorRun.StopQuietly); a stop sent again costs nothing
            // and covers a pen that was just starting.
            stopped = MotorRest.StopAndWait(client, StopDeadline);
            var after = client.ReadCalibration();
            afterHash = Sha256(after);
            unchanged = CalibrationWriter.SameBytes(before, after);
            reason = unchanged == true
                ? $"interrupted by {by}; the pen's calibration reads back identical to the one it had before (sha256 {beforeHash[..12]}), " +
                  (stopped == true ? "motor stopped" : $"but the motor did not come to rest within {StopDeadline.TotalSeconds:0} s: `mnpen pen stop`")
                : $"interrupted by {by}, and the pen's calibration reads back DIFFERENT from the one it had before (sha256 {beforeHash[..12]} → {afterHash[..12]}): " +
                  "check it with `mnpen calibrate show` and run the calibration again";
        }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException)
        {
            reason = $"interrupted by {by}; the pen's calibration could not be read back ({ex.Message}): check it with `mnpen calibrate show`";
        }
        return new Report(true, kind, by, client.Hello?.SerialNumber ?? "", unchanged, beforeHash, afterHash, stopped, reason);
    }

    /// <summary>Says it: one line on stderr, and the report as JSON on stdout with --json.</summary>
    public static void Write(Report report, bool asJson, TextWriter output, TextWriter error)
    {
        error.WriteLine($"mnpen calibrate {report.Kind}: {report.Reason}");
        if (asJson) output.WriteLine(JsonSerializer.Serialize(report, TechnicianJson.Options));
    }

    /// <summary>
    /// Longest wait for the motor to stand before the report says whether it did: the procedure has already stopped it
    /// and waited up to MotorRun.StopDeadline, so this confirms rather than waits (a stop reads as standing within
    /// 0.37 s, MotorRest), and a person, or a service manager's stop timeout, is waiting for the process to end; a pen
    /// still turning by then is reported with `mnpen pen stop` as the remedy.
    /// </summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(3);

    private static string Sha256(PenCalibration c) => Convert.ToHexStringLower(SHA256.HashData(CalibrationWriter.Bytes(c)));
}
