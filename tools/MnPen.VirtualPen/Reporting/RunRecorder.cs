using MnPen.Firmware;
using MnPen.Safety;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen.Reporting;

/// <summary>
/// Turns the per-tick samples of a run into a RunSummary: peaks, regulation errors, faults raised and the
/// event highlights. Observe() does no allocation except when something noteworthy happens.
/// </summary>
public sealed class RunRecorder
{
    /// <summary>Rate and depth errors are counted only once the target has been steady this long (ramps excluded).</summary>
    public const ulong SettleMicros = 300_000;

    /// <summary>Most events kept; later ones are counted in EventsOmitted.</summary>
    public const int MaxEvents = 400;

    private readonly double _capacityMah;
    private readonly List<EventRecord> _events = new();
    private readonly List<FaultRecord> _faults = new();
    private int _omitted;
    private bool _started;
    private PenSample _first;
    private PenSample _last;
    private ulong _runningMicros;

    private double _peakCurrent, _peakTemp;
    private double _rateErrSum, _rateErrMax, _rateTarget;
    private int _rateSamples;
    private ulong _rateSteadySince;
    private double _rateSteadyTarget = double.NaN;
    private double _depthErrSum, _depthErrMax, _depthTarget;
    private int _depthSamples;
    private ulong _depthSteadySince;
    private double _depthSteadyTarget = double.NaN;
    private bool _everRan;

    /// <summary>Creates a recorder; capacity turns state of charge into charge used.</summary>
    public RunRecorder(double batteryCapacityMilliampHours) => _capacityMah = batteryCapacityMilliampHours;

    /// <summary>Adds a highlight at the given time.</summary>
    public void Note(ulong nowMicros, string text)
    {
        if (_events.Count >= MaxEvents) { _omitted++; return; }
        _events.Add(new EventRecord(Seconds(nowMicros), text));
    }

    /// <summary>Takes one sample (call after every step, and once before the first).</summary>
    public void Observe(in PenSample s)
    {
        if (!_started)
        {
            _started = true;
            _first = s;
            _last = s;
            Note(s.NowMicros, "boot: state " + s.State + (s.CartridgeSeated ? ", cartridge seated" : ", no cartridge"));
        }
        if (s.Restarts != _last.Restarts)
            Note(s.NowMicros, "processor restarted (" + s.LastResetCause + "): fresh firmware booted");
        if (s.State != _last.State)
            Note(s.NowMicros, "state " + _last.State + " -> " + s.State);
        if (s.Fault != _last.Fault && s.Fault != FaultCode.None)
        {
            _faults.Add(new FaultRecord(Seconds(s.NowMicros), s.Fault.ToString(), (int)s.Fault));
            Note(s.NowMicros, "fault raised: " + s.Fault + " (" + (int)s.Fault + ")");
        }
        else if (s.Fault != _last.Fault)
        {
            Note(s.NowMicros, "fault cleared: " + _last.Fault);
        }

        // The peak inside the step, not just at its end: a step is a whole 10 ms loop turn, an inrush is shorter.
        if (s.PeakMotorCurrentAmps > _peakCurrent) _peakCurrent = s.PeakMotorCurrentAmps;
        if (s.HandpieceCelsius > _peakTemp) _peakTemp = s.HandpieceCelsius;

        bool running = s.State == PenState.Running;
        if (running)
        {
            _everRan = true;
            _runningMicros += s.NowMicros - _last.NowMicros;
        }

        // Rate: settled running samples only (target at the level, unchanged for SettleMicros).
        bool rateSteady = running && s.TargetStrokeRate > 0 && s.TargetStrokeRate == s.LevelStrokeRate;
        if (!rateSteady || s.TargetStrokeRate != _rateSteadyTarget)
        {
            _rateSteadyTarget = rateSteady ? s.TargetStrokeRate : double.NaN;
            _rateSteadySince = s.NowMicros;
        }
        else if (s.NowMicros - _rateSteadySince >= SettleMicros)
        {
            double pct = Math.Abs(s.StrokeRate - s.TargetStrokeRate) / s.TargetStrokeRate * 100.0;
            _rateErrSum += pct;
            if (pct > _rateErrMax) _rateErrMax = pct;
            _rateTarget = s.TargetStrokeRate;
            _rateSamples++;
        }

        bool depthSteady = running;
        if (!depthSteady || s.DepthTargetMm != _depthSteadyTarget)
        {
            _depthSteadyTarget = depthSteady ? s.DepthTargetMm : double.NaN;
            _depthSteadySince = s.NowMicros;
        }
        else if (s.NowMicros - _depthSteadySince >= SettleMicros)
        {
            double err = Math.Abs(s.DepthMm - s.DepthTargetMm);
            _depthErrSum += err;
            if (err > _depthErrMax) _depthErrMax = err;
            _depthTarget = s.DepthTargetMm;
            _depthSamples++;
        }

        _last = s;
    }

    /// <summary>Builds the summary from everything observed.</summary>
    public RunSummary Summarize(string scenario, ulong seed, IReadOnlyList<ExpectationResult> expectations)
    {
        string result = expectations.Count == 0 ? "no-expectations" : expectations.All(e => e.Passed) ? "passed" : "failed";
        string session = _faults.Count > 0 ? "faulted: " + _faults[0].Code : _everRan ? "completed" : "did-not-run";
        return new RunSummary
        {
            Scenario = scenario,
            Seed = seed,
            Result = result,
            SessionResult = session,
            SimulatedSeconds = Seconds(_last.NowMicros - _first.NowMicros),
            RunningSeconds = Seconds(_runningMicros),
            FinalState = _last.State.ToString(),
            FinalFault = _last.Fault.ToString(),
            StrokesDelivered = _last.Strokes - _first.Strokes,
            Rate = new RateSummary(Round(_rateTarget, 3), Round(_rateSamples == 0 ? 0 : _rateErrSum / _rateSamples, 4), Round(_rateErrMax, 4), _rateSamples),
            Depth = new DepthSummary(Round(_depthTarget, 3), Round(_depthSamples == 0 ? 0 : _depthErrSum / _depthSamples, 5), Round(_depthErrMax, 5), _depthSamples),
            PeakCurrentAmps = Round(_peakCurrent, 4),
            PeakHandpieceCelsius = Round(_peakTemp, 3),
            Battery = new BatterySummary(
                Round(_first.BatteryVolts, 4), Round(_last.BatteryVolts, 4),
                Round(_first.BatteryStateOfCharge * 100, 3), Round(_last.BatteryStateOfCharge * 100, 3),
                Round((_first.BatteryStateOfCharge - _last.BatteryStateOfCharge) * _capacityMah, 4)),
            Faults = _faults.ToArray(),
            Events = _events.ToArray(),
            EventsOmitted = _omitted,
            Expectations = expectations,
        };
    }

    private static double Seconds(ulong micros) => micros / 1e6;

    // Rounded for readable JSON; rounding is deterministic, so identical runs still give identical text.
    private static double Round(double v, int decimals) => Math.Round(v, decimals, MidpointRounding.AwayFromZero);
}
