using System.Device.Adc;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// One ADC1 channel of the ESP32-S3, raw and uncalibrated: nanoFramework opens it at ADC_ATTEN_DB_11 (12 dB, about
    /// 0..3.1 V) and returns adc1_get_raw / adc_oneshot_read with no esp_adc_cal step (nf-interpreter
    /// targets/ESP32/_nanoCLR/System.Device.Adc/sys_dev_adc_native_System_Device_Adc_AdcController.cpp): per-pen
    /// coefficients in the calibration record turn counts into volts (docs/safety/sensing-budget.md).
    /// </summary>
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

        /// <summary>Nominal full-scale input of the median chip at 12 dB, mV (ESP-IDF ESP32-S3 attenuation table); per-pen scaling comes from calibration.</summary>
        public int ReferenceMillivolts => 3100;
    }
}
