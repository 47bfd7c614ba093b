using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// The hall switch facing the cam magnet, between the physics and the pulse counter: the field operates it while the
/// cam is inside the magnet's arc, the switch sees that only at its own sampling instants and drives its output a
/// processing delay later, and the counter counts the output's operate edges. Its faults act here, never on the cam:
/// missed pulses (a weak pass), extra pulses (a stray field at release) and supply drop-outs (an intermittent lead),
/// while the cam's revolutions (ground truth) count on. Allocation-free: edges wait in a small ring until board time
/// reaches them.
/// </summary>
public sealed class HallSwitch
{
    private const double TwoPi = 2.0 * Math.PI;
    private const int Pending = 8;

    private readonly SimPulseCounter _counter;
    private readonly double _operate;
    private readonly double _width;
    private readonly double _sample;
    private readonly double _delay;
    private readonly double _powerOn;
    private readonly double _extra;
    private readonly double[] _edgeAt = new double[Pending];
    private readonly bool[] _edgeUp = new bool[Pending];
    private int _edgeHead;
    private int _edgeCount;
    private bool _field;
    private bool _weakPass;
    private bool _output;
    private bool _powered = true;
    private double _poweredAt;

    /// <summary>Builds the switch for a magnet whose arc starts at operateAngle (radian) on the cam.</summary>
    public HallSwitch(HallSwitchParameters p, double operateAngle, SimPulseCounter counter)
    {
        _counter = counter;
        _operate = operateAngle <= 0.0 ? 0.0 : operateAngle % TwoPi;
        _width = p.PulseWidthRadians > 0.0 && p.PulseWidthRadians < TwoPi ? p.PulseWidthRadians : 0.5;
        _sample = p.SamplingPeriodMicros > 0.0 ? p.SamplingPeriodMicros : 0.0;
        _delay = p.OutputDelayMicros > 0.0 ? p.OutputDelayMicros : 0.0;
        _powerOn = p.PowerOnMicros > 0.0 ? p.PowerOnMicros : 0.0;
        _extra = p.ExtraPulseMicros > 0.0 ? p.ExtraPulseMicros : 1.0;
    }

    /// <summary>Output operate edges delivered to the counter since the board was created.</summary>
    public long Edges { get; private set; }

    /// <summary>Whether the output is operated (pulled low on the pen: one pulse per pass of the magnet).</summary>
    public bool OutputOperated => _output;

    /// <summary>Processor clock value at board time 0; edges reach the counter in processor clock time.</summary>
    public ulong ClockBootMicros { get; set; }

    /// <summary>The switch never operates (fault hall-dead).</summary>
    public bool Dead { get; set; }

    /// <summary>Every Nth pass of the magnet from now on does not operate the switch (fault hall-missing; 0 = never).</summary>
    public int MissEvery
    {
        get => _missEvery;
        set { _missEvery = value; _missPasses = 0; }
    }

    /// <summary>Every Nth release from now on is followed by a spurious operate pulse (fault hall-extra; 0 = never).</summary>
    public int ExtraEvery
    {
        get => _extraEvery;
        set { _extraEvery = value; _extraPasses = 0; }
    }

    private int _missEvery;
    private int _missPasses;
    private int _extraEvery;
    private int _extraPasses;

    /// <summary>Supply drop-outs of OffMicros every PeriodMicros from IntermittentFromMicros (fault hall-intermittent; 0 = none).</summary>
    public double IntermittentOffMicros { get; private set; }

    /// <summary>Period of the supply drop-outs, microseconds.</summary>
    public double IntermittentPeriodMicros { get; private set; }

    private double _intermittentFrom;

    /// <summary>Starts supply drop-outs of offMicros every periodMicros from board time fromMicros (off 0 = stop them).</summary>
    public void SetIntermittent(double offMicros, double periodMicros, ulong fromMicros)
    {
        IntermittentOffMicros = offMicros > 0.0 && periodMicros > offMicros ? offMicros : 0.0;
        IntermittentPeriodMicros = periodMicros;
        _intermittentFrom = fromMicros;
        if (IntermittentOffMicros == 0.0 && !_powered) { _powered = true; _poweredAt = fromMicros; }
    }

