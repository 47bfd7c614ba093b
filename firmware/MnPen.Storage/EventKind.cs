namespace MnPen.Storage
{
    /// <summary>What an event-log entry records. Numbers are stored on flash and sent over the protocol: never renumber.</summary>
    public enum EventKind
    {
        /// <summary>Empty or unreadable entry.</summary>
        None = 0,
        /// <summary>Firmware started (Code = reset cause, Argument = firmware version).</summary>
        Boot = 1,
        /// <summary>A fault was raised (Code = fault code, snapshot of rate, depth, current, temperature, voltage).</summary>
        Fault = 2,
        /// <summary>Session start, written to flash before the motor may turn (Code = rate level, Argument = depth steps).</summary>
        SessionStart = 3,
        /// <summary>Motor stopped (Argument = run seconds of the session; Code = stop reason from the core).</summary>
        SessionEnd = 4,
        /// <summary>A cartridge was accepted (Argument = low 32 bits of its ROM serial).</summary>
        CartridgeInserted = 5,
        /// <summary>A cartridge was removed (Argument = ROM serial low bits; Code = its run seconds, capped).</summary>
        CartridgeRemoved = 6,
        /// <summary>A cartridge was refused (Code = fault code, e.g. 201 reused; Argument = ROM serial low bits).</summary>
        CartridgeRefused = 7,
        /// <summary>Calibration was written (Argument = calibration day).</summary>
        CalibrationChanged = 8,
        /// <summary>Settings were written.</summary>
        SettingsChanged = 9,
        /// <summary>Firmware was updated (Argument = new version).</summary>
        FirmwareUpdated = 10,
        /// <summary>A damaged storage slot was found and rewritten (Code = record type byte).</summary>
        StorageRepaired = 11,
        /// <summary>Entries were lost because the RAM queue was full (Argument = how many).</summary>
        LogOverflow = 12,
        /// <summary>A latched fault was acknowledged (Code = fault code).</summary>
        FaultCleared = 13,
        /// <summary>Service access over the protocol (Code = MnPen.Protocol.LinkEvent kind, Argument = detail).</summary>
        ServiceAccess = 14,
        /// <summary>A session whose start was logged had no end when the pen started again: power loss or reset (Code = reset cause, Argument = sequence of its start).</summary>
        SessionInterrupted = 15,
    }
}
