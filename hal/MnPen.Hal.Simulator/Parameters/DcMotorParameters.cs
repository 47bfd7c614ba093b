namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Coreless brushed DC motor, 7.4 V class (17 mm, graphite brushes). Values are typical of the class as published for
/// 16-17 mm coreless motors (Faulhaber 1724 SR, maxon DCX 16 L data sheets): a few ohms, tens of microhenries (coreless
/// windings have no iron, hence the very short electrical time constant), about 5 mNm/A and about 1 g·cm² rotor inertia.
/// The constants were chosen together with <see cref="CamParameters"/> and <see cref="SkinParameters"/> so that
/// 150 strokes/s into tough skin with a 16-needle cartridge at 2.5 mm needs duty of about 0.90 from a 6.4 V pack (0.92 with the winding at 60 °C)
/// (requirement: at most 0.95, leaving headroom for closed-loop control); see docs/simulator.md.
/// </summary>
public sealed class DcMotorParameters
{
    /// <summary>Terminal (winding + brush) resistance at 25 °C, ohm.</summary>
    public double ResistanceOhms { get; set; } = 3.0;

    /// <summary>Copper temperature coefficient of resistance, 1/K (annealed copper: 0.00393).</summary>
    public double ResistanceTempcoPerKelvin { get; set; } = 0.00393;

    /// <summary>Terminal inductance, henry (coreless: 50-120 µH in this size).</summary>
    public double InductanceHenry { get; set; } = 90e-6;

    /// <summary>Back-EMF constant, V·s/rad (0.545 mV/rpm; speed constant 1836 rpm/V).</summary>
    public double BackEmfVoltSecondsPerRad { get; set; } = 0.0052;

    /// <summary>Torque constant, N·m/A. Equal to the back-EMF constant in SI units for an ideal machine.</summary>
    public double TorqueNewtonMetresPerAmp { get; set; } = 0.0052;

    /// <summary>Rotor inertia, kg·m² (1.0 g·cm²).</summary>
    public double RotorInertiaKgM2 { get; set; } = 1.0e-7;

    /// <summary>Coulomb (brush + bearing) friction torque, N·m (0.15 mNm: a no-load current of about 30 mA).</summary>
    public double CoulombFrictionNewtonMetres { get; set; } = 0.15e-3;

    /// <summary>Viscous friction, N·m·s/rad (bearings and air drag; about 0.09 mNm at 9000 rpm).</summary>
    public double ViscousNewtonMetreSecondsPerRad { get; set; } = 1.0e-7;

    /// <summary>Copy of these parameters.</summary>
    public DcMotorParameters Clone() => (DcMotorParameters)MemberwiseClone();
}
