using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;

namespace MnPen.Hal.Simulator.Devices;

/// <summary>
/// Pin voltage to raw counts for one ESP32-S3 ADC chip (see <see cref="AdcChipParameters"/> for every figure): the
/// chip's reference scales the range, its offset shifts it, an INL bow bends it, the range compresses above the knee
/// and clamps at 0 and 4095. Shared by every channel of the chip, as on the part.
/// </summary>
public sealed class Esp32S3AdcTransfer
{
    private readonly AdcChipParameters _p;
    private readonly double _countsPerVolt;
    private readonly double _kneeVolts;
    private readonly double _rangeVolts;

    /// <summary>The transfer of one chip.</summary>
    public Esp32S3AdcTransfer(AdcChipParameters chip)
    {
        _p = chip;
        double scale = chip.VrefMillivolts / AdcChipParameters.NominalVrefMillivolts;
        _rangeVolts = AdcChipParameters.RangeMillivolts(chip.Attenuation) * scale / 1000.0;
        _kneeVolts = AdcChipParameters.KneeMillivolts(chip.Attenuation) * scale / 1000.0;
        _countsPerVolt = AdcChipParameters.MaxCount / _rangeVolts;
    }

    /// <summary>The chip's parameters.</summary>
    public AdcChipParameters Chip => _p;

    /// <summary>Noise-free conversion, counts, unrounded and unclamped.</summary>
    public double Counts(double volts)
    {
        double v = volts;
        double linear = v <= _kneeVolts
            ? v * _countsPerVolt
            : _kneeVolts * _countsPerVolt + (v - _kneeVolts) * _countsPerVolt * _p.CompressionAboveKnee;
        double x = v / _rangeVolts;
        double bow = x > 0 && x < 1 ? _p.InlBowCounts * Math.Sin(Math.PI * x) : 0.0;
        return linear + _p.OffsetCounts + bow;
    }

    /// <summary>One conversion with Gaussian noise, counts clamped to 0..4095.</summary>
    public int Convert(double volts, double noiseCounts, SimRandom noise) =>
        Quantise(Counts(volts) + noiseCounts * noise.NextGaussian());

    /// <summary>Rounds and clamps to the 12-bit range.</summary>
    public static int Quantise(double counts)
    {
        int c = (int)Math.Round(counts);
        return c < 0 ? 0 : (c > AdcChipParameters.MaxCount ? AdcChipParameters.MaxCount : c);
    }
}
