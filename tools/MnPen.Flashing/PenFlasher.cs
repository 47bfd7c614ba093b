using MnPen.Client;

namespace MnPen.Flashing;

/// <summary>
/// Flashes one pen and keeps what it holds: back up over the pen protocol (calibration, settings, event log) to a file,
/// run nanoff (firmware, app, details), verify by handshake and by the native assemblies the firmware reports, restore
/// or migrate the backup, and confirm after the restart. Every failure names its step, says what to do, and leaves the
/// backup on disk.
/// </summary>
public sealed class PenFlasher
{
    /// <summary>Path of the nanoff executable.</summary>
    public required string Nanoff { get; init; }
    /// <summary>Folder backups are written to.</summary>
    public required string BackupFolder { get; init; }
    /// <summary>Progress and nanoff's output.</summary>
    public required TextWriter Log { get; init; }
    /// <summary>Service key for restoring (null: compare only, and say how to restore).</summary>
    public byte[]? ServiceKey { get; init; }
    /// <summary>Time to wait for each protocol reply.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Time the pen may take to answer after nanoff restarted it.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Flash without a backup (a blank board, or a pen backed up by other means).</summary>
    public bool NoBackup { get; init; }
    /// <summary>Restore this earlier backup instead of taking a new one (recovery after a failed flash).</summary>
    public PenBackup? RestoreFrom { get; init; }
    /// <summary>The file RestoreFrom was read from.</summary>
    public string? RestoreFromPath { get; init; }
    /// <summary>Clock for backup names.</summary>
    public Func<DateTime> UtcNow { get; init; } = () => DateTime.UtcNow;

