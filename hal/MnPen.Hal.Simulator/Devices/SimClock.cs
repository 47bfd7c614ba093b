namespace MnPen.Hal.Simulator.Devices;

/// <summary>The processor's microsecond clock: simulated board time since the last processor reset.</summary>
public sealed class SimClock : IClock
{
    private readonly VirtualBoard _board;

    internal SimClock(VirtualBoard board) => _board = board;

    /// <summary>Board time of the last processor reset, microseconds.</summary>
    public ulong BootMicros { get; internal set; }

    /// <inheritdoc />
    public ulong NowMicros => _board.NowMicros - BootMicros;
}
