namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Needle-in-skin load: each needle meets a resisting force growing linearly with penetration depth (lumped cutting
/// plus elastic deformation), F = k·p per needle while inserting and a fraction of that while withdrawing.
/// Stiffnesses give 0.06-0.2 N per needle at 2.5 mm, the order of magnitude of published microneedle insertion-force
/// measurements (e.g. Davis et al., J. Biomech. 37 (2004) 1155; Römgens et al., J. Mech. Behav. Biomed. Mater. 40 (2014) 397).
/// </summary>
public sealed class SkinParameters
{
    /// <summary>Per-needle stiffness for soft skin (thin, hydrated), N/m.</summary>
    public double SoftNewtonsPerMetre { get; set; } = 25.0;

    /// <summary>Per-needle stiffness for nominal skin, N/m.</summary>
    public double NominalNewtonsPerMetre { get; set; } = 50.0;

    /// <summary>Per-needle stiffness for tough skin (thick, scarred, dry), N/m.</summary>
    public double ToughNewtonsPerMetre { get; set; } = 80.0;

    /// <summary>Withdrawal force as a fraction of the insertion force at the same depth (skin friction on the shaft).</summary>
    public double WithdrawalFraction { get; set; } = 0.3;

    /// <summary>Per-needle stiffness for a profile, N/m (air: 0).</summary>
    public double StiffnessFor(SkinProfile profile) => profile switch
    {
        SkinProfile.Soft => SoftNewtonsPerMetre,
        SkinProfile.Nominal => NominalNewtonsPerMetre,
        SkinProfile.Tough => ToughNewtonsPerMetre,
        _ => 0.0,
    };

    /// <summary>Copy of these parameters.</summary>
    public SkinParameters Clone() => (SkinParameters)MemberwiseClone();
}
