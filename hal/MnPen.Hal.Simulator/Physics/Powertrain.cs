using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Battery → H-bridge → motor → cam → needles in skin, plus the hall sensor and the current-sense filter, stepped
/// together each substep (the coupled, fast part of the board). Sealed classes and no allocation: this is the
/// simulator's hot path.
/// </summary>
public sealed class Powertrain
{
    private const double TwoPi = 2.0 * Math.PI;
    private readonly HBridge _bridge;
    private readonly DcMotor _motor;
    private readonly CamAndNeedles _cam;
    private readonly Battery _battery;
    private readonly CurrentSense _sense;
    private readonly SimPwmChannel _pwm;
    private readonly SimDigitalOutput _enable;
    private readonly HallSwitch _hall;
    private readonly double _rds;
    private readonly double _limit;
    private readonly double _baseFriction;
    private readonly double _electronicsWatts;
    private readonly double _hallAngle;
    private readonly double _inductance;
    private uint _seenFalling;
    private double _quiescentAmps;

    /// <summary>Wires the models and the pins they see.</summary>
    public Powertrain(SimParameters p, HBridge bridge, DcMotor motor, CamAndNeedles cam, Battery battery, CurrentSense sense,
        SimPwmChannel pwm, SimDigitalOutput enable, SimPulseCounter hall)
    {
        _bridge = bridge;
        _motor = motor;
        _cam = cam;
        _battery = battery;
        _sense = sense;
        _pwm = pwm;
        _enable = enable;
        _hall = new HallSwitch(p.Hall, p.Cam.HallAngleRadians, hall);
        _rds = p.Bridge.OnResistanceOhms;
        _inductance = p.Motor.InductanceHenry;
        _limit = p.Bridge.CurrentLimitAmps;
        _baseFriction = p.Motor.CoulombFrictionNewtonMetres + p.Cam.MechanismFrictionNewtonMetres;
        _electronicsWatts = p.Thermal.ElectronicsWatts;
        double magnet = p.Cam.HallAngleRadians % TwoPi;
        _hallAngle = magnet <= 0.0 ? magnet + TwoPi : magnet;
        ShortOhms = 0.1;
        ShortHenry = 0.5e-6;
    }

    /// <summary>Cam angle, radian in [0, 2π) (0 = needles retracted).</summary>
    public double Theta { get; private set; }

    /// <summary>Revolutions (= strokes) since the board was created, whether or not the hall sensor saw them.</summary>
    public long Revolutions { get; private set; }

    /// <summary>Hall pulses emitted since the board was created (operate edges of the switch's output, faults included).</summary>
    public long HallPulses => _hall.Edges;

    /// <summary>The hall switch between the cam magnet and the pulse counter (its faults are set here).</summary>
    public HallSwitch Hall => _hall;

    /// <summary>Ground truth: processor-clock time of the latest cam revolution (the magnet passing the sensor), µs.</summary>
    public ulong LastRevolutionClockMicros { get; private set; }

    /// <summary>Board time of the latest revolution (interpolated inside its substep), microseconds; 0 = none yet.</summary>
    public ulong LastRevolutionMicros { get; private set; }

    /// <summary>Ground truth of the needles against the skin surface (entries, deepest penetration).</summary>
    public PenetrationTracker Penetration { get; } = new PenetrationTracker();

    /// <summary>Mean bridge current over the last substep, ampere (0 while not driving).</summary>
    public double BridgeAmps { get; private set; }

    /// <summary>Mean motor terminal voltage over the last substep, volt.</summary>
    public double MotorVolts { get; private set; }

    /// <summary>Needles engaging the cam (0 = no cartridge).</summary>
    public int Needles { get; set; }

    /// <summary>Per-needle skin stiffness, N/m (0 = air).</summary>
    public double SkinStiffness { get; set; }

    /// <summary>Needle protrusion at the bottom of the stroke, metre (the depth actuator position).</summary>
    public double DepthMetres { get; set; }

    /// <summary>Extra torque held by a jammed carrier, N·m (0 = free).</summary>
    public double JamTorque { get; set; }

