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

        /// <summary>Every other stored record (event log, cartridge usage) passed its CRC or was repaired.</summary>
        public bool StorageOk;
    }
}
