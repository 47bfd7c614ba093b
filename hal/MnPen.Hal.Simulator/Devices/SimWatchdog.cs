namespace MnPen.Hal.Simulator.Devices;

/// <summary>Hardware watchdog in simulated time: if not fed within the timeout the board resets the processor.</summary>
public sealed class SimWatchdog : IWatchdog
{
    private readonly VirtualBoard _board;

    internal SimWatchdog(VirtualBoard board) => _board = board;

    /// <summary>True while armed.</summary>
    public bool Armed { get; private set; }

    /// <summary>Timeout, microseconds.</summary>
    public ulong TimeoutMicros { get; private set; }

    /// <summary>Board time of the last feed (or arm), microseconds.</summary>
    public ulong LastFeedMicros { get; private set; }

    /// <summary>Times the watchdog has fired since the board was created.</summary>
    public int Expirations { get; internal set; }

    /// <inheritdoc />
    public void Start(int timeoutMillis)
    {
        if (timeoutMillis < 1) timeoutMillis = 1;
        TimeoutMicros = (ulong)timeoutMillis * 1000UL;
        LastFeedMicros = _board.NowMicros;
        Armed = true;
    }

    /// <inheritdoc />
    public void Feed() => LastFeedMicros = _board.NowMicros;

    /// <inheritdoc />
    public bool CausedLastReset { get; internal set; }

    /// <summary>True if armed and starved at board time now.</summary>
    internal bool Expired(ulong now) => Armed && now - LastFeedMicros > TimeoutMicros;

    internal void ResetPeripheral() => Armed = false;
}
