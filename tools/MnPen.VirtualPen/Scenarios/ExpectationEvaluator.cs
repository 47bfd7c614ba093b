using System.Globalization;
using MnPen.Firmware;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>Watches the samples of a run and decides one expectation; see ScenarioWindowKind for the rules.</summary>
internal sealed class ExpectationEvaluator
{
    private readonly ScenarioExpectation _e;
    private readonly ulong _startStrokes;
    private bool _done;
    private bool _passed;
    private string _measured = "";
    private double? _value;

    // Window aggregates.
    private int _samples;
    private double _sumRate, _sumReference, _worstRatePct;
    private double _blockRate, _blockReference, _worstBlockPct = -1;
    private int _blockSamples;
    private ulong _worstBlockAt, _lastRateAt;

    /// <summary>Rate over a window is judged on the mean of each block of this many ticks (100 ms), so cam ripple averages out but a hunting loop does not.</summary>
    internal const int RateBlockTicks = 100;
    private double _peak = double.NegativeInfinity;
    private ulong _peakAt;
    private bool _violated;
    private string _violation = "";
    private PenSample _last;
    private bool _haveLast;

    public ExpectationEvaluator(ScenarioExpectation expectation, ulong startStrokes)
    {
        _e = expectation;
        _startStrokes = startStrokes;
    }

    public void Observe(in PenSample s)
    {
        if (_done) return;
        long t = (long)s.NowMicros;
        switch (_e.Window)
        {
            case ScenarioWindowKind.At:
                if (t >= _e.FromMicros)
                {
                    _passed = Holds(_e.Check, _startStrokes, s, out _measured, out _value);
                    _measured = "at " + Sec(s.NowMicros) + ": " + _measured;
                    _done = true;
                }
                break;
            case ScenarioWindowKind.AtEnd:
                _last = s;
                _haveLast = true;
                break;
            case ScenarioWindowKind.Within:
                if (t < _e.FromMicros) break;
                if (Holds(_e.Check, _startStrokes, s, out string observed, out _))
                {
                    double ms = (t - _e.FromMicros) / 1000.0;
                    _passed = true;
                    _value = ms;
                    _measured = "held after " + Ms(ms) + " (" + observed + ")";
                    _done = true;
                }
                else if (t >= _e.ToMicros)
                {
                    _passed = false;
                    _value = null;
                    _measured = "still not held " + Ms((t - _e.FromMicros) / 1000.0) + " after " + Sec((ulong)_e.FromMicros) + " (" + observed + ")";
                    _done = true;
                }
                break;
            case ScenarioWindowKind.During:
            case ScenarioWindowKind.Always:
                if (_e.Window == ScenarioWindowKind.During && t < _e.FromMicros) break;
                if (_e.Window == ScenarioWindowKind.During && t > _e.ToMicros) { Conclude(); break; }
                Accumulate(s);
                break;
        }
    }

    public ExpectationResult Finish()
    {
        if (!_done)
        {
            if (_e.Window == ScenarioWindowKind.AtEnd)
            {
                if (_haveLast)
                {
                    _passed = Holds(_e.Check, _startStrokes, _last, out _measured, out _value);
                    _measured = "at end (" + Sec(_last.NowMicros) + "): " + _measured;
                }
                else
                {
                    _measured = "the run ended before any sample";
                }
            }
            else if (_e.Window is ScenarioWindowKind.During or ScenarioWindowKind.Always)
            {
                Conclude();
            }
            else
            {
                _passed = false;
                _measured = "the run ended before " + Sec((ulong)_e.FromMicros);
            }
            _done = true;
        }
        return new ExpectationResult { Line = _e.Line, Text = _e.Text, Passed = _passed, Measured = _measured, Value = _value };
    }

