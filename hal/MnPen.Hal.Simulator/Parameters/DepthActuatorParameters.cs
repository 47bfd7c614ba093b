namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Depth actuator (small linear servo) fed a filtered-PWM set-point: mildly nonlinear set-point characteristic,
/// first-order response with a slew limit, hard end stops, and a feedback potentiometer into the ADC
/// (reference board: 0..3.0 mm travel, tau about 30 ms, pot 200..3900 counts).
/// </summary>
public sealed class DepthActuatorParameters
{
    /// <summary>Travel between the hard stops, metre.</summary>
    public double TravelMetres { get; set; } = 3.0e-3;

    /// <summary>First-order time constant, second.</summary>
    public double TimeConstantSeconds { get; set; } = 0.030;

    /// <summary>Maximum speed, metre/second (40 mm/s: full travel in 75 ms).</summary>
    public double SlewMetresPerSecond { get; set; } = 0.040;

    /// <summary>Set-point offset as a fraction of travel at duty 0 (negative: duty 0 drives against the lower stop).</summary>
    public double SetPointOffsetFraction { get; set; } = -0.02;

    /// <summary>Linear set-point gain, fraction of travel per unit duty.</summary>
    public double SetPointGain { get; set; } = 1.04;

    /// <summary>Bow of the characteristic: adds Bow·sin(π·duty) of travel (why calibration matters).</summary>
    public double SetPointBow { get; set; } = 0.05;

    /// <summary>Feedback potentiometer reading at the lower stop, ADC counts.</summary>
    public double PotCountsAtZero { get; set; } = 200.0;

    /// <summary>Feedback potentiometer reading at the upper stop, ADC counts.</summary>
    public double PotCountsAtFullTravel { get; set; } = 3900.0;

    /// <summary>
    /// Potentiometer independent nonlinearity: the reading bows by this fraction of the span at mid travel,
    /// Nonlinearity·span·sin(π·x/travel), zero at both stops (0 = an ideal linear track; PenTolerances draws it).
    /// </summary>
    public double PotNonlinearityFraction { get; set; }

    /// <summary>Feedback noise, ADC counts RMS (wiper noise plus converter noise).</summary>
    public double PotNoiseCounts { get; set; } = 1.5;

    /// <summary>Copy of these parameters.</summary>
    public DepthActuatorParameters Clone() => (DepthActuatorParameters)MemberwiseClone();
}
