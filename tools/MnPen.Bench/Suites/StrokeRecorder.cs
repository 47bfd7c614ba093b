using MnPen.Hal.Simulator;

namespace MnPen.Bench.Suites;

/// <summary>
/// Stroke rate, stroke by stroke, from a stroke count and the time of its latest change. <see cref="Truth"/> reads the
/// physics (cam revolutions, each timestamped to the microsecond inside its substep): the figure every verdict judges.
/// <see cref="Sensor"/> reads the hall counter the firmware reads (what the pen believes; shown beside, labelled
/// "sensor", never judged). Per-stroke rates are what "strokes per second" means; speed ripple inside a stroke is not error.
/// </summary>
public sealed class StrokeRecorder
{
    private readonly Func<long> _count;
    private readonly Func<ulong> _lastMicros;
    private long _lastCount;
    private ulong _lastTime;

    private StrokeRecorder(Func<long> count, Func<ulong> lastMicros)
    {
        _count = count;
        _lastMicros = lastMicros;
        _lastCount = count();
        _lastTime = lastMicros();
    }

    /// <summary>Ground truth: cam revolutions of the simulated pen, board time.</summary>
    public static StrokeRecorder Truth(VirtualBoard board) => new(() => board.Strokes, () => board.LastStrokeMicros);

    /// <summary>The hall pulse counter the firmware reads (missed or extra pulses show here, not in the truth).</summary>
    public static StrokeRecorder Sensor(MnPen.Hal.Simulator.Devices.SimPulseCounter counter) => new(() => counter.Count, () => counter.LastPulseMicros);

    /// <summary>Completed strokes: (time of completion in µs, rate in strokes/s).</summary>
    public List<(ulong Micros, double Rate)> Strokes { get; } = new();

    /// <summary>Call after every simulation step.</summary>
    public void Sample()
    {
        long c = _count();
        if (c == _lastCount) return;
        ulong t = _lastMicros();
        long n = c - _lastCount;
        if (_lastTime != 0 && t > _lastTime) Strokes.Add((t, n * 1e6 / (t - _lastTime)));
        _lastCount = c;
        _lastTime = t;
    }
}
