using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Brushed DC motor: L·di/dt = V − R·i − kₑ·ω and J·dω/dt = kₜ·i − friction − load. The electrical part is updated
/// with the exact solution for constant V and ω over a substep (so a 200 µs substep is stable and exact for a 25 µs
/// electrical time constant); the mechanical part is semi-implicit with stick-slip friction handling.
/// </summary>
public sealed class DcMotor
{
    private readonly DcMotorParameters _p;
    private readonly double _stdStep;
    private double _loopOhms = double.NaN;
    private double _loopHenry = double.NaN;
    private double _stdDecay, _stdAvg, _stdInvR;
    private readonly double _invInertia;

    /// <summary>Creates a motor at rest; stdStepSeconds is the substep whose exponentials are cached.</summary>
    public DcMotor(DcMotorParameters parameters, double stdStepSeconds, double extraInertiaKgM2)
    {
        _p = parameters;
        _stdStep = stdStepSeconds;
        Inertia = parameters.RotorInertiaKgM2 + extraInertiaKgM2;
        _invInertia = 1.0 / Inertia;
        WindingOhms = parameters.ResistanceOhms;
    }

    /// <summary>Total inertia on the shaft, kg·m².</summary>
    public double Inertia { get; }

    /// <summary>Winding current, ampere (the state of the inductor).</summary>
    public double Current { get; set; }

    /// <summary>Mean winding current over the last substep, ampere (what made the torque).</summary>
    public double MeanCurrent { get; private set; }

    /// <summary>Rotor speed, rad/s.</summary>
    public double Omega { get; set; }

    /// <summary>Winding resistance at its present temperature, ohm.</summary>
    public double WindingOhms { get; private set; }

    /// <summary>Back-EMF at the present speed, volt.</summary>
    public double BackEmf => _p.BackEmfVoltSecondsPerRad * Omega;

    /// <summary>Back-EMF constant, V·s/rad.</summary>
    public double Ke => _p.BackEmfVoltSecondsPerRad;

    /// <summary>Torque constant, N·m/A.</summary>
    public double Kt => _p.TorqueNewtonMetresPerAmp;

    /// <summary>Winding resistance follows the copper temperature (called from the slow step).</summary>
    public void SetWindingTemperature(double celsius)
    {
        // Applied in 0.01 % steps (0.025 K): far below the model's accuracy, and the cached exponentials of the
        // electrical update then stay valid for seconds instead of being recomputed every millisecond.
        double r = _p.ResistanceOhms * (1.0 + _p.ResistanceTempcoPerKelvin * (celsius - 25.0));
        if (Math.Abs(r - WindingOhms) > 1e-4 * WindingOhms) WindingOhms = r;
    }

    /// <summary>
    /// Exact RL update over h seconds with the winding in series with extraOhms/extraHenry driven by volts
    /// (back-EMF held at the substep's starting speed). Updates Current and MeanCurrent; returns MeanCurrent.
    /// </summary>
    public double StepElectrical(double volts, double extraOhms, double h)
    {
        double r = WindingOhms + extraOhms;
        double l = _p.InductanceHenry;
        double decay, avg, invR;
        if (h == _stdStep)
        {
            // Resistance moves only with temperature; recomputing the exponential on a 0.01 % change keeps it exact
            // to well below the model's accuracy while costing one exp per change, not per substep.
            if (r != _loopOhms || l != _loopHenry)
            {
                _loopOhms = r;
                _loopHenry = l;
                _stdDecay = Math.Exp(-h * r / l);
                _stdAvg = (1.0 - _stdDecay) * l / (h * r);
                _stdInvR = 1.0 / r;
            }
            decay = _stdDecay;
            avg = _stdAvg;
            invR = _stdInvR;
        }
        else
        {
            decay = Math.Exp(-h * r / l);
            avg = (1.0 - decay) * l / (h * r);
            invR = 1.0 / r;
        }
        double iInf = (volts - _p.BackEmfVoltSecondsPerRad * Omega) * invR;
        double i0 = Current;
        Current = iInf + (i0 - iInf) * decay;
        MeanCurrent = iInf + (i0 - iInf) * avg;
        return MeanCurrent;
    }

    /// <summary>Holds the winding current at or below a limit (the bridge's current regulation acted).</summary>
    public void ClampCurrent(double limit)
    {
        if (Current > limit) Current = limit;
        if (MeanCurrent > limit) MeanCurrent = limit;
    }

    /// <summary>Coulomb friction of the motor itself, N·m.</summary>
    public double CoulombFriction => _p.CoulombFrictionNewtonMetres;

    /// <summary>Open circuit (bridge high-impedance): the coreless winding's energy is gone within microseconds.</summary>
    public void OpenCircuit()
    {
        Current = 0.0;
        MeanCurrent = 0.0;
    }

    /// <summary>
    /// Mechanical update over h seconds: motor torque from MeanCurrent, viscous friction, and resisting torque
    /// (Coulomb friction plus load, a magnitude that always opposes motion and can hold the rotor at rest).
    /// Returns the angle turned, radian.
    /// </summary>
    public double StepMechanical(double resistingTorque, double h)
    {
        double drive = _p.TorqueNewtonMetresPerAmp * MeanCurrent;
        double w0 = Omega;
        double w1;
        if (w0 == 0.0)
        {
            double net = drive > 0 ? drive - resistingTorque : drive + resistingTorque;
            if ((drive > 0 && net <= 0) || (drive <= 0 && net >= 0)) return 0.0;
            w1 = net * h * _invInertia;
        }
        else
        {
            double torque = drive - _p.ViscousNewtonMetreSecondsPerRad * w0 - (w0 > 0 ? resistingTorque : -resistingTorque);
            w1 = w0 + torque * h * _invInertia;
            if ((w0 > 0 && w1 < 0) || (w0 < 0 && w1 > 0)) w1 = 0.0;
        }
        Omega = w1;
        return 0.5 * (w0 + w1) * h;
    }
}
