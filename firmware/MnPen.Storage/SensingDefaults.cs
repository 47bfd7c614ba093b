namespace MnPen.Storage
{
    /// <summary>
    /// Nominal and conservative scalings of the thermistor and battery channels, for a pen whose calibration record
    /// predates per-pen sensing coefficients. The ESP32-S3's raw counts depend on the chip's own reference (1000..1200 mV,
    /// ESP-IDF ADC guide), so an uncalibrated pen takes the end of that spread that errs safe: the thermistor reads hot
    /// and the battery reads low. Derivations: docs/safety/sensing-budget.md.
    /// </summary>
    public static class SensingDefaults
    {
        /// <summary>
        /// Counts the 3.3 V pull-up rail would read on the median chip: 4095 × 3300 mV / 3100 mV (12 dB range, ESP-IDF
        /// attenuation table). Not a count the ADC can produce; it is the ratiometric denominator of the NTC divider.
        /// </summary>
        public const float NominalThermistorRailCounts = 4359.2f;

        /// <summary>
        /// Largest rail counts any pen can have: lowest reference (1000 mV → range 2818 mV) and the rail 2 % high
        /// (3366 mV, LDO output tolerance): 4095 × 3366 / 2818 = 4891, plus 30 counts of offset → 4950. Reads hot.
        /// </summary>
        public const float ConservativeThermistorRailCounts = 4950f;

        /// <summary>Battery millivolts per count on the median chip: 4 (150k/50k divider) × 3100 mV / 4095.</summary>
        public const float NominalBatteryMillivoltsPerCount = 3.0281f;

        /// <summary>
        /// Smallest battery millivolts per count any pen can have: lowest reference (range 2818 mV) and the divider 1 %
        /// low in ratio: 4 × 0.99 × 2818 / 4095 = 2.725, rounded down to 2.70. Reads low (under-voltage trips early).
        /// </summary>
        public const float ConservativeBatteryMillivoltsPerCount = 2.70f;

        /// <summary>Gives a calibration without measured sensing coefficients the conservative ones and marks it as needing calibration.</summary>
        public static void ApplyConservative(Calibration c)
        {
            c.ThermistorRailCounts = ConservativeThermistorRailCounts;
            c.BatteryMillivoltsPerCount = ConservativeBatteryMillivoltsPerCount;
            c.SensingCalibrated = false;
        }
    }
}
