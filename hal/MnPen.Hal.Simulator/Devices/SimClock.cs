namespace MnPen.Hal.Simulator.Devices;

/// <summary>The processor's microsecond clock: simulated board time since the last processor reset.</summary>
public sealed class SimClock : IClock
{
    private readonly VirtualBoard _board;

    internal SimClock(VirtualBoard board) => _board = board;

    /// <summary>Board time of the last processor reset, microseconds.</summary>
    public ulong BootMicros { get; internal set; }

    /// <inheritdoc />
    public ulong NowMicros => _board.NowMicros + (ulong)_board.BlockedMicros - BootMicros;

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