    /// <summary>
    /// One physics substep: the cam turned from theta by turned radians between board times startMicros and
    /// startMicros + hMicros. Edges due by the end of the substep reach the counter; later ones wait.
    /// </summary>
    public void Step(double theta, double turned, ulong startMicros, int hMicros)
    {
        double end = startMicros + (double)hMicros;
        if (IntermittentOffMicros > 0.0) StepSupply(startMicros, end);
        if (turned > 0.0)
        {
            // The field crosses the arc's edges at most twice per substep (the arc is far wider than a substep's turn
            // at 150 strokes/s: 40° against 11°); each crossing is timed by linear interpolation inside the substep.
            double a = Wrap(_operate - theta);
            double b = Wrap(_operate + _width - theta);
            bool opFirst = a <= b;
            for (int k = 0; k < 2; k++)
            {
                bool up = (k == 0) == opFirst;
                double at = up ? a : b;
                if (at > turned || at == 0.0) continue; // a crossing on a substep's boundary belongs to the substep it ends
                double t = startMicros + hMicros * (at / turned);
                FieldChanged(up, t);
            }
        }
        Deliver(end);
    }

    /// <summary>Forgets queued edges and the output state (processor reset does not touch the switch; a board rebuild does).</summary>
    public void Reset()
    {
        _edgeCount = 0;
        _output = false;
    }

    private void FieldChanged(bool up, double t)
    {
        _field = up;
        if (up)
        {
            _weakPass = Dead || (_missEvery > 0 && ++_missPasses % _missEvery == 0);
            if (_weakPass) return;
            Queue(true, OutputTime(t));
        }
        else
        {
            if (_weakPass) { _weakPass = false; return; }
            double release = OutputTime(t);
            Queue(false, release);
            if (_extraEvery > 0 && ++_extraPasses % _extraEvery == 0)
            {
                Queue(true, release + _extra * 0.5);
                Queue(false, release + _extra * 1.5);
            }
        }
    }

    // The output changes a processing delay after the first sampling instant at or after the field crossed.
    private double OutputTime(double t)
    {
        double sampled = _sample > 0.0 ? Math.Ceiling(t / _sample) * _sample : t;
        return sampled + _delay;
    }

    // Drop-outs: the output is released while unpowered; at power-up it is valid only after the power-on time, and then
    // follows the field at once (a magnet already in front of it operates it: an edge the cam did not make).
    private void StepSupply(double start, double end)
    {
        double period = IntermittentPeriodMicros, off = IntermittentOffMicros;
        double since = end - _intermittentFrom;
        if (since < 0.0) return;
        double phase = since % period;
        double cycleStart = end - phase;
        bool up = phase >= off + _powerOn;
        if (_powered && !up)
        {
            _powered = false;
            Queue(false, cycleStart > start ? cycleStart : start);
        }
        else if (!_powered && up)
        {
            double upAt = cycleStart + off + _powerOn;
            _powered = true;
            _poweredAt = upAt;
            if (_field && !_weakPass && !Dead) Queue(true, upAt);
        }
    }

    private void Queue(bool up, double t)
    {
        if (_edgeCount == Pending) Deliver(double.MaxValue); // never in practice: at most 4 edges wait at once
        int i = (_edgeHead + _edgeCount) % Pending;
        _edgeAt[i] = t;
        _edgeUp[i] = up;
        _edgeCount++;
    }

    private void Deliver(double until)
    {
        while (_edgeCount > 0 && _edgeAt[_edgeHead] <= until)
        {
            bool up = _edgeUp[_edgeHead];
            double t = _edgeAt[_edgeHead];
            _edgeHead = (_edgeHead + 1) % Pending;
            _edgeCount--;
            // While unpowered the output stays released, whatever the field did.
            if (up && (!_powered || t < _poweredAt)) continue;
            if (up == _output) continue;
            _output = up;
            if (up)
            {
                Edges++;
                ulong micros = (ulong)Math.Round(t);
                _counter.Pulse(micros > ClockBootMicros ? micros - ClockBootMicros : 0);
            }
        }
    }

    private static double Wrap(double a)
    {
        a %= TwoPi;
        return a < 0.0 ? a + TwoPi : a;
    }
}