    private void Accumulate(in PenSample s)
    {
        var c = _e.Check;
        switch (c.Kind)
        {
            case ScenarioCheckKind.RateWithin:
            {
                double reference = double.IsNaN(c.Reference) ? s.TargetStrokeRate : c.Reference;
                if (reference <= 0) return;   // not meant to be running: nothing to compare
                _samples++;
                _sumRate += s.StrokeRate;
                _sumReference += reference;
                double pct = Math.Abs(s.StrokeRate - reference) / reference * 100.0;
                if (pct > _worstRatePct) _worstRatePct = pct;
                _lastRateAt = s.NowMicros;
                _blockRate += s.StrokeRate;
                _blockReference += reference;
                if (++_blockSamples == RateBlockTicks) CloseBlock(s.NowMicros);
                return;
            }
            case ScenarioCheckKind.DepthWithin:
            case ScenarioCheckKind.CurrentBelow:
            case ScenarioCheckKind.TemperatureBelow:
            {
                _samples++;
                double v = c.Kind switch
                {
                    ScenarioCheckKind.DepthWithin => Math.Abs(s.DepthMm - (double.IsNaN(c.Reference) ? s.DepthTargetMm : c.Reference)),
                    // The highest current of every physics substep since the previous sample, as the summary's peak:
                    // the current at the sample instants missed the braking peak at the stop (0.57 A judged, 0.97 A true).
                    ScenarioCheckKind.CurrentBelow => s.PeakMotorCurrentAmps,
                    _ => s.HandpieceCelsius,
                };
                if (v > _peak) { _peak = v; _peakAt = s.NowMicros; }
                return;
            }
            case ScenarioCheckKind.StrokesAtLeast:
                _samples++;
                _last = s;
                _haveLast = true;
                return;
            default:
                _samples++;
                if (!_violated && !Holds(_e.Check, _startStrokes, s, out string observed, out _))
                {
                    _violated = true;
                    _violation = "at " + Sec(s.NowMicros) + ": " + observed;
                }
                return;
        }
    }

    private void CloseBlock(ulong at)
    {
        if (_blockSamples > 0)
        {
            double pct = Math.Abs(_blockRate - _blockReference) / _blockReference * 100.0;
            if (pct > _worstBlockPct) { _worstBlockPct = pct; _worstBlockAt = at; }
        }
        _blockRate = _blockReference = 0;
        _blockSamples = 0;
    }

    private void Conclude()
    {
        _done = true;
        var c = _e.Check;
        if (_samples == 0)
        {
            _passed = false;
            _measured = c.Kind == ScenarioCheckKind.RateWithin
                ? "no sample with a stroke-rate target in the window (was the pen running?)"
                : "no sample in the window";
            return;
        }
        switch (c.Kind)
        {
            case ScenarioCheckKind.RateWithin:
            {
                if (_blockSamples >= RateBlockTicks / 5 || _worstBlockPct < 0) CloseBlock(_lastRateAt);
                double mean = _sumRate / _samples, reference = _sumReference / _samples;
                double pct = Math.Abs(mean - reference) / reference * 100.0;
                _passed = _worstBlockPct <= c.Limit;
                _value = _worstBlockPct;
                _measured = "mean " + F(mean, 1) + " strokes/s against " + F(reference, 1) + " (" + F(pct, 2) + " % off); worst 100 ms block " +
                            F(_worstBlockPct, 2) + " % off at " + Sec(_worstBlockAt) + "; worst instant " + F(_worstRatePct, 1) + " %";
                return;
            }
            case ScenarioCheckKind.DepthWithin:
                _passed = _peak <= c.Limit;
                _value = _peak;
                _measured = "largest depth error " + F(_peak, 3) + " mm at " + Sec(_peakAt);
                return;
            case ScenarioCheckKind.CurrentBelow:
                _passed = _peak < c.Limit;
                _value = _peak;
                _measured = "peak " + F(_peak, 2) + " A at " + Sec(_peakAt);
                return;
            case ScenarioCheckKind.TemperatureBelow:
                _passed = _peak < c.Limit;
                _value = _peak;
                _measured = "peak " + F(_peak, 1) + " C at " + Sec(_peakAt);
                return;
            case ScenarioCheckKind.StrokesAtLeast:
                _passed = Holds(_e.Check, _startStrokes, _last, out _measured, out _value);
                return;
            default:
                _passed = !_violated;
                _measured = _violated ? "broken " + _violation : "held for all " + _samples + " samples";
                return;
        }
    }

