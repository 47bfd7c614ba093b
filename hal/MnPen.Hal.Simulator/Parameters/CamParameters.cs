namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Eccentric cam and needle carrier: one needle stroke per motor revolution (direct drive, no gearbox), sinusoidal
/// needle travel x(θ) = S/2·(1 − cos θ). The depth actuator moves the cartridge tip so that the needles protrude
/// by the set depth at the bottom of the stroke.
/// </summary>
public sealed class CamParameters
{
    /// <summary>Needle stroke (cam throw), metre. At least the actuator travel so every depth is reachable.</summary>
    public double StrokeMetres { get; set; } = 3.0e-3;

    /// <summary>Inertia of cam, carrier and coupling reflected to the motor shaft, kg·m² (0.5 g·cm²).</summary>
    public double MechanismInertiaKgM2 { get; set; } = 0.5e-7;

    /// <summary>Friction of the carrier guide and cartridge seal, N·m at the shaft (0.1 mNm).</summary>
    public double MechanismFrictionNewtonMetres { get; set; } = 0.10e-3;

    /// <summary>Default torque a jammed cartridge holds against, N·m (far above the motor's stall torque: a true jam).</summary>
    public double JamHoldingTorqueNewtonMetres { get; set; } = 0.05;

    /// <summary>Cam angle at which the hall magnet passes the sensor, radian (0 = needles fully retracted).</summary>
    public double HallAngleRadians { get; set; } = 0.0;

    /// <summary>Copy of these parameters.</summary>
    public CamParameters Clone() => (CamParameters)MemberwiseClone();
}
