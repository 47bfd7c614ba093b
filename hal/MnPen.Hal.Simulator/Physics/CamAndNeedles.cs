using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Cam and needle carrier: needle travel x(θ) = S/2·(1 − cos θ), one stroke per revolution. With the tip on skin and
/// the actuator set to depth d the tips pass the undeformed skin surface by z = x − (S − d) when positive. Per needle
/// (SkinParameters): the skin tents (kₜ·z) until the stroke's puncture force, the force relaxes from that peak to the
/// insertion force (residual fraction of the peak plus k·p of shaft friction, p = z − tent = true penetration), and
/// withdrawal meets shaft friction only; all of it reflected to the shaft through |dx/dθ|. A new puncture force is
/// drawn (seeded) for each stroke when the tips leave the skin, each needle its own (StrokeFactor).
/// The cosine and sine come from a table (linear interpolation, error below 1e-5 of the stroke) because this runs
/// every substep and Math.Sin/Cos would be most of the simulator's cost.
/// </summary>
public sealed class CamAndNeedles
{
    private const int TableSize = 1024;
    private const double TwoPi = 2.0 * Math.PI;
    private readonly double[] _cos = new double[TableSize + 1];
    private readonly double[] _sin = new double[TableSize + 1];
    private readonly double _halfStroke;
    private readonly double _stroke;
    private readonly SimRandom? _random;
    private double _meanPuncture, _meanTent, _tentStiffness;
    private double _strokePuncture;
    private int _needles;
    private bool _inContact, _punctured;
    private double _tentAtPuncture;
    private SkinProfile _profile = SkinProfile.Air;

    /// <summary>Builds the cam tables; random draws the stroke-to-stroke spread (null: every stroke at the mean).</summary>
    public CamAndNeedles(CamParameters parameters, SkinParameters skin, SimRandom? random = null)
    {
        Parameters = parameters;
        Skin = skin;
        _random = random;
        _stroke = parameters.StrokeMetres;
        _halfStroke = 0.5 * parameters.StrokeMetres;
        for (int k = 0; k <= TableSize; k++)
        {
            double a = TwoPi * k / TableSize;
            _cos[k] = Math.Cos(a);
            _sin[k] = Math.Sin(a);
        }
    }

    /// <summary>Cam parameters.</summary>
    public CamParameters Parameters { get; }

    /// <summary>Skin parameters.</summary>
    public SkinParameters Skin { get; }

    /// <summary>Skin the needles meet (sets the puncture force and tent; the friction stiffness comes with each Load call).</summary>
    public SkinProfile Profile
    {
        get => _profile;
        set
        {
            _profile = value;
            _meanPuncture = Skin.PunctureFor(value);
            _meanTent = Skin.TentFor(value);
            _tentStiffness = _meanTent > 0 ? _meanPuncture / _meanTent : 0.0;
            _strokePuncture = _meanPuncture;
        }
    }

    /// <summary>Force scale of the cartridge's needles against 30-36 G pen needles (1; smaller for nano tips).</summary>
    public double NeedleForceScale { get; set; } = 1.0;

    /// <summary>True needle penetration into skin at the last load evaluation (after the tent), metre (0 when not through).</summary>
    public double Penetration { get; private set; }

    /// <summary>Skin deflection under the tips at the last evaluation (tent before puncture, its depth after), metre.</summary>
    public double TentDepth { get; private set; }

    /// <summary>Strokes whose needles punctured the skin.</summary>
    public long Punctures { get; private set; }

    /// <summary>Deepest true penetration of the stroke in progress or the last one, metre.</summary>
    public double StrokePenetration { get; private set; }

    /// <summary>Load torque at the last evaluation, N·m.</summary>
    public double LoadTorque { get; private set; }

    /// <summary>Needle tip travel from fully retracted at cam angle θ (0..2π), metre.</summary>
    public double Travel(double theta)
    {
        Lookup(theta, out double c, out _);
        return _halfStroke * (1.0 - c);
    }

