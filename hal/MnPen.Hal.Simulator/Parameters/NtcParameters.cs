namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// 10 kΩ B3950 NTC (e.g. the common MF52/NCP18 class) to ground with a 10 kΩ pull-up to 3.3 V; the ADC reads the node.
/// Beta model R(T) = R25·exp(B·(1/T − 1/298.15 K)); the bead lags the handpiece with its own small time constant.
/// </summary>
public sealed class NtcParameters
{
    /// <summary>Resistance at 25 °C, ohm.</summary>
    public double R25Ohms { get; set; } = 10_000.0;

    /// <summary>Beta constant, kelvin.</summary>
    public double BetaKelvin { get; set; } = 3950.0;

    /// <summary>Pull-up resistor to the reference, ohm.</summary>
    public double PullUpOhms { get; set; } = 10_000.0;

    /// <summary>Rail the pull-up hangs from, volt (3.3 V LDO; not the ADC's reference).</summary>
    public double SupplyVolts { get; set; } = 3.3;

    /// <summary>Thermal time constant of the bead bonded to the grip, second.</summary>
    public double TimeConstantSeconds { get; set; } = 1.5;

    /// <summary>ADC noise, counts RMS.</summary>
    public double NoiseCounts { get; set; } = 1.0;

    /// <summary>Copy of these parameters.</summary>
    public NtcParameters Clone() => (NtcParameters)MemberwiseClone();
}
