namespace MnPen.Hal.Simulator.Storage;

/// <summary>How the simulated flash fails its writes (storage-write-fail).</summary>
public enum FlashWriteFailure
{
    /// <summary>Writes land normally.</summary>
    None = 0,
    /// <summary>Writes are dropped without an error: reads keep returning the old content.</summary>
    Silent = 1,
    /// <summary>Each write raises an I/O error.</summary>
    Throws = 2,
}
