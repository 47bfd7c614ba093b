using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>Motor current from the H-bridge's IPROPI output: ADC counts to amps with calibrated offset and gain.</summary>
    public sealed class CurrentSensor
    {
        /// <summary>Nominal gain: 3100 mV (ESP32-S3 12 dB range, median chip) / 4095 counts / 0.91 V per A (910 ohm IPROPI) = 0.832 mA per count.</summary>
        public const float NominalMilliampsPerCount = 3100f / 4095f / 0.91f;

        private readonly IAdcChannel _adc;
        private int _offsetCounts;
        private float _milliampsPerCount = NominalMilliampsPerCount;

        /// <summary>Creates the sensor with nominal gain and zero offset until Configure is called.</summary>
        public CurrentSensor(IAdcChannel adc)
        {
            _adc = adc;
        }

        /// <summary>Applies the calibrated zero offset (counts) and gain (mA per count).</summary>
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
            Amps = (Raw - _offsetCounts) * _milliampsPerCount * 0.001f;
            return Amps;
        }
    }
}
