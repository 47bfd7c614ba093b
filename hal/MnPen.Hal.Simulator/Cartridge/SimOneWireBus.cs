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

    /// <summary>The device on the bus (the seated cartridge's ID memory), or null for an empty bus.</summary>
    public Ds2431Device? Device { get { lock (_gate) { return _device; } } set { lock (_gate) { _device = value; } } }

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

    /// <inheritdoc />
    public bool Reset()
    {
        lock (_gate)
        {
            ResetCount++;
            return _device is not null && _device.Reset();
        }
    }

    /// <inheritdoc />
    public void WriteByte(byte value)
    {
        lock (_gate)
        {
            BytesWrittenByMaster++;
            _device?.MasterWrite(value);
        }
    }

    /// <inheritdoc />
    public byte ReadByte()
    {
        lock (_gate)
        {
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
