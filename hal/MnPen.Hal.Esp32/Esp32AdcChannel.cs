using System.Device.Adc;

namespace MnPen.Hal.Esp32
{
    /// <summary>One ADC1 channel of the ESP32-S3 (12-bit; nanoFramework configures 12 dB attenuation, about 0..3.1 V).</summary>
    public sealed class Esp32AdcChannel : IAdcChannel
    {
        private readonly AdcChannel _channel;

        /// <summary>Opens the logical ADC channel (see <see cref="PinMap"/>).</summary>
        public Esp32AdcChannel(AdcController adc, int channel)
        {
            _channel = adc.OpenChannel(channel);
        }

        /// <summary>One conversion, raw counts 0..4095.</summary>
        public int ReadRaw() => _channel.ReadValue();

        /// <summary>Full scale: 4095 (12-bit).</summary>
        public int MaxCount => 4095;

        /// <summary>Nominal full-scale input, mV (per-pen gain/offset come from calibration).</summary>
        public int ReferenceMillivolts => 3300;
    }
}
