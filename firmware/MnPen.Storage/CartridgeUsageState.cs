namespace MnPen.Storage
{
    /// <summary>What a cartridge's own usage record says.</summary>
    public enum CartridgeUsageState
    {
        /// <summary>Usage page blank: never run.</summary>
        New = 0,
        /// <summary>A valid usage copy exists: it has been run (by this pen or another).</summary>
        Used = 1,
        /// <summary>Usage page neither blank nor valid (torn write or tampering): treated as not usable.</summary>
        Damaged = 2,
    }
}