    /// <summary>Extra friction from a partly seized carrier (partial-jam fault), N·m (0 = free).</summary>
    public double DragTorque { get; set; }

    /// <summary>Bench dynamometer load, N·m, opposing rotation (0 normally).</summary>
    public double ExternalLoad { get; set; }

    /// <summary>Motor terminals shorted (motor-short fault).</summary>
    public bool MotorShort { get; set; }

    /// <summary>Resistance of the short, ohm.</summary>
    public double ShortOhms { get; set; }

    /// <summary>Inductance of the short's loop (leads), henry.</summary>
    public double ShortHenry { get; set; }

    /// <summary>Hall sensor dead (no pulses).</summary>
    public bool HallDead { get => _hall.Dead; set => _hall.Dead = value; }

    /// <summary>Whether the processor and electronics are powered (quiescent load on the battery).</summary>
    public bool ElectronicsPowered { get; set; } = true;

    /// <summary>Winding heat accumulated since the last take, joule.</summary>
    public double WindingJoules { get; private set; }

    /// <summary>Handpiece heat (bridge conduction loss) accumulated since the last take, joule.</summary>
    public double BridgeJoules { get; private set; }

    /// <summary>Hardware protective channel between the MCU's pins and the bridge's inputs (null = pins straight to the bridge).</summary>
    public ProtectiveChannel? Gate { get; set; }

    /// <summary>Processor clock value at board time 0 (boot offset); pulses are stamped in processor clock time.</summary>
    public ulong ClockBootMicros { get => _hall.ClockBootMicros; set => _hall.ClockBootMicros = value; }

    /// <summary>
    /// Slow-step update of the electronics' supply current: constant power behind a switching regulator, so it
    /// rises as the pack sags (per millisecond is plenty and keeps a division out of the substep).
    /// </summary>
    public void UpdateQuiescentLoad()
    {
        double v = _battery.TerminalVolts;
        _quiescentAmps = _electronicsWatts / (v > 1.0 ? v : 1.0);
    }

    /// <summary>Returns and zeroes the heat accumulators.</summary>
    public void TakeHeat(out double windingJoules, out double bridgeJoules)
    {
        windingJoules = WindingJoules;
        bridgeJoules = BridgeJoules;
        WindingJoules = 0;
        BridgeJoules = 0;
    }

