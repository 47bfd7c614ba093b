using System;
using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Handpiece NTC (10 kOhm at 25 C, B 3950) to ground under a 10 kOhm pull-up from the 3.3 V rail: counts to degrees
    /// Celsius by the Beta equation, with open/short detection from the raw counts. The ESP32-S3 ADC's range is its own
    /// (about 3.1 V, chip to chip 1000..1200 mV reference) and not the rail, so the divider ratio is raw / rail counts, the
    /// counts this pen's ADC would read for the rail: a per-pen coefficient from the calibration record. Assuming the rail
    /// reads 4095 (ratiometric) reads 2-3 C cold at 40 C on the median chip (docs/safety/sensing-budget.md).
    /// The open/short thresholds are the safety supervisor's (SafetyLimits.ThermistorOpenRaw/ShortRaw), passed in: one
    /// definition, so the converted temperature and the supervisor never disagree on whether the sensor is usable.
    /// </summary>
    public sealed class Thermistor
    {
        /// <summary>NTC resistance at 25 C, ohms.</summary>
        public const float NominalOhms = 10000f;
        /// <summary>Pull-up resistor, ohms.</summary>
        public const float PullUpOhms = 10000f;
        /// <summary>Beta constant, kelvin.</summary>
        public const float Beta = 3950f;
        /// <summary>
        /// Rail counts before a calibration is applied: the largest any pen can have, so the reading errs hot (the
        /// record's SensingDefaults.ConservativeThermistorRailCounts; drivers do not reference storage, a test keeps them equal).
        /// </summary>
        public const float UncalibratedRailCounts = 4950f;
        /// <summary>
        /// Rail counts a calibration may set, the record's own bounds (CalibrationValidator.ThermistorRailCountsMin/Max, kept
        /// equal by a test): every chip of the 1000..1200 mV reference spread with a 3.3 V ±2 % rail and ±30 counts offset.
        /// The driver once kept its own floor of 4000 and silently ignored a valid 3945 from a 1187 mV chip (pen 36 of
        /// seed 1): it read 10 K hot on the conservative scale and tripped OverTemperature at 38 °C.
        /// </summary>
        public const float MinRailCounts = 3850f, MaxRailCounts = 4950f;

        // The Beta equation needs a logarithm, the dearest operation of the whole tick (a software double on the
        // pen's core). Readings wander a few counts around a slowly moving value, so a small table of recent
        // conversions, indexed by the low bits of the count, answers almost every tick with the exact same result.
        private const int CacheSize = 16;

        private readonly IAdcChannel _adc;
        private readonly int[] _cachedRaw = new int[CacheSize];
        private readonly float[] _cachedCelsius = new float[CacheSize];
        private int _cacheMax = -1;
        private float _railCounts = UncalibratedRailCounts;
        private readonly int _openCounts12;
        private readonly int _shortCounts12;
        private int _openCounts;
        private int _shortCounts;

        /// <summary>Creates the reader on its ADC channel with the open/short thresholds in 12-bit counts (SafetyLimits).</summary>
        public Thermistor(IAdcChannel adc, int openCounts, int shortCounts)
        {
            _adc = adc;
            _openCounts12 = openCounts;
            _shortCounts12 = shortCounts;
        }

        /// <summary>Applies this pen's calibrated rail counts (ignored unless plausible: 4000..8190, finite).</summary>
        public void Configure(float railCounts)
        {
            if (!(railCounts >= MinRailCounts && railCounts <= MaxRailCounts)) return;
            _railCounts = railCounts;
            _cacheMax = -1;   // every cached conversion used the old scale
        }

        /// <summary>Rail counts in use.</summary>
        public float RailCounts
        {
            get { return _railCounts; }
        }

        /// <summary>Counts (12-bit) at or above which the sensor reads as open.</summary>
        public int OpenCounts => _openCounts12;

        /// <summary>Counts (12-bit) at or below which the sensor reads as shorted.</summary>
        public int ShortCounts => _shortCounts12;

        /// <summary>Raw counts of the latest reading.</summary>
        public int Raw { get; private set; }

        /// <summary>Temperature of the latest valid reading, degrees Celsius.</summary>
        public float Celsius { get; private set; }

        /// <summary>Latest reading says the sensor is open circuit.</summary>
        public bool Open { get; private set; }

        /// <summary>Latest reading says the sensor is shorted.</summary>
        public bool Shorted { get; private set; }

        /// <summary>Takes one reading; returns the temperature (the last valid one while open or shorted).</summary>
        public float Read()
        {
            int raw = _adc.ReadRaw();
            Raw = raw;
            int max = _adc.MaxCount;
            if (max <= 0) max = 4095;
            if (max != _cacheMax) Rescale(max);
            Open = raw >= _openCounts;
            Shorted = raw <= _shortCounts;
            if (Open || Shorted) return Celsius;
            int slot = raw & (CacheSize - 1);
            if (_cachedRaw[slot] != raw)
            {
                _cachedRaw[slot] = raw;
                _cachedCelsius[slot] = CountsToCelsius(raw, _railCounts);
            }
            Celsius = _cachedCelsius[slot];
            return Celsius;
        }

        // Thresholds are for 12 bits; scale them if the converter differs. A new full scale also voids the cache.
        private void Rescale(int max)
        {
            _cacheMax = max;
            _openCounts = _openCounts12 * max / 4095;
            _shortCounts = _shortCounts12 * max / 4095;
            for (int i = 0; i < CacheSize; i++) _cachedRaw[i] = -1;
        }

        /// <summary>
        /// The rail counts that make a divider reading convert to a known temperature (the inverse of CountsToCelsius in
        /// its scale): what a production calibration against a reference thermometer fits. Absorbs the chip's reference,
        /// the rail's tolerance and the NTC's R25 at the calibration temperature.
        /// </summary>
        public static float RailCountsFor(double raw, double celsius)
        {
            double ohms = NominalOhms * Math.Exp(Beta * (1.0 / (celsius + 273.15) - 1.0 / 298.15));
            return (float)(raw * (ohms + PullUpOhms) / ohms);
        }

        /// <summary>Beta-equation conversion of a divider reading (valid counts only) given the counts the rail reads.</summary>
        public static float CountsToCelsius(int raw, float railCounts)
        {
            double ohms = PullUpOhms * (double)raw / (railCounts - raw);
            double invT = 1.0 / 298.15 + Math.Log(ohms / NominalOhms) / Beta;
            return (float)(1.0 / invT - 273.15);
        }
    }
}
