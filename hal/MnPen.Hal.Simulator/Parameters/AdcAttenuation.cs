namespace MnPen.Hal.Simulator.Parameters;

/// <summary>ESP32-S3 SAR ADC input attenuation (ESP-IDF adc_atten_t); nanoFramework opens every channel at Db12.</summary>
public enum AdcAttenuation
{
    /// <summary>0 dB: 0–950 mV measurable.</summary>
    Db0 = 0,
    /// <summary>2.5 dB: 0–1250 mV measurable.</summary>
    Db2_5 = 1,
    /// <summary>6 dB: 0–1750 mV measurable.</summary>
    Db6 = 2,
    /// <summary>12 dB (ADC_ATTEN_DB_11 before ESP-IDF 5.1): 0–3100 mV measurable.</summary>
    Db12 = 3,
}