    /// <summary>
    /// Skin load torque magnitude at cam angle θ (0..2π) for the given depth, needle count and per-needle friction
    /// stiffness (N/m; 0 in air). Always opposes rotation. Advances the stroke's puncture state.
    /// </summary>
    public double Load(double theta, double depthMetres, int needles, double stiffness)
    {
        _needles = needles;
        if (stiffness <= 0.0 || needles <= 0 || depthMetres <= 0.0)
        {
            Leave();
            return 0.0;
        }
        Lookup(theta, out double c, out double s);
        double z = _halfStroke * (1.0 - c) - (_stroke - depthMetres);
        if (z <= 0.0)
        {
            Leave();
            return 0.0;
        }
        if (!_inContact)
        {
            _inContact = true;
            StrokePenetration = 0.0;
        }
        double fp = _strokePuncture * NeedleForceScale;
        double perNeedle;
        bool inserting = s >= 0.0;
        if (!_punctured)
        {
            double tent = _tentStiffness * NeedleForceScale * z;
            if (inserting && tent >= fp)
            {
                _punctured = true;
                _tentAtPuncture = z;
                Punctures++;
            }
            // Until puncture the skin only deflects; on the way out it springs back (its stored energy is lost to damping).
            perNeedle = inserting ? (tent < fp ? tent : fp) : 0.0;
            TentDepth = z;
            Penetration = 0.0;
        }
        else
        {
            double p = z - _tentAtPuncture;
            if (p < 0.0) p = 0.0;
            double insertion = Skin.ResidualFraction * fp + stiffness * p;
            if (inserting)
            {
                double lambda = Skin.RelaxationMetres;
                double peak = p < lambda ? (fp - Skin.ResidualFraction * fp) * (1.0 - p / lambda) : 0.0;
                perNeedle = insertion + peak;
            }
            else
            {
                // Out of the tissue once the tip is back above the puncture point: the skin only springs back.
                perNeedle = p > 0.0 ? Skin.WithdrawalFraction * insertion : 0.0;
            }
            TentDepth = _tentAtPuncture;
            Penetration = p;
            if (p > StrokePenetration) StrokePenetration = p;
        }
        double torque = needles * perNeedle * _halfStroke * (s >= 0.0 ? s : -s);
        LoadTorque = torque;
        return torque;
    }

    /// <summary>
    /// Mean load torque over one revolution at the mean puncture force (closed form of the work per stroke over 2π), N·m.
    /// Uses the present profile's puncture force and tent; stiffness is the friction stiffness.
    /// </summary>
    public double MeanLoad(double depthMetres, int needles, double stiffness)
    {
        double d = Math.Min(depthMetres, _stroke);
        if (d <= 0 || needles <= 0 || stiffness <= 0) return 0.0;
        double fp = _meanPuncture * NeedleForceScale, zp = _meanTent;
        double work;
        if (fp <= 0 || zp <= 0) work = stiffness * d * d * 0.5 * (1.0 + Skin.WithdrawalFraction);
        else if (d <= zp) work = 0.5 * (fp / zp) * d * d;   // the tips never get through: tenting only
        else
        {
            double pMax = d - zp, r = Skin.ResidualFraction, lambda = Skin.RelaxationMetres;
            double l = Math.Min(pMax, lambda);
            double insertion = r * fp * pMax + 0.5 * stiffness * pMax * pMax;
            double relax = (1 - r) * fp * l * (1 - l / (2 * lambda));
            work = 0.5 * fp * zp + relax + insertion * (1.0 + Skin.WithdrawalFraction);
        }
        return needles * work / TwoPi;
    }

    /// <summary>The tips are out of the skin: the stroke is over, the next one draws its own puncture force.</summary>
    private void Leave()
    {
        Penetration = 0.0;
        LoadTorque = 0.0;
        TentDepth = 0.0;
        if (!_inContact) return;
        _inContact = false;
        _punctured = false;
        _strokePuncture = _meanPuncture * StrokeFactor(_needles);
    }

    /// <summary>
    /// The stroke's puncture force over its mean: the mean of the needles' own factors, each 1 + spread·N(0,1) with the
    /// share Skin.PunctureCommonShare of its variance drawn once for the stroke (the site the cartridge lands on) and the
    /// rest per needle (the spot each tip meets). Each needle's factor is at least 0.3: a needle always needs some force to
    /// get through. One load model serves the cartridge, so the needles' factors are averaged rather than each needle
    /// puncturing on its own: the stroke's total force is what the motor feels.
    /// </summary>
    private double StrokeFactor(int needles)
    {
        double spread = Skin.PunctureVariation;
        if (_random == null || spread <= 0) return 1.0;
        double common = Math.Clamp(Skin.PunctureCommonShare, 0.0, 1.0);
        double a = Math.Sqrt(common), b = Math.Sqrt(1.0 - common);
        double site = _random.NextGaussian();
        int n = needles > 0 ? needles : 1;
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            double f = 1.0 + spread * (a * site + (b > 0 ? b * _random.NextGaussian() : 0.0));
            sum += f < 0.3 ? 0.3 : f;
        }
        return sum / n;
    }

    private void Lookup(double theta, out double c, out double s)
    {
        double x = theta * (TableSize / TwoPi);
        int i = (int)x;
        if (i < 0) i = 0;
        if (i >= TableSize) i = TableSize - 1;
        double f = x - i;
        c = _cos[i] + (_cos[i + 1] - _cos[i]) * f;
        s = _sin[i] + (_sin[i + 1] - _sin[i]) * f;
    }
}
