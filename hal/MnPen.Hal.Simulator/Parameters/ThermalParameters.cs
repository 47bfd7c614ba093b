namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Two-node thermal model: motor winding and handpiece (motor housing, grip and electronics lumped).
/// Winding values follow coreless data sheets of the size (winding-to-housing about 7 K/W, winding time constant
/// about 5 s); the handpiece is about 50 g of aluminium and plastic (about 60 J/K) cooled by natural convection from
/// about 0.01 m² (h ≈ 8 W/m²K → about 12 K/W).
/// </summary>
public sealed class ThermalParameters
{
    /// <summary>Winding heat capacity, J/K.</summary>
    public double WindingCapacityJoulesPerKelvin { get; set; } = 0.7;

    /// <summary>Thermal resistance winding to handpiece, K/W.</summary>
    public double WindingToHandpieceKelvinPerWatt { get; set; } = 7.0;

    /// <summary>Handpiece heat capacity, J/K.</summary>
    public double HandpieceCapacityJoulesPerKelvin { get; set; } = 60.0;

    /// <summary>Thermal resistance handpiece to ambient, K/W.</summary>
    public double HandpieceToAmbientKelvinPerWatt { get; set; } = 12.0;

    /// <summary>Electronics dissipation in the handpiece while powered (processor, regulator, LEDs), watt.</summary>
    public double ElectronicsWatts { get; set; } = 0.25;

    /// <summary>Copy of these parameters.</summary>
    public ThermalParameters Clone() => (ThermalParameters)MemberwiseClone();
}
