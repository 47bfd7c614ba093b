namespace MnPen.Hal.Simulator.Devices;

/// <summary>The processor's microsecond clock: simulated board time since the last processor reset.</summary>
public sealed class SimClock : IClock
{
    private readonly VirtualBoard _board;

    internal SimClock(VirtualBoard board) => _board = board;

    private ulong _bootMicros;
    private double _rate = 1.0;
    private ulong _anchorBoard;
    private double _anchorProcessor;

    /// <summary>Board time of the last processor reset, microseconds.</summary>
    public ulong BootMicros
    {
        get => _bootMicros;
        internal set
        {
            _bootMicros = value;
            _anchorBoard = value;
            _anchorProcessor = 0;
        }
    }

    /// <summary>
    /// The processor clock's error against true time (the mcu-clock-drift fault), fraction: +0.5 = it runs 50 % fast.
    /// Everything the firmware times (its ticks, its checks, the pulse counter's stamps) runs on this clock; the hardware
    /// channel's window watchdog does not.
    /// </summary>
    public double Drift
    {
        get => _rate - 1.0;
        set
        {
            ulong now = _board.NowMicros + (ulong)_board.BlockedMicros;
            _anchorProcessor = ProcessorAt(now);
            _anchorBoard = now;
            _rate = 1.0 + value;
        }
    }

    /// <inheritdoc />
    public ulong NowMicros => (ulong)Math.Round(ProcessorAt(_board.NowMicros + (ulong)_board.BlockedMicros));

    /// <summary>Processor clock reading at a board time (since the last reset), microseconds.</summary>
    internal double ProcessorAt(ulong boardMicros) =>
        _rate == 1.0 ? boardMicros - (double)_bootMicros : _anchorProcessor + (boardMicros - (double)_anchorBoard) * _rate;

    /// <summary>Board time (the axis of <see cref="ProcessorAt"/>) at which this clock reads a processor time at or after its last rate change, microseconds (rounded up).</summary>
    internal ulong BoardAt(double processorMicros) =>
        _rate == 1.0 ? (ulong)Math.Ceiling(processorMicros + _bootMicros) : (ulong)Math.Ceiling(_anchorBoard + (processorMicros - _anchorProcessor) / _rate);

    /// <summary>Board (true) time that passes while this clock counts the given processor microseconds.</summary>
    public int BoardMicrosFor(int processorMicros) => _rate == 1.0 ? processorMicros : (int)Math.Round(processorMicros / _rate);

    /// <summary>
    /// The processor is busy for this long: the board owes the time and lets it pass (physics included) at the start of
    /// its next Advance, so the firmware sees the clock move and the next tick comes late, as on the pen, while the host
    /// never sleeps.
    /// </summary>
    public void Delay(int micros)
    {
        if (micros > 0) _board.BlockProcessor(micros);
    }
}
