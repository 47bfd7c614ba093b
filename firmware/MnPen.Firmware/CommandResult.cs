namespace MnPen.Firmware
{
    /// <summary>
    /// Outcome of a user or host command. Commands never throw: anything other than Accepted is a refusal and
    /// names its reason; PenFirmware.LastRefusalFault gives the fault code behind a pre-run refusal.
    /// </summary>
    public enum CommandResult
    {
        /// <summary>Done (or under way, for start/stop).</summary>
        Accepted = 0,
        /// <summary>Nothing to do: the pen is already where the command would take it.</summary>
        AlreadyDone = 1,
        /// <summary>The command is not allowed in the current state (e.g. start while booting).</summary>
        RefusedWrongState = 2,
        /// <summary>A safety fault is active; acknowledge it first.</summary>
        RefusedFaultActive = 3,
        /// <summary>The pen is locked out; it needs service.</summary>
        RefusedLockout = 4,
        /// <summary>No cartridge seated.</summary>
        RefusedNoCartridge = 5,
        /// <summary>The cartridge was rejected (used before, unreadable or unknown type).</summary>
        RefusedCartridge = 6,
        /// <summary>Calibration or settings missing or invalid: the pen will not guess values.</summary>
        RefusedCalibration = 7,
        /// <summary>Battery too low to start a session.</summary>
        RefusedBatteryLow = 8,
        /// <summary>The needle depth was not reached and verified in time.</summary>
        RefusedDepthNotReached = 9,
        /// <summary>Argument outside its range (rate level, non-finite or negative depth).</summary>
        RefusedOutOfRange = 10,
        /// <summary>Depth above the hard limit of the seated cartridge.</summary>
        RefusedAboveDepthLimit = 11,
        /// <summary>A pre-run check failed; see PenFirmware.LastRefusalFault.</summary>
        RefusedPreRunCheck = 12,
        /// <summary>The fault's cause is still present, so it cannot be acknowledged yet.</summary>
        RefusedFaultPersists = 13,
        /// <summary>The session limit (maximum run or treatment time) is used up.</summary>
        RefusedSessionLimit = 14,
    }
}
