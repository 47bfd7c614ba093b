namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Motor current sense: DRV8876 IPROPI current mirror (1000 µA/A, sensed in the low-side FETs, so it follows the
/// winding current in both drive and slow-decay phases) into 1.5 kΩ = 1.5 V/A, RC-filtered into the 12-bit ADC.
/// </summary>
public sealed class CurrentSenseParameters
{
    /// <summary>Transimpedance, volt per ampere of motor current.</summary>
    public double GainVoltsPerAmp { get; set; } = 1.5;

    /// <summary>Offset at the ADC input, millivolt (mirror offset plus ADC offset: about 4 counts).</summary>
    public double OffsetMillivolts { get; set; } = 3.2;

    /// <summary>Noise at the ADC, counts RMS.</summary>
    public double NoiseCounts { get; set; } = 1.0;

    /// <summary>RC filter time constant, second (1.5 kΩ × 68 nF ≈ 100 µs: removes the 20 kHz ripple).</summary>
    public double FilterTimeConstantSeconds { get; set; } = 100e-6;

    /// <summary>Copy of these parameters.</summary>
    public CurrentSenseParameters Clone() => (CurrentSenseParameters)MemberwiseClone();
}