    /// <summary>One substep of h seconds (hMicros microseconds) starting at board time startMicros.</summary>
    public void Step(double h, int hMicros, ulong startMicros)
    {
        HBridge bridge = _bridge;
        DcMotor motor = _motor;
        double supply = _battery.TerminalVolts;
        // The bridge sees the MCU's pins through the hardware protective channel when the board has one.
        ProtectiveChannel? gate = Gate;
        bool enabled = gate != null ? gate.SleepLineHigh : _enable.Level;
        uint falling = gate != null ? gate.SleepFallingEdges : _enable.FallingTransitions;
        if (falling != _seenFalling || !enabled)
        {
            _seenFalling = falling;
            bridge.Sleep();
        }
        double duty = bridge.StuckOn ? 1.0 : gate != null ? gate.Duty : _pwm.EffectiveDuty;
        bool drive = bridge.CanDrive(enabled, supply);
        double bridgeAmps = 0.0;
        double effDuty = 0.0;
        if (MotorShort)
        {
            // A dead short outruns the regulation in the blanking time: the first on-phase trips the latch.
            if (drive && duty > 0.0) bridge.CheckOvercurrent(0.0, supply, 0.0, ShortOhms + _rds, ShortHenry);
            motor.StepElectrical(0.0, ShortOhms, h); // the winding brakes through the short
            MotorVolts = 0.0;
        }
        else if (drive)
        {
            double loopOhms = motor.WindingOhms + _rds;
            if (duty > 0.0 && bridge.CheckOvercurrent(motor.Current, supply, motor.BackEmf, loopOhms, _inductance))
            {
                motor.OpenCircuit();
                MotorVolts = 0.0;
            }
            else
            {
                double emf = motor.BackEmf;
                motor.StepElectrical(duty * supply, _rds, h);
                // Braking (EN low or the PWM off-phase: both low sides on) drives current backwards through the winding
                // and the low-side FETs. ITRIP cannot limit it (regulation acts by ending a drive phase) but OCP watches every
                // FET, so a braking current past the threshold latches the bridge off and the motor coasts.
                if (bridge.CheckBrakeOvercurrent(motor.Current))
                {
                    motor.OpenCircuit();
                }
                else if (motor.Current > _limit || motor.MeanCurrent > _limit)
                {
                    bridge.Regulate(motor.MeanCurrent > motor.Current ? motor.MeanCurrent : motor.Current, duty, supply, emf, loopOhms);
                    motor.ClampCurrent(_limit);
                }
                else
                {
                    bridge.Regulate(0.0, duty, supply, emf, loopOhms);
                }
                effDuty = bridge.EffectiveDuty;
                bridgeAmps = motor.MeanCurrent;
                MotorVolts = effDuty * supply;
            }
        }
        else
        {
            motor.OpenCircuit();
            MotorVolts = motor.BackEmf;
        }
        BridgeAmps = bridgeAmps;
        double im = motor.MeanCurrent;
        WindingJoules += im * im * motor.WindingOhms * h;
        BridgeJoules += bridgeAmps * bridgeAmps * _rds * h;
        // IPROPI mirrors the braking current too (one low side carries it drain to source); bridgeAmps is 0 while asleep.
        _sense.Step(Math.Abs(bridgeAmps), h);
        _battery.SetLoad(effDuty * bridgeAmps + (ElectronicsPowered ? _quiescentAmps : 0.0));

        // Mechanics: everything that resists motion is one magnitude; the load depends on where the cam is.
        double theta = Theta;
        double resist = _baseFriction + ExternalLoad + JamTorque + DragTorque;
        if (Needles > 0)
        {
            // Load at the substep's predicted mid-angle (midpoint rule): second-order accurate in the substep, so the
            // mean rate under load barely depends on the substep size.
            double mid = theta + 0.5 * motor.Omega * h;
            if (mid >= TwoPi) mid -= TwoPi;
            else if (mid < 0.0) mid += TwoPi;
            resist += _cam.Load(mid, DepthMetres, Needles, SkinStiffness);
        }
        double turned = motor.StepMechanical(resist, h);
        _hall.Step(theta, turned, startMicros, hMicros);
        if (turned == 0.0) return;
        double next = theta + turned;
        // The magnet's angle in (0, 2π]; a step that wraps past 2π can also pass a magnet just after 0.
        double crossing = _hallAngle;
        if (theta >= crossing) crossing += TwoPi;
        if (next >= crossing)
        {
            Revolutions++;
            double at = startMicros + hMicros * ((crossing - theta) / turned);
            ulong clock = (ulong)Math.Round(at);
            ulong boot = _hall.ClockBootMicros;
            LastRevolutionClockMicros = clock > boot ? clock - boot : 0;
            LastRevolutionMicros = clock;
        }
        bool passedBottom = theta < Math.PI && next >= Math.PI;
        if (next >= TwoPi) next -= TwoPi;
        else if (next < 0.0) next += TwoPi;
        Theta = next;
        ObservePenetration(next, passedBottom, startMicros + (ulong)hMicros);
    }

    // Needle tip against the skin surface at the substep's end (ground truth for the benches' penetration figures).
    private void ObservePenetration(double to, bool passedBottom, ulong endMicros)
    {
        if (Needles <= 0 || SkinStiffness <= 0.0 || DepthMetres <= 0.0)
        {
            Penetration.OutOfSkin();
            return;
        }
        double stroke = _cam.Parameters.StrokeMetres;
        double p = _cam.Travel(to) - (stroke - DepthMetres);
        Penetration.Observe(p, passedBottom, DepthMetres < stroke ? DepthMetres : stroke, endMicros);
    }
}
