namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Needle-in-skin load per needle, in the three phases measured for needle insertion (deformation, insertion,
/// extraction: Jiang et al., J. Biomech. 47 (2014) 3344):
/// <list type="number">
/// <item>Tenting: the skin deflects under the tip, resisting elastically (F = kₜ·z), until the force reaches the puncture
/// force; the deflection at puncture (the tent) is depth the needle never reaches, so the true penetration is the set
/// depth less the tent (Olatunji et al., J. Pharm. Sci. 102 (2013) 1209; Roxhed et al., J. MEMS 16 (2007) 1429).</item>
/// <item>Puncture and relaxation: once through, the force falls from the puncture peak to the insertion force
/// (cutting plus shaft friction) within the tip's length (Cai et al., Research 2022, 9869734: peak, then attenuation).</item>
/// <item>Insertion: a residual fraction of the puncture force plus shaft friction growing with penetration (the old
/// linear model; k chosen so the insertion force at 2.5 mm stays at its 0.06-0.2 N per needle).</item>
/// <item>Withdrawal: shaft friction only, a fraction of the insertion force (friction is about 21 % of the insertion force:
/// Barnett et al., J. Manuf. Sci. Eng. 137 (2015); 0.3 kept from the earlier model).</item>
/// </list>
/// The puncture force varies from stroke to stroke and from needle to needle (seeded; the spread of repeated insertions
/// in Davis et al., J. Biomech. 37 (2004) 1155, is of the order of 10-20 %; PunctureCommonShare says how much of it the
/// needles of one stroke share). Puncture forces of 0.05-0.2 N per needle are the low end
/// of Davis et al.'s 0.1-3 N (force grows linearly with the tip's interfacial area; pen needles are 30-36 G, sharp);
/// sharper micro-fabricated tips go as low as 0.02-0.03 N (Olatunji 2013). Tent depths of 0.15-0.35 mm are within
/// the few hundred micrometres of deflection reported before puncture in the same studies. These are chosen within
/// the published ranges (soft = low end, tough = high end), not measured on this pen.
/// </summary>
public sealed class SkinParameters
{
    /// <summary>Per-needle friction stiffness for soft skin (thin, hydrated), N/m.</summary>
    public double SoftNewtonsPerMetre { get; set; } = 20.0;

    /// <summary>Per-needle friction stiffness for nominal skin, N/m.</summary>
    public double NominalNewtonsPerMetre { get; set; } = 37.0;

    /// <summary>Per-needle friction stiffness for tough skin (thick, scarred, dry), N/m.</summary>
    public double ToughNewtonsPerMetre { get; set; } = 50.0;

    /// <summary>Per-needle puncture force, soft skin, N (Davis 2004: 0.1-3 N; Olatunji 2013: 0.02-0.03 N for very sharp tips).</summary>
    public double SoftPunctureNewtons { get; set; } = 0.05;

    /// <summary>Per-needle puncture force, nominal skin, N.</summary>
    public double NominalPunctureNewtons { get; set; } = 0.10;

    /// <summary>Per-needle puncture force, tough skin, N.</summary>
    public double ToughPunctureNewtons { get; set; } = 0.20;

    /// <summary>Skin deflection at puncture (tent), soft skin, metre: deflects most.</summary>
    public double SoftTentMetres { get; set; } = 0.35e-3;

    /// <summary>Skin deflection at puncture, nominal skin, metre.</summary>
    public double NominalTentMetres { get; set; } = 0.25e-3;

    /// <summary>Skin deflection at puncture, tough skin, metre (stiffer: deflects least, needs the most force).</summary>
    public double ToughTentMetres { get; set; } = 0.15e-3;

    /// <summary>Insertion force just after puncture as a fraction of the puncture force (Barnett 2015: tearing 61 %, spreading 18 %, friction 21 % of the total; 0.25 keeps the mean load near the earlier linear model: 0.4 left the rate loop 5 % off at 70 /s in tough skin).</summary>
    public double ResidualFraction { get; set; } = 0.25;

    /// <summary>Penetration over which the force relaxes from the puncture peak to the insertion force, metre (about a needle tip's length).</summary>
    public double RelaxationMetres { get; set; } = 0.1e-3;

    /// <summary>Withdrawal force as a fraction of the insertion force at the same depth (skin friction on the shaft).</summary>
    public double WithdrawalFraction { get; set; } = 0.3;

    /// <summary>Spread of one needle's puncture force from insertion to insertion, standard deviation as a fraction of its mean (0 = every stroke the same).</summary>
    public double PunctureVariation { get; set; } = 0.15;

    /// <summary>
    /// Share of the puncture spread's variance common to all needles of one stroke, 0-1. Davis et al.'s 10-20 % is the
    /// spread of single-needle insertions, each at its own site: a cartridge's needles, 0.5-1 mm apart, each meet their
    /// own spot of skin, so their draws are independent (0) and a 16-needle stroke's total spreads 15 %/√16 = 3.75 %.
    /// What the needles share, the patient and the region, is the skin profile a run is given, constant through it.
    /// 1 = one draw for every needle of the stroke: the whole 15 % on the motor at every stroke, the harshest reading of
    /// the source (`mnpen bench --skin-common 100`).
    /// </summary>
    public double PunctureCommonShare { get; set; }

    /// <summary>Per-needle friction stiffness for a profile, N/m (air: 0).</summary>
    public double StiffnessFor(SkinProfile profile) => profile switch
    {
        SkinProfile.Soft => SoftNewtonsPerMetre,
        SkinProfile.Nominal => NominalNewtonsPerMetre,
        SkinProfile.Tough => ToughNewtonsPerMetre,
        _ => 0.0,
    };

    /// <summary>Per-needle mean puncture force for a profile, N (air: 0).</summary>
    public double PunctureFor(SkinProfile profile) => profile switch
    {
        SkinProfile.Soft => SoftPunctureNewtons,
        SkinProfile.Nominal => NominalPunctureNewtons,
        SkinProfile.Tough => ToughPunctureNewtons,
        _ => 0.0,
    };

    /// <summary>Mean skin deflection at puncture for a profile, metre (air: 0).</summary>
    public double TentFor(SkinProfile profile) => profile switch
    {
        SkinProfile.Soft => SoftTentMetres,
        SkinProfile.Nominal => NominalTentMetres,
        SkinProfile.Tough => ToughTentMetres,
        _ => 0.0,
    };

    /// <summary>Copy of these parameters.</summary>
    public SkinParameters Clone() => (SkinParameters)MemberwiseClone();
}
