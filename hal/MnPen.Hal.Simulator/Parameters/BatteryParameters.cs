namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// 2S Li-ion pack (18350-class cells, 800 mAh): open-circuit voltage against state of charge (typical NMC/LCO cell
/// curve, 3.0 V empty to 4.2 V full per cell), internal resistance (about 60 mΩ per cell plus protection FETs and
/// wiring), electronics quiescent load and the processor's brown-out threshold behind its regulator.
/// </summary>
public sealed class BatteryParameters
{
    /// <summary>Cells in series.</summary>
    public int CellsInSeries { get; set; } = 2;

    /// <summary>Capacity, ampere-hour.</summary>
    public double CapacityAmpHours { get; set; } = 0.8;

    /// <summary>Pack internal resistance, ohm.</summary>
    public double InternalResistanceOhms { get; set; } = 0.16;

    /// <summary>Per-cell open-circuit voltage at state of charge 0, 0.1, ... 1.0, volt.</summary>
    public double[] CellOcvVolts { get; set; } = { 3.00, 3.45, 3.60, 3.68, 3.74, 3.80, 3.86, 3.93, 4.02, 4.10, 4.20 };

    /// <summary>Supply voltage below which the processor's regulator drops out and it resets (brown-out), volt.</summary>
    public double ProcessorBrownOutVolts { get; set; } = 3.6;

    /// <summary>
    /// Battery divider into the ADC (150k/50k: 1/4). A full 2S pack (8.4 V) is then 2.1 V at the pin, inside the
    /// ESP32-S3's linear 12 dB range (to 2900 mV) even on a low-reference chip (2636 mV); the earlier 1/3 put 2.8 V there.
    /// </summary>
    public double DividerRatio { get; set; } = 0.25;

    /// <summary>Battery-divider ADC noise, counts RMS.</summary>
    public double AdcNoiseCounts { get; set; } = 1.0;

    /// <summary>Copy of these parameters (the OCV table is copied too).</summary>
    public BatteryParameters Clone()
    {
        var c = (BatteryParameters)MemberwiseClone();
        c.CellOcvVolts = (double[])CellOcvVolts.Clone();
        return c;
    }
}
