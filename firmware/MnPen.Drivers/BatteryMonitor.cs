using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>Battery voltage through the 1/3 divider (100k/50k), lightly filtered against PWM ripple.</summary>
    public sealed class BatteryMonitor
    {
        /// <summary>Divider ratio: battery volts per volt at the ADC pin.</summary>
        public const float DividerRatio = 3f;

        // ~8 ms time constant at 1 kHz: rejects ripple but follows a sag within a few ticks.
        private const float FilterAlpha = 0.125f;

        private readonly IAdcChannel _adc;
        private bool _primed;

        /// <summary>Creates the monitor on the battery ADC channel.</summary>
        public BatteryMonitor(IAdcChannel adc)
        {
            _adc = adc;
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
            int max = _adc.MaxCount > 0 ? _adc.MaxCount : 4095;
            InstantVolts = Raw * (_adc.ReferenceMillivolts * 0.001f) / max * DividerRatio;
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
