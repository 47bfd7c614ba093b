namespace MnPen.Hal.Simulator;

/// <summary>
/// Observers of the board at fixed instants of simulated time, called from inside Advance at the first substep
/// boundary at or after each multiple of their interval. A recorder sampled this way keeps its own rate however long
/// one firmware loop turn is (a VirtualPen step is a whole 10 ms tick, far coarser than a trace or a plot needs).
/// </summary>
public sealed class BoardSamplers
{
    private readonly List<Entry> _entries = new();

    /// <summary>Earliest instant any sampler is due, µs (ulong.MaxValue when there is none): one compare per substep.</summary>
    public ulong NextDue { get; private set; } = ulong.MaxValue;

    /// <summary>Calls sample(now) at every multiple of intervalMicros of board time from after `now` on; dispose to stop.</summary>
    public IDisposable Add(ulong intervalMicros, ulong now, Action<ulong> sample)
    {
        if (intervalMicros == 0) throw new ArgumentOutOfRangeException(nameof(intervalMicros), "the sampling interval must be positive");
        ArgumentNullException.ThrowIfNull(sample);
        var e = new Entry(this, intervalMicros, sample) { Due = (now / intervalMicros + 1) * intervalMicros };
        _entries.Add(e);
        Refresh();
        return e;
    }

    /// <summary>Runs every sampler due at `now` (called by the board after a substep).</summary>
    public void Run(ulong now)
    {
        // Indexed: a sampler may remove itself while called.
        for (int i = 0; i < _entries.Count; i++)
        {
            Entry e = _entries[i];
            if (now < e.Due) continue;
            e.Due = (now / e.Interval + 1) * e.Interval;
            e.Sample(now);
        }
        Refresh();
    }

    private void Refresh()
    {
        ulong next = ulong.MaxValue;
        foreach (Entry e in _entries) if (e.Due < next) next = e.Due;
        NextDue = next;
    }

    private sealed class Entry : IDisposable
    {
        private readonly BoardSamplers _owner;

        public Entry(BoardSamplers owner, ulong interval, Action<ulong> sample)
        {
            _owner = owner;
            Interval = interval;
            Sample = sample;
        }

        public ulong Interval { get; }
        public Action<ulong> Sample { get; }
        public ulong Due { get; set; }

        public void Dispose()
        {
            _owner._entries.Remove(this);
            _owner.Refresh();
        }
    }
}
