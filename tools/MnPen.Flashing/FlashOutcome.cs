namespace MnPen.Flashing;

/// <summary>How flashing one pen ended.</summary>
public enum FlashOutcome
{
    /// <summary>Flashed, verified, and what the pen held is back in place.</summary>
    Done,
    /// <summary>The pen or nanoff failed, or the firmware lacks what the app needs.</summary>
    Failed,
    /// <summary>Flashed, but what the pen holds afterwards does not match the backup.</summary>
    Mismatch,
}