    /// <summary>Instantaneous check; observed says what was seen, value the key number.</summary>
    internal static bool Holds(ScenarioCheck c, ulong startStrokes, in PenSample s, out string observed, out double? value)
    {
        value = null;
        switch (c.Kind)
        {
            case ScenarioCheckKind.State:
                observed = "state " + StateName(s.State);
                return string.Equals(StateName(s.State), c.Name, StringComparison.OrdinalIgnoreCase);
            case ScenarioCheckKind.Fault:
                observed = "fault " + s.Fault;
                return string.Equals(s.Fault.ToString(), c.Name, StringComparison.OrdinalIgnoreCase);
            case ScenarioCheckKind.MotorOn:
            case ScenarioCheckKind.MotorOff:
                observed = s.MotorDriven ? "motor on" : "motor off";
                return s.MotorDriven == (c.Kind == ScenarioCheckKind.MotorOn);
            case ScenarioCheckKind.NeedleMoving:
            case ScenarioCheckKind.NeedleStill:
            {
                bool moving = s.StrokeRate >= 1.0;
                observed = "needle " + (moving ? "moving" : "still") + " (" + F(s.StrokeRate, 1) + " strokes/s)";
                value = s.StrokeRate;
                return moving == (c.Kind == ScenarioCheckKind.NeedleMoving);
            }
            case ScenarioCheckKind.RateWithin:
            {
                double reference = double.IsNaN(c.Reference) ? s.TargetStrokeRate : c.Reference;
                if (reference <= 0)
                {
                    observed = "no stroke-rate target (" + F(s.StrokeRate, 1) + " strokes/s)";
                    return false;
                }
                double pct = Math.Abs(s.StrokeRate - reference) / reference * 100.0;
                value = pct;
                observed = F(s.StrokeRate, 1) + " strokes/s against " + F(reference, 1) + ": " + F(pct, 2) + " % off";
                return pct <= c.Limit;
            }
            case ScenarioCheckKind.DepthWithin:
            {
                double reference = double.IsNaN(c.Reference) ? s.DepthTargetMm : c.Reference;
                double err = Math.Abs(s.DepthMm - reference);
                value = err;
                observed = "depth " + F(s.DepthMm, 3) + " mm against " + F(reference, 3) + " mm";
                return err <= c.Limit;
            }
            case ScenarioCheckKind.CurrentBelow:
                value = s.MotorCurrentAmps;
                observed = "current " + F(s.MotorCurrentAmps, 2) + " A";
                return s.MotorCurrentAmps < c.Limit;
            case ScenarioCheckKind.TemperatureBelow:
                value = s.HandpieceCelsius;
                observed = "handpiece " + F(s.HandpieceCelsius, 1) + " C";
                return s.HandpieceCelsius < c.Limit;
            case ScenarioCheckKind.BatteryAbove:
            case ScenarioCheckKind.BatteryBelow:
                value = s.BatteryVolts;
                observed = "battery " + F(s.BatteryVolts, 2) + " V";
                return c.Kind == ScenarioCheckKind.BatteryAbove ? s.BatteryVolts > c.Limit : s.BatteryVolts < c.Limit;
            case ScenarioCheckKind.StrokesAtLeast:
            {
                ulong n = s.Strokes - startStrokes;
                value = n;
                observed = n + " strokes delivered";
                return n >= c.Limit;
            }
        }
        observed = "?";
        return false;
    }

    /// <summary>State name as scenarios spell it (host code: the enum name).</summary>
    internal static string StateName(PenState state) => state.ToString();

    private static string F(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Sec(ulong micros) => (micros / 1e6).ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
