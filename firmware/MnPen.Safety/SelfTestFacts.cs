using MnPen.Hal;

namespace MnPen.Safety
{
    /// <summary>Facts the start-up self-test needs from boot (reset cause, storage CRC results), filled by the control core.</summary>
    public sealed class SelfTestFacts
    {
        /// <summary>Why the processor last started.</summary>
        public ResetCause ResetCause;

        /// <summary>The calibration record passed its CRC and validation.</summary>
        public bool CalibrationCrcOk;

        /// <summary>The settings record passed its CRC and validation (or defaults were restored and saved).</summary>
        public bool SettingsCrcOk;

        /// <summary>
        /// Battery millivolts per ADC count from the validated calibration (the pen's own ADC and divider). Left at the
        /// smallest any pen can have (2.70, reads low) when there is none, so a doubtful pack is refused, never passed.
        /// </summary>
        public float BatteryMillivoltsPerCount = 2.70f;

        /// <summary>Every other stored record (event log, cartridge usage) passed its CRC or was repaired.</summary>
        public bool StorageOk;
    }
}
