using MnPen.Hal;

namespace MnPen.Hal.Simulator.Cartridge;

/// <summary>
/// Simulated 1-Wire master: forwards reset and byte traffic to the seated cartridge's <see cref="Ds2431Device"/>.
/// With <see cref="Device"/> null nothing answers: no presence pulse and every read is 0xFF (the pulled-up bus).
/// </summary>
public sealed class SimOneWireBus : IOneWireBus
{
    private readonly object _gate = new();
    private Ds2431Device? _device;
    private int _corruptReads;
    private Random _noise = new(7);
    private long _detachAfter = -1;

    /// <summary>The device on the bus (the seated cartridge's ID memory), or null for an empty bus.</summary>
    public Ds2431Device? Device { get { lock (_gate) { return _device; } } set { lock (_gate) { _device = value; } } }

    /// <summary>Board whose processor each transfer holds (the platform's 1-Wire timing); null = transfers take no time.</summary>
    internal VirtualBoard? Board { get; set; }

    /// <summary>Processor time of one byte transfer, microseconds.</summary>
    internal int ByteMicros { get; set; }

    /// <summary>Processor time of a reset and presence detect, microseconds.</summary>
    internal int ResetMicros { get; set; }

    private void Hold(int micros)
    {
        if (micros > 0 && Board != null && Board.ProcessorRunning) Board.BlockProcessor(micros);
    }

    /// <summary>Reset pulses issued since construction.</summary>
    public int ResetCount { get; private set; }

    /// <summary>Bytes written by the master since construction.</summary>
    public long BytesWrittenByMaster { get; private set; }

    /// <summary>Bytes read by the master since construction.</summary>
    public long BytesReadByMaster { get; private set; }

    /// <summary>Fault hook: the next <paramref name="count"/> bytes the master reads each get one random bit flipped (bus noise).</summary>
    public void CorruptNextReads(int count, int seed = 7)
    {
        lock (_gate) { _corruptReads = Math.Max(0, count); _noise = new Random(seed); }
    }

    /// <summary>
    /// Fault hook: the device leaves the bus after <paramref name="operations"/> more resets/byte transfers (a cartridge
    /// pulled mid-transaction). <see cref="Device"/> becomes null at that point; put it back to re-seat.
    /// </summary>
    public void RemoveDeviceAfter(long operations)
    {
        lock (_gate) { _detachAfter = operations; }
    }

    private void CountOperation()
    {
        if (_detachAfter < 0) return;
        if (_detachAfter == 0) { _device = null; _detachAfter = -1; return; }
        _detachAfter--;
    }

    /// <inheritdoc />
    public bool Reset()
    {
        lock (_gate)
        {
            CountOperation();
            Hold(ResetMicros);
            ResetCount++;
            return _device is not null && _device.Reset();
        }
    }

    /// <inheritdoc />
    public void WriteByte(byte value)
    {
        lock (_gate)
        {
            CountOperation();
            Hold(ByteMicros);
            BytesWrittenByMaster++;
            _device?.MasterWrite(value);
        }
    }

    /// <inheritdoc />
    public byte ReadByte()
    {
        lock (_gate)
        {
            CountOperation();
            Hold(ByteMicros);
            BytesReadByMaster++;
            byte b = _device is null ? (byte)0xFF : _device.MasterRead();
            if (_corruptReads > 0)
            {
                _corruptReads--;
                b ^= (byte)(1 << _noise.Next(8));
            }
            return b;
        }
    }
}
