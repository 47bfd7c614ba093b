namespace MnPen.Storage
{
    /// <summary>What each <see cref="EventKind"/> records, in words (tools and the protocol document).</summary>
    public static class EventKindText
    {
        /// <summary>Meaning of an entry of this kind, its code and argument.</summary>
        public static string Meaning(EventKind kind)
        {
            switch (kind)
            {
                case EventKind.Boot: return "Firmware started; code = reset cause (0 power-on, 1 software, 2 watchdog, 3 brown-out, 4 unknown), argument = firmware version 0x00MMmmpp.";
                case EventKind.Fault: return "A fault was raised; code = FaultCode (docs/faults.md), with a snapshot of rate, depth, current, temperature and battery on the pen.";
                case EventKind.SessionStart: return "Session start, on flash before the motor may turn; code = rate level (0-based), argument = depth in 0.05 mm steps, with target rate, depth, temperature and battery.";
                case EventKind.SessionEnd: return "Motor stopped; code = stop reason, argument = run seconds of the session.";
                case EventKind.CartridgeInserted: return "A cartridge was accepted; code = its maximum depth in 0.05 mm steps, argument = low 32 bits of its ROM serial.";
                case EventKind.CartridgeRemoved: return "A cartridge was removed; code = its run seconds (capped at 65535), argument = ROM serial low bits.";
                case EventKind.CartridgeRefused: return "A cartridge was refused; code = FaultCode (e.g. 201 reused), argument = ROM serial low bits.";
                case EventKind.CalibrationChanged: return "Calibration written; argument = calibration day (days since 2000-01-01).";
                case EventKind.SettingsChanged: return "Settings written.";
                case EventKind.FirmwareUpdated: return "Firmware version changed since the previous boot; argument = new version.";
                case EventKind.StorageRepaired: return "A damaged storage slot was found and rewritten; code = record type byte, argument = detail (e.g. entries damaged).";
                case EventKind.LogOverflow: return "Entries were lost because the RAM queue was full; argument = how many.";
                case EventKind.FaultCleared: return "A latched fault was acknowledged; code = FaultCode.";
                case EventKind.SessionInterrupted: return "A session had no end when the pen started again (power loss, brown-out or reset while running); code = reset cause of that start, argument = sequence number of the session's start entry.";
                case EventKind.ServiceAccess: return "Security log only: service access over the link; code = LinkEvent, argument = its detail.";
                default: return "Empty or unreadable entry.";
            }
        }
    }
}
