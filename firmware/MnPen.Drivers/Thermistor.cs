using System;
using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Handpiece NTC (10 kOhm at 25 C, B 3950) to ground under a 10 kOhm pull-up: counts to degrees Celsius by the
    /// Beta equation, with open/short detection from the raw counts (an open NTC reads full scale, a short reads ~0).
    /// </summary>
    public sealed class Thermistor
    {
        /// <summary>NTC resistance at 25 C, ohms.</summary>
        public const float NominalOhms = 10000f;
        /// <summary>Pull-up resistor, ohms.</summary>
        public const float PullUpOhms = 10000f;
        /// <summary>Beta constant, kelvin.</summary>
        public const float Beta = 3950f;
        /// <summary>Counts at or above this mean an open sensor (about -40 C would read ~3970).</summary>
        public const int OpenCounts = 4050;
        /// <summary>Counts at or below this mean a shorted sensor (about +150 C would read ~125).</summary>
        public const int ShortCounts = 40;

        private readonly IAdcChannel _adc;

        /// <summary>Creates the thermistor reader on its ADC channel.</summary>
        public Thermistor(IAdcChannel adc)
        {
            _adc = adc;
        }

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
            int max = _adc.MaxCount > 0 ? _adc.MaxCount : 4095;
            // Thresholds are for 12 bits; scale them if the converter differs.
            int open = OpenCounts * max / 4095;
            int shorted = ShortCounts * max / 4095;
            Open = raw >= open;
            Shorted = raw <= shorted;
            if (Open || Shorted) return Celsius;
            Celsius = CountsToCelsius(raw, max);
            return Celsius;
        }

        /// <summary>Beta-equation conversion of a divider reading (valid counts only).</summary>
        public static float CountsToCelsius(int raw, int maxCount)
        {
            double ohms = PullUpOhms * (double)raw / (maxCount - raw);
            double invT = 1.0 / 298.15 + Math.Log(ohms / NominalOhms) / Beta;
            return (float)(1.0 / invT - 273.15);
        }
    }
}
