using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Depth actuator: the filtered PWM duty sets a target through a mildly nonlinear characteristic; the position follows
/// first-order (exact exponential per substep) with a slew limit, between hard stops. Feedback pot into the ADC.
/// </summary>
public sealed class DepthActuator : MnPen.Hal.Simulator.Devices.IAdcSource
{
    private readonly DepthActuatorParameters _p;
    private readonly double _stdStep;
    private readonly double _stdFactor;
    private readonly SimRandom _noise;
    private readonly int _maxCount;

    // sin(π·d) for the bow of the set-point characteristic, tabulated: the firmware's depth trim moves the duty a
    // little nearly every tick, and linear interpolation over 256 cells is within 2e-5 of the bow (nanometres).
    private const int BowCells = 256;
    private static readonly double[] BowTable = BuildBowTable();

    /// <summary>Creates an actuator resting on its lower stop.</summary>
    public DepthActuator(DepthActuatorParameters parameters, double stdStepSeconds, SimRandom noise, int adcMaxCount)
    {
        _p = parameters;
        _stdStep = stdStepSeconds;
        _stdFactor = 1.0 - Math.Exp(-stdStepSeconds / parameters.TimeConstantSeconds);
        _noise = noise;
        _maxCount = adcMaxCount;
    }

    /// <summary>Position, metre from the lower stop (= needle protrusion at the bottom of the stroke).</summary>
    public double Position { get; private set; }

    /// <summary>Target for the last duty, metre (before the stops).</summary>
    public double Target { get; private set; }

    /// <summary>Stuck fault: the position no longer moves.</summary>
    public bool Stuck { get; set; }

    /// <summary>
    /// Runaway fault (actuator drive stuck on, e.g. its driver's output shorted to supply): the actuator drives toward
    /// its far stop at its slew limit whatever the set-point.
    /// </summary>
    public bool Runaway { get; set; }

    /// <summary>Target position for a set-point duty, metre, clamped to the stops.</summary>
    public double TargetFor(double duty)
    {
        double d = duty > 0 ? (duty < 1 ? duty : 1) : 0;   // NaN reads as 0, as a dead PWM would
        double x = _p.TravelMetres * (_p.SetPointOffsetFraction + _p.SetPointGain * d + _p.SetPointBow * Bow(d));
        return x < 0 ? 0 : (x > _p.TravelMetres ? _p.TravelMetres : x);
    }

    /// <summary>Advances h seconds toward the target set by duty.</summary>
    public void Step(double duty, double h)
    {
        if (duty != _lastDuty)
        {
            _lastDuty = duty;
            Target = TargetFor(duty);
        }
        if (Stuck) return;
        double err = (Runaway ? _p.TravelMetres : Target) - Position;
        if (err == 0.0) return;
        double f = h == _stdStep ? _stdFactor : 1.0 - Math.Exp(-h / _p.TimeConstantSeconds);
        double dx = err * f;
        double maxDx = _p.SlewMetresPerSecond * h;
        if (dx > maxDx) dx = maxDx; else if (dx < -maxDx) dx = -maxDx;
        double x = Position + dx;
        if (!Runaway && Math.Abs(Target - x) < 1e-12) x = Target;
        Position = x < 0 ? 0 : (x > _p.TravelMetres ? _p.TravelMetres : x);
    }

    private double _lastDuty = double.NaN;

    // d in 0..1.
    private static double Bow(double d)
    {
        double x = d * BowCells;
        int i = (int)x;
        if (i >= BowCells) return BowTable[BowCells];
        return BowTable[i] + (BowTable[i + 1] - BowTable[i]) * (x - i);
    }

    private static double[] BuildBowTable()
    {
        var t = new double[BowCells + 1];
        for (int i = 0; i <= BowCells; i++) t[i] = Math.Sin(Math.PI * i / BowCells);
        return t;
    }

    /// <summary>Offset added to the feedback pot's reading, ADC counts (pot-offset fault: the wiper slipped; 0 normally).</summary>
    public double PotOffsetCounts { get; set; }

    /// <summary>Feedback pot conversion, ADC counts (with noise and quantisation).</summary>
    public int Sample()
    {
        double span = _p.PotCountsAtFullTravel - _p.PotCountsAtZero;
        double counts = _p.PotCountsAtZero + span * Position / _p.TravelMetres
            + _p.PotNoiseCounts * _noise.NextGaussian() + PotOffsetCounts;
        if (_p.PotNonlinearityFraction != 0.0) counts += span * _p.PotNonlinearityFraction * Math.Sin(Math.PI * Position / _p.TravelMetres);
        int c = (int)Math.Round(counts);
        return c < 0 ? 0 : (c > _maxCount ? _maxCount : c);
    }
}
