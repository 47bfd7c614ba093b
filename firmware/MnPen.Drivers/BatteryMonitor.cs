using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Battery voltage through the 1/4 divider (150k/50k), lightly filtered against PWM ripple. The ESP32-S3's raw counts
    /// scale with the chip's own reference (1000..1200 mV), so volts per count is this pen's calibrated coefficient, not a
    /// nominal reference: an ideal 3.3 V assumption reads the median chip 6 % high and trips 6.0 V at about 5.6 V.
    /// </summary>
    public sealed class BatteryMonitor
    {
        /// <summary>
        /// Scale before a calibration is applied: the smallest any pen can have, so the reading errs low (the record's
        /// SensingDefaults.ConservativeBatteryMillivoltsPerCount; drivers do not reference storage, a test keeps them equal).
        /// </summary>
        public const float UncalibratedMillivoltsPerCount = 2.70f;

        /// <summary>Divider ratio: battery volts per volt at the ADC pin.</summary>
        public const float DividerRatio = 4f;

        // ~8 ms time constant at 1 kHz: rejects ripple but follows a sag within a few ticks.
        private const float FilterAlpha = 0.125f;

        private readonly IAdcChannel _adc;
        private bool _primed;
        // Until calibration is applied the safe-side scale: reads low, so under-voltage trips early, never late.
        private float _voltsPerCount = UncalibratedMillivoltsPerCount * 0.001f;

        /// <summary>Creates the monitor on the battery ADC channel.</summary>
        public BatteryMonitor(IAdcChannel adc)
        {
            _adc = adc;
        }

        /// <summary>Applies this pen's calibrated battery millivolts per count (ignored unless positive and finite).</summary>
        public void Configure(float millivoltsPerCount)
        {
            if (!(millivoltsPerCount > 0f && millivoltsPerCount < 100f)) return;
            _voltsPerCount = millivoltsPerCount * 0.001f;
        }

        /// <summary>Battery volts per count in use.</summary>
        public float VoltsPerCount
        {
            get { return _voltsPerCount; }
        }

        /// <summary>Raw counts of the latest reading.</summary>
        public int Raw { get; private set; }

        /// <summary>Battery voltage of the latest reading, unfiltered, volts.</summary>
        public float InstantVolts { get; private set; }

        /// <summary>Filtered battery voltage, volts.</summary>
        public float Volts { get; private set; }

        /// <summary>Takes one reading and returns the filtered voltage.</summary>
        public float Read()
        {
            Raw = _adc.ReadRaw();
            InstantVolts = Raw * _voltsPerCount;
            if (!_primed)
            {
                Volts = InstantVolts;
                _primed = true;
            }
            else
            {
                Volts += (InstantVolts - Volts) * FilterAlpha;
            }
            return Volts;
        }
    }
}
