using MnPen.Hal.Simulator;

namespace MnPen.Bench.Suites;

/// <summary>
/// Watches the needle through the physics only (cam revolutions, rotor speed, needle entries into the skin), never through
/// a sensor the firmware reads: when each stroke and each entry happened, when the rotor last moved, and how deep the
/// needle went. Sampled after every simulation step from a start time on.
/// </summary>
public sealed class NeedleWatch
{
    private readonly VirtualBoard _board;
    private readonly List<ulong> _strokes = new();
    private readonly List<ulong> _entries = new();
    private long _strokeCount;
    private long _entryCount;
    private ulong _lastMovingMicros;
    private bool _moved;

    /// <summary>Starts watching now; the deepest-penetration figure is reset.</summary>
    public NeedleWatch(VirtualBoard board, ulong fromMicros)
    {
        _board = board;
        _strokeCount = board.Strokes;
        _entryCount = board.Penetrations;
        _board.DeepestPenetrationMm = 0;
        FromMicros = fromMicros;
    }

    /// <summary>Start of the watch, board µs.</summary>
    public ulong FromMicros { get; }

    /// <summary>Deepest true penetration since the watch began, mm.</summary>
    public double DeepestMm => _board.DeepestPenetrationMm;

    /// <summary>True while the rotor turns at the latest sample.</summary>
    public bool Moving => _board.RotorSpeedRadPerSec != 0.0;

    /// <summary>Call after every step.</summary>
    public void Sample()
    {
        var b = _board;
        if (b.Strokes != _strokeCount)
        {
            // More than one stroke in a step happens only at absurd speeds: stamp them all at the latest.
            for (long k = _strokeCount; k < b.Strokes; k++) _strokes.Add(b.LastStrokeMicros);
            _strokeCount = b.Strokes;
        }
        if (b.Penetrations != _entryCount)
        {
            for (long k = _entryCount; k < b.Penetrations; k++) _entries.Add(b.LastPenetrationMicros);
            _entryCount = b.Penetrations;
        }
        if (b.RotorSpeedRadPerSec != 0.0)
        {
            _lastMovingMicros = b.NowMicros;
            _moved = true;
        }
    }

    /// <summary>Strokes completed after t (board µs).</summary>
    public long StrokesAfter(ulong t) => _strokes.Count(x => x > t);

    /// <summary>Needle entries into the skin after t (board µs).</summary>
    public long EntriesAfter(ulong t) => _entries.Count(x => x > t);

    /// <summary>From t to the last entry into the skin, ms (NaN if none after t).</summary>
    public double LastEntryMsAfter(ulong t)
    {
        ulong last = _entries.Where(x => x > t).DefaultIfEmpty(0UL).Max();
        return last == 0 ? double.NaN : (last - t) / 1000.0;
    }

    /// <summary>From t until the rotor stood still for good, ms: 0 if it did not move after t, NaN if it is moving now.</summary>
    public double StillMsAfter(ulong t)
    {
        if (Moving) return double.NaN;
        if (!_moved || _lastMovingMicros <= t) return 0.0;
        return (_lastMovingMicros - t) / 1000.0;
    }
}
