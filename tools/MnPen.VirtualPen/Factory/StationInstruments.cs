using MnPen.Hal.Simulator.Parameters;

namespace MnPen.VirtualPen.Factory;

/// <summary>
/// The factory station's reference instruments and the error each had when a pen was calibrated: a reading is
/// truth + bias (depth gauge) or truth × (1 + gain error) (tachometer, ammeter). Stated accuracies carry their source;
/// a population draws each pen's errors uniformly within them (the station is recalibrated between pens' lots, so each
/// pen meets its instruments anywhere in their band). <see cref="Ideal"/> reads ground truth.
/// </summary>
public sealed class StationInstruments
{
    /// <summary>Stated accuracy of the depth gauge, ± mm (0.001 mm dial indicator over 3 mm, ISO 463 class: ±0.003 mm; as SimDepthGauge).</summary>
    public const double DepthGaugeAccuracyMm = 0.003;

    /// <summary>Stated accuracy of the optical tachometer, ± fraction of reading (typical handheld optical tachometer: ±0.05 %).</summary>
    public const double TachometerAccuracy = 0.0005;

    /// <summary>Stated accuracy of the ammeter, ± fraction of reading (4½-digit bench DMM, 2 A range: ±0.5 % of reading including the shunt).</summary>
    public const double AmmeterAccuracy = 0.005;

    /// <summary>Depth gauge bias at this calibration, mm.</summary>
    public double DepthGaugeBiasMm { get; init; }

    /// <summary>Tachometer gain error at this calibration, fraction.</summary>
    public double TachometerGainError { get; init; }

    /// <summary>Ammeter gain error at this calibration, fraction.</summary>
    public double AmmeterGainError { get; init; }

    /// <summary>Instruments that read ground truth exactly (the reference pen's calibration).</summary>
    public static StationInstruments Ideal { get; } = new();

    /// <summary>The station's errors when pen index of the population of seed was calibrated (drawn within the stated accuracies).</summary>
    public static StationInstruments For(ulong seed, int index)
    {
        if (index == 0) return Ideal;
        var r = PenDraw.Stream(seed, index, PenDraw.StationStream);
        return new StationInstruments
        {
            DepthGaugeBiasMm = (2 * r.NextDouble() - 1) * DepthGaugeAccuracyMm,
            TachometerGainError = (2 * r.NextDouble() - 1) * TachometerAccuracy,
            AmmeterGainError = (2 * r.NextDouble() - 1) * AmmeterAccuracy,
        };
    }

    /// <summary>What the depth gauge shows for a true depth, mm.</summary>
    public double DepthGauge(double trueMm) => trueMm + DepthGaugeBiasMm;

    /// <summary>What the tachometer shows for a true rate, strokes/s.</summary>
    public double Tachometer(double trueRate) => trueRate * (1 + TachometerGainError);

    /// <summary>What the ammeter shows for a true current, A.</summary>
    public double Ammeter(double trueAmps) => trueAmps * (1 + AmmeterGainError);
}
