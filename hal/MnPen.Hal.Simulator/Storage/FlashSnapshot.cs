namespace MnPen.Hal.Simulator.Storage;

/// <summary>An immutable deep copy of a <see cref="SimulatedFlash"/>'s files.</summary>
public sealed class FlashSnapshot
{
    internal FlashSnapshot(Dictionary<string, byte[]> files) => Files = files;

    /// <summary>File name to content (do not modify; <see cref="SimulatedFlash.Restore"/> copies it again).</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }
}
