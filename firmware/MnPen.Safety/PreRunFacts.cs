namespace MnPen.Safety
{
    /// <summary>Facts the pre-run checks need beyond the sensor inputs (from the cartridge memory), filled by the control core.</summary>
    public sealed class PreRunFacts
    {
        /// <summary>The cartridge's ID memory was read and its record validated.</summary>
        public bool CartridgeIdValid;

        /// <summary>The cartridge's usage record says it has been used up.</summary>
        public bool CartridgeUsedUp;

        /// <summary>Needles in the seated cartridge, from its ID memory (0 = unknown).</summary>
        public int CartridgeNeedles;

        /// <summary>Puncture force of one of its needles in the toughest skin, N, as its ID memory states it (0 = not stated: a pen needle).</summary>
        public float CartridgeNeedleNewtons;

        /// <summary>Calibration is older than its service interval (warning only).</summary>
        public bool CalibrationDue;
    }
}
