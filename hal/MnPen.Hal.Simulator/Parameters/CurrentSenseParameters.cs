namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Motor current sense: DRV8876 IPROPI current mirror (A_IPROPI 1000 µA/A, sensed in the low-side FETs, so it follows the
/// winding current in both drive and slow-decay phases) into R_IPROPI 910 Ω = 0.91 V/A, RC-filtered into the ESP32-S3
/// ADC at 12 dB. The driver regulates where V_IPROPI reaches V_VREF (I_TRIP = V_VREF / (A_IPROPI × R_IPROPI), DRV8876 data
/// sheet, current regulation), so V_VREF is 1.82 V for the 2.0 A limit. 2.5 A (25 % above regulation) with the mirror's
/// gain error at +10 % is 2.50 V, below the linear knee of the lowest-reference chip (2900 × 1000/1100 = 2636 mV):
/// docs/safety/sensing-budget.md. The earlier 1.5 kΩ put regulation at 3.0 V, at the ADC's saturation, so the 2.15 A
/// trip could never be read.
/// </summary>
public sealed class CurrentSenseParameters
{
    /// <summary>Transimpedance, volt per ampere of motor current.</summary>
    public double GainVoltsPerAmp { get; set; } = 0.91;

    /// <summary>Offset at the ADC input, millivolt (mirror offset plus ADC offset: about 4 counts).</summary>
    public double OffsetMillivolts { get; set; } = 3.2;

    /// <summary>Noise at the ADC, counts RMS.</summary>
    public double NoiseCounts { get; set; } = 1.0;

    /// <summary>RC filter time constant, second (910 Ω × 110 nF ≈ 100 µs: removes the 20 kHz ripple).</summary>
    public double FilterTimeConstantSeconds { get; set; } = 100e-6;

    /// <summary>
    /// Series resistor of the rate loop's averaging RC from the IPROPI node to its own ADC1 pin, ohm (docs/hardware.md,
    /// "Loop current"): 100 kΩ, so the branch loads the fast node by 910 / (100 k + 910) = 0.9 % of its AC part only (the
    /// capacitor takes no DC), and the pin's leakage drops at most 50 nA × 100 kΩ = 5 mV across it.
    /// </summary>
    public double MeanFilterSeriesOhms { get; set; } = 100e3;

    /// <summary>
    /// Capacitor of that RC to ground, farad: 150 nF × 100 kΩ = 15 ms, about one stroke at 50-70 /s, so a read every 10 ms
    /// sees the current averaged over the stroke rather than one phase of its pulse (docs/control.md, "Stroke rate").
    /// </summary>
    public double MeanFilterFarads { get; set; } = 150e-9;

    /// <summary>
    /// Leakage of the ADC pin into the RC node, ampere: the ESP32 family's data-sheet maximum input current
    /// (I_IH / I_IL ≤ 50 nA, DC characteristics at 3.3 V, 25 °C), taken as sourced into the node so the offset it
    /// leaves (+leakage × R = 5 mV, 5.5 mA of motor current) is readable. A fixed offset, which the firmware's zero at rest
    /// takes out.
    /// </summary>
    public double AdcPinLeakageAmps { get; set; } = 50e-9;

    /// <summary>
    /// Bias resistor from the 3.3 V rail to the averaging capacitor, ohm (0 = none; docs/hardware.md, "Loop current"):
    /// 4.7 MΩ sources 0.70 µA, which lifts the node by 3.3 V × 100 k / (4.7 M + 100 k) = 68.8 mV (91 counts on the median
    /// chip) above the IPROPI node, so the node's zero at rest sits above the ADC's floor on every chip (offset down to −30
    /// counts, <see cref="AdcChipParameters.OffsetSpreadCounts"/>) and is read there with the pin's leakage in it. Without
    /// it a chip whose zero lies below the floor read the loop current 5-7 mA high (the leakage, unreadable at rest).
    /// The node then follows the IPROPI node with gain 1 / (1 + 100 k / 4.7 M) = 0.979, which the firmware takes out.
    /// </summary>
    public double MeanBiasOhms { get; set; } = 4.7e6;

    /// <summary>Rail the bias resistor hangs from, volt (the pen's 3.3 V regulator).</summary>
    public double MeanBiasRailVolts { get; set; } = 3.3;

    /// <summary>
    /// Capacitance a conversion takes its charge from, farad: the data sheet's pin capacitance C_IN 2 pF, taken as
    /// arriving empty (worst case): each conversion pulls the node down by C_IN / (C + C_IN) ≈ 1.3e-5 of its voltage.
    /// </summary>
    public double AdcSampleFarads { get; set; } = 2e-12;

    /// <summary>Copy of these parameters.</summary>
    public CurrentSenseParameters Clone() => (CurrentSenseParameters)MemberwiseClone();
}
