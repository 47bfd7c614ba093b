using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Cam and needle carrier: needle travel x(θ) = S/2·(1 − cos θ), one stroke per revolution. With the tip on skin and
/// the actuator set to depth d the needles penetrate p = x − (S − d) when positive; each needle resists with k·p
/// while inserting (and a fraction of it while withdrawing), reflected to the shaft through |dx/dθ|.
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

    /// <summary>Builds the cam tables.</summary>
    public CamAndNeedles(CamParameters parameters, SkinParameters skin)
    {
        Parameters = parameters;
        Skin = skin;
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

    /// <summary>Needle penetration into skin at the last load evaluation, metre (0 when out of the skin).</summary>
    public double Penetration { get; private set; }

    /// <summary>Load torque at the last evaluation, N·m.</summary>
    public double LoadTorque { get; private set; }

    /// <summary>Needle tip travel from fully retracted at cam angle θ (0..2π), metre.</summary>
    public double Travel(double theta)
    {
        Lookup(theta, out double c, out _);
        return _halfStroke * (1.0 - c);
    }

    /// <summary>
    /// Skin load torque magnitude at cam angle θ (0..2π) for the given depth, needle count and per-needle stiffness
    /// (N/m; 0 in air). Always opposes rotation.
    /// </summary>
    public double Load(double theta, double depthMetres, int needles, double stiffness)
    {
        if (stiffness <= 0.0 || needles <= 0 || depthMetres <= 0.0)
        {
            Penetration = 0.0;
            LoadTorque = 0.0;
            return 0.0;
        }
        Lookup(theta, out double c, out double s);
        double p = _halfStroke * (1.0 - c) - (_stroke - depthMetres);
        if (p <= 0.0)
        {
            Penetration = 0.0;
            LoadTorque = 0.0;
            return 0.0;
        }
        Penetration = p;
        // sin > 0: needles moving in (insertion); sin < 0: withdrawing, where only shaft friction resists.
        double force = needles * stiffness * p * (s >= 0.0 ? 1.0 : Skin.WithdrawalFraction);
        double torque = force * _halfStroke * (s >= 0.0 ? s : -s);
        LoadTorque = torque;
        return torque;
    }

    /// <summary>
    /// Mean load torque over one revolution (closed form: work per stroke n·k·d²/2·(1 + withdrawal fraction) over 2π), N·m.
    /// </summary>
    public double MeanLoad(double depthMetres, int needles, double stiffness)
    {
        double d = Math.Min(depthMetres, _stroke);
        if (d <= 0 || needles <= 0 || stiffness <= 0) return 0.0;
        return needles * stiffness * d * d * 0.5 * (1.0 + Skin.WithdrawalFraction) / TwoPi;
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
