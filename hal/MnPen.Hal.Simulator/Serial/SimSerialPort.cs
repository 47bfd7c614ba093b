using MnPen.Hal;

namespace MnPen.Hal.Simulator.Serial;

/// <summary>
/// The simulated pen's USB serial port: two bounded byte queues, one toward the pen (host pushes, firmware reads)
/// and one from the pen (firmware writes, host takes). Like a real USB CDC link it never blocks and drops what does
/// not fit, so a stalled host cannot grow the pen's memory. Thread-safe: a server thread may push and take while
/// the firmware loop reads and writes.
/// </summary>
public sealed class SimSerialPort : ISerialPort
{
    /// <summary>Default capacity of each direction, bytes (a few full protocol frames).</summary>
    public const int DefaultCapacity = 8192;

    private readonly object _gate = new();
    private readonly byte[] _toPen;
    private readonly byte[] _fromPen;
    private int _toPenHead, _toPenCount;
    private int _fromPenHead, _fromPenCount;

    /// <summary>Creates a port with <see cref="DefaultCapacity"/> bytes per direction.</summary>
    public SimSerialPort() : this(DefaultCapacity)
    {
    }

    /// <summary>Creates a port with the given capacity per direction, bytes.</summary>
    public SimSerialPort(int capacity)
    {
        if (capacity < 16) throw new ArgumentOutOfRangeException(nameof(capacity), "capacity must be at least 16 bytes");
        _toPen = new byte[capacity];
        _fromPen = new byte[capacity];
    }

    /// <summary>Capacity of each direction, bytes.</summary>
    public int Capacity => _toPen.Length;

    /// <summary>Bytes the host pushed that did not fit and were dropped (toward the pen).</summary>
    public long DroppedToPen { get; private set; }

    /// <summary>Bytes the pen wrote that did not fit and were dropped (toward the host).</summary>
    public long DroppedFromPen { get; private set; }

    /// <summary>Total bytes the pen has written (accepted) since creation.</summary>
    public long TotalFromPen { get; private set; }

    /// <summary>Total bytes the host has pushed (accepted) since creation.</summary>
    public long TotalToPen { get; private set; }

    // ---- pen side (ISerialPort) ----

    /// <inheritdoc />
    public int BytesToRead
    {
        get { lock (_gate) return _toPenCount; }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_gate) return Dequeue(_toPen, ref _toPenHead, ref _toPenCount, buffer, offset, count);
    }

    /// <inheritdoc />
    public int Write(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            int n = Enqueue(_fromPen, _fromPenHead, ref _fromPenCount, buffer, offset, count);
            DroppedFromPen += count - n;
            TotalFromPen += n;
            return n;
        }
    }

    // ---- host side ----

    /// <summary>Bytes the pen has written that the host has not yet taken.</summary>
    public int BytesFromPen
    {
        get { lock (_gate) return _fromPenCount; }
    }

    /// <summary>Free space toward the pen, bytes.</summary>
    public int FreeToPen
    {
        get { lock (_gate) return _toPen.Length - _toPenCount; }
    }

    /// <summary>Host side: queues bytes for the pen to read; returns how many fit (the rest are dropped and counted).</summary>
    public int PushToPen(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            int n = Enqueue(_toPen, _toPenHead, ref _toPenCount, buffer, offset, count);
            DroppedToPen += count - n;
            TotalToPen += n;
            return n;
        }
    }

    /// <summary>Host side: queues all of data for the pen; returns how many fit.</summary>
    public int PushToPen(ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        return PushToPen(copy, 0, copy.Length);
    }

    /// <summary>Host side: takes up to count bytes the pen has written; returns how many were copied.</summary>
    public int TakeFromPen(byte[] buffer, int offset, int count)
    {
        lock (_gate) return Dequeue(_fromPen, ref _fromPenHead, ref _fromPenCount, buffer, offset, count);
    }

    /// <summary>Host side: takes everything the pen has written so far.</summary>
    public byte[] TakeAllFromPen()
    {
        lock (_gate)
        {
            var result = new byte[_fromPenCount];
            Dequeue(_fromPen, ref _fromPenHead, ref _fromPenCount, result, 0, result.Length);
            return result;
        }
    }

    /// <summary>Empties both directions (a cable unplug/replug).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _toPenHead = _toPenCount = 0;
            _fromPenHead = _fromPenCount = 0;
        }
    }

    private static int Enqueue(byte[] ring, int head, ref int used, byte[] src, int offset, int count)
    {
        if (src == null || count <= 0) return 0;
        if (offset < 0 || offset > src.Length) return 0;
        if (count > src.Length - offset) count = src.Length - offset;
        int n = Math.Min(count, ring.Length - used);
        int tail = (head + used) % ring.Length;
        int first = Math.Min(n, ring.Length - tail);
        Buffer.BlockCopy(src, offset, ring, tail, first);
        if (n > first) Buffer.BlockCopy(src, offset + first, ring, 0, n - first);
        used += n;
        return n;
    }

    private static int Dequeue(byte[] ring, ref int head, ref int used, byte[] dst, int offset, int count)
    {
        if (dst == null || count <= 0) return 0;
        if (offset < 0 || offset > dst.Length) return 0;
        if (count > dst.Length - offset) count = dst.Length - offset;
        int n = Math.Min(count, used);
        int first = Math.Min(n, ring.Length - head);
        Buffer.BlockCopy(ring, head, dst, offset, first);
        if (n > first) Buffer.BlockCopy(ring, 0, dst, offset + first, n - first);
        head = (head + n) % ring.Length;
        used -= n;
        if (used == 0) head = 0;
        return n;
    }
}
