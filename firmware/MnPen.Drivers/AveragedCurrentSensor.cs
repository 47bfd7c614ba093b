using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// The rate loop's motor current: the IPROPI node through its 15 ms RC on its own ADC pin (PenBoard.MotorCurrentMean),
    /// in amps with the IPROPI channel's calibrated gain and a zero learned while the driver sleeps. docs/hardware.md,
    /// "Loop current".
    /// </summary>
    public sealed class AveragedCurrentSensor
    {
        /// <summary>The RC's time constant, seconds: 100 kΩ × 150 nF (docs/hardware.md).</summary>
        public const float FilterSeconds = 0.015f;

        /// <summary>
        /// Driver asleep this long before the node counts as zero current, microseconds: 10 time constants take a 2.5 A
        /// reading (about 2750 counts) below one count (e^-10 × 2750 ≈ 0.1).
        /// </summary>
        public const int SettleMicros = 150000;

        /// <summary>Time constant the zero is averaged over once settled, microseconds (the ADC's 1-count noise to ~0.1 count).</summary>
        public const int ZeroAveragingMicros = 500000;

        /// <summary>
        /// Series resistor over bias resistor of the node, 100 kΩ / 4.7 MΩ (docs/hardware.md, "Loop current"): the bias from
        /// the 3.3 V rail keeps the node's zero above the converter's floor, and the node then moves 1 / (1 + this) as far as
        /// the IPROPI node, which the reading multiplies back.
        /// </summary>
        public const float BiasRatio = 100e3f / 4.7e6f;

        /// <summary>The bias's lift of the node at rest, volts: 3.3 V × BiasRatio / (1 + BiasRatio) (68.8 mV).</summary>
        public const float BiasVolts = 3.3f * BiasRatio / (1f + BiasRatio);

        private readonly IAdcChannel _adc;
        private readonly CurrentSensor _gain;
        private float _zero;
        private bool _zeroLearned;
        private int _restMicros;

        /// <summary>Reads adc (null: the board has no averaging channel) with the gain of the calibrated IPROPI channel.</summary>
        public AveragedCurrentSensor(IAdcChannel adc, CurrentSensor gain)
        {
            _adc = adc;
            _gain = gain;
        }

        /// <summary>True when the board has the averaging channel.</summary>
        public bool Available => _adc != null;

        /// <summary>Raw counts of the latest reading.</summary>
        public int Raw { get; private set; }

        /// <summary>Current of the latest reading, amps (NaN on a board without the channel).</summary>
        public float Amps { get; private set; } = float.NaN;

        /// <summary>
        /// Zero in use, counts: the IPROPI channel's calibrated offset plus the bias until the node has been read at rest, then the node's
        /// own zero (which holds the ADC pin's leakage across the series resistor, up to 5 mV: 6 counts). A node that reads
        /// under one count at rest sits at the converter's floor with its true zero at or below it: the IPROPI channel's
        /// calibrated offset (extrapolated below 0 by the station) is then the better zero, if it is lower.
        /// </summary>
        public float ZeroCounts
        {
            get
            {
                if (!_zeroLearned) return NominalZeroCounts;
                if (_zero >= 1f || _gain.OffsetCounts > _zero) return _zero;
                return _gain.OffsetCounts;
            }
        }

        /// <summary>
        /// Zero before the first rest, counts: the IPROPI channel's calibrated offset plus the bias's nominal lift (the
        /// leakage, up to 6 counts, is not known until the node has been read at rest).
        /// </summary>
        public float NominalZeroCounts
        {
            get
            {
                float perCount = _gain.MilliampsPerCount;
                return perCount > 0f ? _gain.OffsetCounts + BiasVolts / CurrentSensor.IpropiVoltsPerAmp * 1000f / perCount : _gain.OffsetCounts;
            }
        }

        /// <summary>True once the zero has been read at rest.</summary>
        public bool ZeroLearned => _zeroLearned;

        /// <summary>Takes one reading; driverAsleep = the bridge is asleep (no IPROPI current), elapsed = microseconds since the last call.</summary>
        public float Read(bool driverAsleep, int elapsedMicros)
        {
            if (_adc == null) return Amps;
            int raw = _adc.ReadRaw();
            Raw = raw;
            if (!driverAsleep) _restMicros = 0;
            else if (_restMicros < SettleMicros) _restMicros += elapsedMicros;
            else if (!_zeroLearned)
            {
                _zero = raw;
                _zeroLearned = true;
            }
            else
            {
                float k = (float)elapsedMicros / ZeroAveragingMicros;
                if (k > 1f) k = 1f;
                _zero += (raw - _zero) * k;
            }
            Amps = (raw - ZeroCounts) * _gain.MilliampsPerCount * 0.001f * (1f + BiasRatio);
            return Amps;
        }
    }
}
