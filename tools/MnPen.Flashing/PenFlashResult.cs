namespace MnPen.Flashing;

/// <summary>What happened to one pen: outcome, the step that failed, the message, and where its backup is.</summary>
public sealed record PenFlashResult
{
    /// <summary>Serial port flashed.</summary>
    public required string Port { get; init; }
    /// <summary>Pen serial number (from the backup or the handshake), empty when unknown.</summary>
    public string Serial { get; init; } = "";
    /// <summary>Outcome.</summary>
    public FlashOutcome Outcome { get; init; }
    /// <summary>The step that failed (backup, firmware, app, details, verify, restore), null when done.</summary>
    public string? FailedStep { get; init; }
    /// <summary>One line: what happened and, on failure, what to do.</summary>
    public string Message { get; init; } = "";
    /// <summary>The backup file, when one was taken or given.</summary>
    public string? BackupPath { get; init; }
    /// <summary>The calibration file beside the backup (for `mnpen calibrate import`).</summary>
    public string? CalibrationFilePath { get; init; }
}
