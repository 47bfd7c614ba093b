using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>Motor current from the H-bridge's IPROPI output: ADC counts to amps with calibrated offset and gain.</summary>
    public sealed class CurrentSensor
    {
        /// <summary>The IPROPI node's transimpedance, volts per amp: 910 Ω × A_IPROPI 1000 µA/A.</summary>
        public const float IpropiVoltsPerAmp = 0.91f;

        /// <summary>Nominal gain: 3100 mV (ESP32-S3 12 dB range, median chip) / 4095 counts / IpropiVoltsPerAmp = 0.832 mA per count.</summary>
        public const float NominalMilliampsPerCount = 3100f / 4095f / IpropiVoltsPerAmp;

        private readonly IAdcChannel _adc;
        private int _offsetCounts;
        private float _milliampsPerCount = NominalMilliampsPerCount;

        /// <summary>
        /// Counts at the converter's floor that say only "no current above the dead zone": the ESP32-S3 ADC clamps inputs
        /// below its range at 0 (docs/safety/sensing-budget.md) and its noise is about 1 count RMS, so 0..3 counts is what a
        /// chip whose zero lies below the range reads in its dead zone, and what an open sense reads through its bleed
        /// resistor. On a pen whose zero lies below the range (negative offset) such a reading is 0 A, not the calibrated
        /// line's value there (the dead zone's upper edge, up to about 30 mA): a dead sense must read as no current whatever
        /// the pen's offset. A pen with its zero inside the range reads 0..3 counts as at most a few mA already.
        /// </summary>
        public const int FloorCounts = 3;

        /// <summary>Creates the sensor with nominal gain and zero offset until Configure is called.</summary>
        public CurrentSensor(IAdcChannel adc)
        {
            _adc = adc;
        }

        /// <summary>
        /// Applies the calibrated zero offset (counts; negative for a chip whose zero lies below the ADC's range, fitted from
        /// loaded points) and gain (mA per count).
        /// </summary>
        public void Configure(int offsetCounts, float milliampsPerCount)
        {
            _offsetCounts = offsetCounts;
            if (milliampsPerCount > 0f) _milliampsPerCount = milliampsPerCount;
        }

        /// <summary>Raw counts of the latest reading.</summary>
        public int Raw { get; private set; }

        /// <summary>Current of the latest reading, amps (small negative values are offset noise).</summary>
        public float Amps { get; private set; }

        /// <summary>Calibrated gain, mA per count.</summary>
        public float MilliampsPerCount => _milliampsPerCount;

        /// <summary>Calibrated zero offset, counts.</summary>
        public int OffsetCounts => _offsetCounts;

        /// <summary>Takes one reading and returns it in amps.</summary>
        public float Read()
        {
            Raw = _adc.ReadRaw();
            Amps = _offsetCounts < 0 && Raw <= FloorCounts ? 0f : (Raw - _offsetCounts) * _milliampsPerCount * 0.001f;
            return Amps;
        }
    }
}