    /// <summary>Flashes the pen on request.Port, reached over the protocol at penTarget.</summary>
    public PenFlashResult Flash(FlashRequest request, string penTarget)
    {
        string port = request.Port ?? "";
        var (calls, planError) = NanoffPlanner.Plan(request);
        if (planError != null) return Fail(port, "", "plan", planError, null, null);

        // 1. Backup, before anything touches the pen.
        PenBackup? backup = RestoreFrom;
        string? backupPath = RestoreFromPath, calibrationPath = null;
        if (backup == null && !NoBackup)
        {
            try
            {
                backup = OverLink(() =>
                {
                    using var client = PenClient.Connect(penTarget, ReplyTimeout, requireCompatible: true);
                    return PenBackup.Take(client, UtcNow());
                });
            }
            catch (Exception ex) when (ex is PenUnavailableException or PenIncompatibleException or PenCommandException or IOException)
            {
                return Fail(port, "", "backup", $"nothing was flashed: the pen at {penTarget} could not be backed up ({ex.Message}). " +
                                                "If this is a blank board, add --no-backup; if it runs older firmware, back it up with the mnpen that matches it " +
                                                "(mnpen calibrate export) and flash with --no-backup", null, null);
            }
            try
            {
                (backupPath, calibrationPath) = backup.Save(BackupFolder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail(port, backup.SerialNumber, "backup", $"nothing was flashed: the backup could not be written to {BackupFolder} ({ex.Message})", null, null);
            }
            Log.WriteLine($"{port}: backup of pen {backup.SerialNumber} written to {backupPath} " +
                          $"(calibration, {backup.Settings.Count} settings, {backup.Events.Count} events)");
        }
        else if (backup != null && backupPath != null)
        {
            calibrationPath = Path.ChangeExtension(backupPath, null).Replace(".backup", "", StringComparison.Ordinal) + ".calibration.json";
            if (!File.Exists(calibrationPath) && backup.Calibration != null) backup.Calibration.Save(calibrationPath);
        }
        string serial = backup?.SerialNumber ?? "";
        string keep = backupPath != null ? $" The backup is in {backupPath}." : "";

        // 2. nanoff: firmware, app, details.
        var runner = new NanoffRunner(Nanoff, Log);
        string details = "";
        foreach (var call in calls)
        {
            var (exit, output) = runner.Run(call.Arguments);
            if (exit != 0)
            {
                string what = call.Step switch
                {
                    NanoffStep.Firmware => "the firmware update failed; the pen may hold no working firmware now. Hold BOOT while plugging it in and run the same command again" +
                                           (backupPath != null ? $" with --restore-from {backupPath}" : ""),
                    NanoffStep.Application => "the app could not be deployed; the firmware is updated. Run again with --app-only" +
                                              (backupPath != null ? $" --restore-from {backupPath}" : ""),
                    _ => "nanoff could not read the device details; check the cable and port, then run again with --app-only" +
                         (backupPath != null ? $" --restore-from {backupPath}" : ""),
                };
                return Fail(port, serial, StepName(call.Step), $"nanoff {call.Arguments[0]} exited with {exit}: {what}.{keep}", backupPath, calibrationPath);
            }
            if (call.Step == NanoffStep.Details) details = output;
        }
        string? firmware = DeviceDetails.FirmwareVersion(details);
        if (request.Firmware && request.FirmwareVersion != null && firmware != null &&
            !firmware.StartsWith(request.FirmwareVersion, StringComparison.Ordinal))
            return Fail(port, serial, "details", $"the pen reports firmware {firmware} after flashing {request.FirmwareVersion}; run the flash again.{keep}", backupPath, calibrationPath);
        var problems = NativeAssemblies.Problems(details);
        if (problems.Count > 0)
            return Fail(port, serial, "details", $"the firmware on the pen cannot run the app: {string.Join("; ", problems)}; " +
                                                 $"flash the image the pen needs (--image-target {ImageTargets.Default}, or {ImageTargets.Suitable[1]} with later firmware) " +
                                                 $"in a version built with the app's package versions.{keep}", backupPath, calibrationPath);
        if (DeviceDetails.RunningTarget(details) is { } running && ImageTargets.Problem(running) is { } wrongImage)
            return Fail(port, serial, "details", $"the pen runs the {running} image: {wrongImage}.{keep}", backupPath, calibrationPath);

        // 3. Verify by handshake, then 4. restore, then confirm after the restart.
        try
        {
            return OverLink(() => VerifyAndRestore(port, serial, penTarget, backup, backupPath, calibrationPath, keep, firmware));
        }
        catch (Exception ex) when (ex is PenUnavailableException or PenIncompatibleException or PenCommandException or IOException)
        {
            return Fail(port, serial, "verify", $"the pen did not answer properly after flashing ({ex.Message}); check `mnpen status --target {penTarget}`, " +
                                                "then run again with --app-only" + (backupPath != null ? $" --restore-from {backupPath}" : "") + "." + keep, backupPath, calibrationPath);
        }
    }

    private PenFlashResult VerifyAndRestore(string port, string serial, string penTarget, PenBackup? backup, string? backupPath, string? calibrationPath, string keep,
        string? firmware)
    {
        FlashOutcome outcome;
        string message;
        bool rebooted;
        // This connection is closed before the confirming one opens: a pen's USB port (and the virtual pen) serves one
        // host at a time, so a second connection while this one is open is refused, not queued.
        using (var client = WaitForPen(penTarget))
        {
            var hello = client.Hello!;
            Log.WriteLine($"{port}: pen {hello.SerialNumber} answers: firmware {firmware ?? "(version not reported)"}, app {hello.FirmwareVersion}, protocol v{hello.ProtocolVersion}; " +
                          $"{NativeAssemblies.Required.Count} native assemblies present");
            if (serial.Length == 0) serial = hello.SerialNumber;
            if (backup == null)
                return new PenFlashResult { Port = port, Serial = serial, Outcome = FlashOutcome.Done, Message = $"flashed and verified (app {hello.FirmwareVersion}); no backup to restore" };
            (outcome, message, rebooted) = PenRestore.Run(client, backup, ServiceKey, calibrationPath ?? backupPath!);
        }
        if (outcome != FlashOutcome.Done)
            return Fail(port, serial, "restore", message + "." + keep, backupPath, calibrationPath, outcome);
        if (rebooted && OverLink(() => Confirm(penTarget, backup)) is { } afterRestart)
            return Fail(port, serial, "restore", afterRestart + keep, backupPath, calibrationPath, FlashOutcome.Mismatch);
        if (rebooted) message += "; after the restart the calibration is byte for byte the backup's";
        Log.WriteLine($"{port}: {message}");
        return new PenFlashResult { Port = port, Serial = serial, Outcome = FlashOutcome.Done, Message = message, BackupPath = backupPath, CalibrationFilePath = calibrationPath };
    }

    /// <summary>
    /// Runs body again (twice at most) when the link breaks: a pen that nanoff just restarted re-enumerates on USB, and a
    /// link can drop once while it does. Every step is safe to repeat: reads, and writes compared before and after.
    /// </summary>
    private static T OverLink<T>(Func<T> body)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return body();
            }
            catch (PenUnavailableException) when (attempt < 3)
            {
                Thread.Sleep(300);
            }
        }
    }

    /// <summary>Null when the restarted pen holds the backup's calibration byte for byte, else what is wrong.</summary>
    private string? Confirm(string penTarget, PenBackup backup)
    {
        using var client = WaitForPen(penTarget);
        byte[] now = PenBackup.Encode(client.ReadCalibration());
        return now.AsSpan().SequenceEqual(Convert.FromBase64String(backup.CalibrationRecord)) ? null
            : "after the restart the pen's calibration differs from the backup; import the calibration file again.";
    }

    private PenClient WaitForPen(string target)
    {
        var until = DateTime.UtcNow + BootTimeout;
        while (true)
        {
            try
            {
                return PenClient.Connect(target, ReplyTimeout, requireCompatible: true);
            }
            catch (PenUnavailableException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string StepName(NanoffStep step) => step switch
    {
        NanoffStep.Firmware => "firmware",
        NanoffStep.Application => "app",
        _ => "details",
    };

    private PenFlashResult Fail(string port, string serial, string step, string message, string? backupPath, string? calibrationPath, FlashOutcome outcome = FlashOutcome.Failed)
    {
        Log.WriteLine($"{port}: {step} failed: {message}");
        return new PenFlashResult { Port = port, Serial = serial, Outcome = outcome, FailedStep = step, Message = message, BackupPath = backupPath, CalibrationFilePath = calibrationPath };
    }
}
