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
        // Volts per count, worked out once per converter range: a float division every tick is dear on the pen.
        private int _scaleMax = -1;
        private int _scaleReference = -1;
        private float _voltsPerCount;

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
            int max = _adc.MaxCount;
            if (max <= 0) max = 4095;
            int reference = _adc.ReferenceMillivolts;
            if (max != _scaleMax || reference != _scaleReference)
            {
                _scaleMax = max;
                _scaleReference = reference;
                _voltsPerCount = reference * 0.001f / max * DividerRatio;
            }
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
