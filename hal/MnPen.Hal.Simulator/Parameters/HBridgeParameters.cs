namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// DRV8876-class brushed-DC H-bridge in PH/EN mode (TI DRV8876 data sheet SLVSDS7B): on-resistance, cycle-by-cycle
/// current regulation (ITRIP), overcurrent protection latch (OCP, reported on nFAULT), supply undervoltage lockout.
/// The 2.0 A regulation and 3.5 A latch thresholds are the reference board's (docs/hardware.md).
/// </summary>
public sealed class HBridgeParameters
{
    /// <summary>High-side plus low-side on-resistance in the current path, ohm (DRV8876: 700 mΩ typical).</summary>
    public double OnResistanceOhms { get; set; } = 0.7;

    /// <summary>Cycle-by-cycle current regulation threshold (ITRIP), ampere.</summary>
    public double CurrentLimitAmps { get; set; } = 2.0;

    /// <summary>Overcurrent latch threshold, ampere (reference board: above 3.5 A the driver latches off and pulls nFAULT low).</summary>
    public double OvercurrentAmps { get; set; } = 3.5;

    /// <summary>
    /// Time the current may rise during one PWM on-phase before regulation can act (blanking + comparator deglitch),
    /// second. A dead short outruns regulation in this window, which is why it trips the latch rather than the limit.
    /// </summary>
    public double RegulationBlankingSeconds { get; set; } = 1.8e-6;

    /// <summary>Supply undervoltage lockout (falling), volt: below it the outputs go high-impedance and nFAULT is low.</summary>
    public double UndervoltageLockoutVolts { get; set; } = 4.3;

    /// <summary>Copy of these parameters.</summary>
    public HBridgeParameters Clone() => (HBridgeParameters)MemberwiseClone();
}
