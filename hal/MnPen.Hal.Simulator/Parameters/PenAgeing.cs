namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// How far a pen's parts may drift between its calibration and the bench run: one calibration interval (a year of
/// use, FactoryCalibrator.IntervalDays). <see cref="PenDraw"/> applies a drift drawn within these limits to the
/// as-calibrated pen. Each value carries its source; signed limits say which way parts age.
/// </summary>
public sealed class PenAgeing
{
    /// <summary>Potentiometer zero drift, ± ADC counts (±12 counts ≈ ±0.01 mm: conductive-plastic pots state output stability after life tests of about ±0.3 % of span).</summary>
    public double PotOffsetCounts { get; set; } = 12.0;

    /// <summary>Potentiometer span drift, ± fraction (same life-test stability figure).</summary>
    public double PotSpan { get; set; } = 0.003;

    /// <summary>Actuator set-point gain drift, ± fraction (servo gear and pot wear; engineering estimate).</summary>
    public double ActuatorGain { get; set; } = 0.01;

    /// <summary>Motor and mechanism friction increase, fraction, 0 up to this (brush wear and seal swelling: up to +25 % over a year, engineering estimate).</summary>
    public double FrictionIncrease { get; set; } = 0.25;

    /// <summary>
    /// Motor constant loss, fraction, 0 up to this. The constant is the magnet's flux: sintered NdFeB kept at room
    /// temperature showed no perceptible loss over 10,000 h (a 2013 Finnish study) and under 1 % extrapolated over 30 years
    /// from a 12-year test at 22-28 °C (Sanhuan Research Institute; both reported by magnet-forever.com, "Long-term
    /// stability of magnets at room temperature"), about 0.03 %/year. 0.2 % is six times that, for a hand-held pen's warmer
    /// life (a pen left in a car; N grades are rated to 80 °C). It was 1 % before the source was found: at 1 % the rate
    /// loop's first hold after a start ran up to 1.3 % fast on the aged pens (docs/control.md, "Known limits").
    /// </summary>
    public double MotorConstantLoss { get; set; } = 0.002;

    /// <summary>Battery internal resistance increase, fraction, 0 up to this (Li-ion after about 300 cycles: +30 % typical).</summary>
    public double BatteryResistanceIncrease { get; set; } = 0.30;

    /// <summary>Battery capacity fade, fraction, 0 up to this (Li-ion after about 300 cycles: 10 % typical).</summary>
    public double BatteryCapacityFade { get; set; } = 0.10;

    /// <summary>The ageing limits of one calibration interval.</summary>
    public static PenAgeing OneInterval() => new();

    /// <summary>No ageing (the pen runs exactly as it was calibrated).</summary>
    public static PenAgeing None() => new()
    {
        PotOffsetCounts = 0, PotSpan = 0, ActuatorGain = 0, FrictionIncrease = 0, MotorConstantLoss = 0,
        BatteryResistanceIncrease = 0, BatteryCapacityFade = 0,
    };

    /// <summary>Copy of these limits.</summary>
    public PenAgeing Clone() => (PenAgeing)MemberwiseClone();
}
