namespace MnPen.Hal.Simulator.Devices;

/// <summary>
/// Hall pulse counter as the pen's PCNT: a read returns the count with the processor clock's time of the read. The
/// exact time of each hall crossing is kept as ground truth (<see cref="LastPulseMicros"/>) for benches and tests; the
/// firmware never sees it.
/// </summary>
public sealed class SimPulseCounter : IPulseCounter
{
    private readonly SimClock _clock;

    internal SimPulseCounter(SimClock clock) => _clock = clock;

    /// <summary>Pulses counted since the last processor reset (ground truth and what a read returns).</summary>
    public uint Count { get; private set; }

    /// <summary>Ground truth: processor-clock time of the latest hall crossing, exact to the microsecond (0 before the first).</summary>
    public ulong LastPulseMicros { get; private set; }

    /// <inheritdoc />
    public uint Read(out ulong sampleMicros)
    {
        sampleMicros = _clock.NowMicros;
        return Count;
    }

    internal void Pulse(ulong clockMicros)
    {
        Count++;
        // Stamped by the processor's clock: a drifting clock stamps (and so measures rates) in its own time.
        LastPulseMicros = _clock.Drift == 0.0 ? clockMicros : (ulong)Math.Round(_clock.ProcessorAt(clockMicros + _clock.BootMicros));
    }

    internal void ResetPeripheral()
    {
        Count = 0;
        LastPulseMicros = 0;
    }
}
