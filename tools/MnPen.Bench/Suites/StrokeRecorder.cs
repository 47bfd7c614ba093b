using MnPen.Hal;

namespace MnPen.Bench.Suites;

/// <summary>
/// Ground-truth stroke rate, stroke by stroke: the simulator timestamps each hall crossing to the microsecond
/// (interpolated inside its physics step), so 1 / (time between two strokes) is the true mean rate of that stroke.
/// Per-stroke rates are what "strokes per second" means; the rotor's speed ripple inside a stroke is not error.
/// </summary>
public sealed class StrokeRecorder
{
    private readonly MnPen.Hal.Simulator.Devices.SimPulseCounter _counter;
    private uint _lastCount;
    private ulong _lastMicros;

    /// <summary>Starts recording from the counter's present state.</summary>
    public StrokeRecorder(MnPen.Hal.Simulator.Devices.SimPulseCounter counter)
    {
        _counter = counter;
        _lastCount = counter.Count;
        _lastMicros = counter.LastPulseMicros;
    }

    /// <summary>Completed strokes: (time of completion in µs, rate in strokes/s).</summary>
    public List<(ulong Micros, double Rate)> Strokes { get; } = new();

    /// <summary>Call after every simulation step.</summary>
    public void Sample()
    {
        uint c = _counter.Count;
        if (c == _lastCount) return;
        ulong t = _counter.LastPulseMicros;
        uint n = c - _lastCount;
        if (_lastMicros != 0 && t > _lastMicros) Strokes.Add((t, n * 1e6 / (t - _lastMicros)));
        _lastCount = c;
        _lastMicros = t;
    }
}
