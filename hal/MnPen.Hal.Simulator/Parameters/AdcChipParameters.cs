using MnPen.Hal.Simulator.Physics;

namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// One ESP32-S3's SAR ADC1 as nanoFramework reads it: raw 12-bit counts, uncalibrated. nanoFramework opens every
/// channel at ADC_ATTEN_DB_11 (= DB_12) and returns adc1_get_raw / adc_oneshot_read with no esp_adc_cal / adc_cali
/// step (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Adc/sys_dev_adc_native_System_Device_Adc_AdcController.cpp,
/// NativeOpenChannel; ..._AdcChannel.cpp, NativeReadValue). So each chip's own reference and offset reach the firmware.
/// Defaults are the median chip; <see cref="Draw"/> gives one chip of the spread from a seed (self-contained, so a pen
/// population draw can call it per pen beside its own resistor/NTC tolerance draw).
/// </summary>
public sealed class AdcChipParameters
{
    /// <summary>Median internal reference, mV: "By design, Vref is set to 1100 mV" (ESP-IDF ESP32-S3 ADC guide).</summary>
    public const double NominalVrefMillivolts = 1100.0;

    /// <summary>
    /// Chip-to-chip reference spread, mV: "the actual value may range from 1000 mV to 1200 mV" (ESP-IDF ESP32-S3 ADC
    /// guide, ADC Conversion); the ±9 % gain spread of raw counts between chips follows from it.
    /// </summary>
    public const double VrefSpreadMillivolts = 100.0;

    /// <summary>
    /// Raw offset spread, counts (±30 counts ≈ ±23 mV at 12 dB). Espressif gives the uncalibrated ESP32-S3 "variation among
    /// samples" as ±100 mV over its 0–2900 mV range (Espressif developer blog "ADC performance", 2025-08, table 1); the
    /// reference spread above accounts for up to ±265 mV at full scale, so the zero-scale share is taken as a quarter.
    /// </summary>
    public const double OffsetSpreadCounts = 30.0;

    /// <summary>Integral nonlinearity bound, LSB: ESP32-S3 data sheet ADC characteristics, INL ±8 LSB (DNL ±4 LSB).</summary>
    public const double InlBoundCounts = 8.0;

    /// <summary>Attenuation the channels are opened with (nanoFramework: always 12 dB).</summary>
    public AdcAttenuation Attenuation { get; set; } = AdcAttenuation.Db12;

    /// <summary>This chip's reference, mV (scales the whole transfer).</summary>
    public double VrefMillivolts { get; set; } = NominalVrefMillivolts;

    /// <summary>This chip's offset, raw counts (negative offsets read 0 near ground: the bottom dead zone).</summary>
    public double OffsetCounts { get; set; }

    /// <summary>This chip's INL bow amplitude, counts (a half sine over the range, peak within ±8 LSB).</summary>
    public double InlBowCounts { get; set; }

    /// <summary>
    /// Slope above the knee relative to below it. The 12 dB range is accurate to 2900 mV (ESP32-S3 data sheet ADC range
    /// 0–2900 mV; Espressif's range-extension note treats readings above 2900 mV as a separate nonlinear region) and
    /// saturates near 3100 mV (ESP-IDF v4.4 ESP32-S3 attenuation table): compressing above the knee reproduces both.
    /// </summary>
    public double CompressionAboveKnee { get; set; } = 0.6;

    /// <summary>Full-scale count (12-bit single read).</summary>
    public const int MaxCount = 4095;

    /// <summary>Measurable range at an attenuation for the median chip, mV (ESP-IDF v4.4 ESP32-S3 ADC guide, ADC Attenuation table).</summary>
    public static double RangeMillivolts(AdcAttenuation a) => a switch
    {
        AdcAttenuation.Db0 => 950.0,
        AdcAttenuation.Db2_5 => 1250.0,
        AdcAttenuation.Db6 => 1750.0,
        _ => 3100.0,
    };

    /// <summary>Upper end of the accurate (linear) range at an attenuation for the median chip, mV (data sheet ranges: 850/1100/1600/2900).</summary>
    public static double KneeMillivolts(AdcAttenuation a) => a switch
    {
        AdcAttenuation.Db0 => 850.0,
        AdcAttenuation.Db2_5 => 1100.0,
        AdcAttenuation.Db6 => 1600.0,
        _ => 2900.0,
    };

    /// <summary>The median chip (no reference, offset or INL error).</summary>
    public static AdcChipParameters Nominal() => new();

    /// <summary>
    /// One chip of the production spread, reproducible from its seed: reference uniform in 1000..1200 mV, offset uniform
    /// in ±30 counts, INL bow uniform in ±8 LSB. Uniform, not normal: the published figures are bounds, and a uniform draw
    /// puts more chips near them than a normal one would.
    /// </summary>
    public static AdcChipParameters Draw(ulong seed)
    {
        var r = new SimRandom(seed, 0xADC);
        return new AdcChipParameters
        {
            VrefMillivolts = NominalVrefMillivolts + VrefSpreadMillivolts * (2 * r.NextDouble() - 1),
            OffsetCounts = OffsetSpreadCounts * (2 * r.NextDouble() - 1),
            InlBowCounts = InlBoundCounts * (2 * r.NextDouble() - 1),
        };
    }

    /// <summary>Copy of these parameters.</summary>
    public AdcChipParameters Clone() => (AdcChipParameters)MemberwiseClone();

    /// <inheritdoc />
    public override string ToString() => $"Vref {VrefMillivolts:0.0} mV, offset {OffsetCounts:+0.0;-0.0} counts, INL {InlBowCounts:+0.0;-0.0} LSB";
}
