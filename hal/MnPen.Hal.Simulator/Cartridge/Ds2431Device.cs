namespace MnPen.Hal.Simulator.Cartridge;

/// <summary>
/// Byte-level model of a DS2431 1-Wire EEPROM (the cartridge's ID memory): 128 data bytes in 4 pages of 32,
/// 16 register bytes at 0x80-0x8F, an 8-byte scratchpad, and the command subset the pen uses.
/// </summary>
/// <remarks>
/// Driven by <see cref="SimOneWireBus"/>: Reset → ROM command (0x33 Read ROM, 0xCC Skip ROM, 0x55 Match ROM,
/// 0xA5 Resume) → memory function (0xF0 Read Memory, 0x0F Write Scratchpad, 0xAA Read Scratchpad,
/// 0x55 Copy Scratchpad) → data. CRC16 is the 1-Wire CRC16 (x^16+x^15+x^2+1, LSB first, sent inverted).
/// Page protection follows the part: register 0x80+page = 0x55 write-protects the page, 0xAA puts it in EPROM
/// mode (bits can only be cleared); 0x88+ is not writable. Copy Scratchpad copies the whole 8-byte row, takes
/// effect instantly here (the part needs 10 ms of tPROG), then reads return 0xAA until the next reset.
/// </remarks>
public sealed class Ds2431Device
{
    /// <summary>1-Wire family code of the DS2431.</summary>
    public const byte FamilyCode = 0x2D;

    /// <summary>Data memory size in bytes (4 pages of 32).</summary>
    public const int DataSize = 128;

    /// <summary>Data plus register bytes (0x00-0x8F).</summary>
    public const int TotalSize = 0x90;

    private enum State
    {
        Idle, RomCommand, MatchRom, ReadRom, Function,
        WsAddress, WsData, WsCrc, RsOut, CopyAuth, CopyDone, RmAddress, RmData,
    }

    private readonly byte[] _rom;
    private readonly byte[] _mem = new byte[TotalSize];
    private readonly byte[] _scratch = new byte[8];
    private readonly byte[] _out = new byte[16];
    private int _ta;
    private byte _es = 0x80 | 0x07; // AA set: nothing pending
    private State _state = State.Idle;
    private int _count;
    private int _outLength;
    private int _outIndex;
    private ushort _crc;
    private bool _selected;
    private bool _wsCrcValid;

    /// <summary>Creates a device with the given ROM id (8 bytes: family, 6-byte serial, CRC8) and 128-byte data image; registers start erased (0xFF, unprotected).</summary>
    public Ds2431Device(byte[] romId, byte[] memory)
    {
        ArgumentNullException.ThrowIfNull(romId);
        ArgumentNullException.ThrowIfNull(memory);
        if (romId.Length != 8) throw new ArgumentException("A 1-Wire ROM id is 8 bytes: family, 6-byte serial, CRC8.", nameof(romId));
        if (memory.Length != DataSize) throw new ArgumentException($"A DS2431 image is {DataSize} bytes; got {memory.Length}.", nameof(memory));
        _rom = (byte[])romId.Clone();
        Buffer.BlockCopy(memory, 0, _mem, 0, DataSize);
        for (int i = DataSize; i < TotalSize; i++) _mem[i] = 0xFF;
    }

    /// <summary>Builds a valid DS2431 ROM id (family 0x2D, 48-bit serial little-endian, Dallas CRC8).</summary>
    public static byte[] CreateRomId(long serial)
    {
        var rom = new byte[8];
        rom[0] = FamilyCode;
        for (int i = 0; i < 6; i++) rom[1 + i] = (byte)(serial >> (8 * i));
        rom[7] = Crc8(rom, 0, 7);
        return rom;
    }

    // The chip model computes its CRCs itself rather than calling the firmware's OneWireCrc: the model stands in for
    // the silicon, so a bug in the firmware's CRC must show up as a mismatch here, not be hidden by shared code.
    /// <summary>Dallas/Maxim CRC8 (x^8+x^5+x^4+1, LSB first), as used in ROM ids.</summary>
    public static byte Crc8(byte[] data, int offset, int count)
    {
        byte crc = 0;
        for (int i = 0; i < count; i++)
        {
            byte b = data[offset + i];
            for (int bit = 0; bit < 8; bit++)
            {
                bool mix = ((crc ^ b) & 1) != 0;
                crc >>= 1;
                if (mix) crc ^= 0x8C;
                b >>= 1;
            }
        }
        return crc;
    }

    /// <summary>One step of the 1-Wire CRC16 (x^16+x^15+x^2+1, LSB first, initial 0).</summary>
    public static ushort Crc16Update(ushort crc, byte value)
    {
        int c = crc ^ value;
        for (int bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? (c >> 1) ^ 0xA001 : c >> 1;
        return (ushort)c;
    }

    /// <summary>The ROM id (copy).</summary>
    public byte[] RomId => (byte[])_rom.Clone();

    /// <summary>Successful Copy Scratchpad operations (EEPROM row writes) since construction.</summary>
    public int RowWrites { get; private set; }

    /// <summary>A copy of the 128 data bytes.</summary>
    public byte[] GetMemory()
    {
        var m = new byte[DataSize];
        Buffer.BlockCopy(_mem, 0, m, 0, DataSize);
        return m;
    }

    /// <summary>Reads any byte of 0x00-0x8F (data or register) without bus traffic.</summary>
    public byte Peek(int address) => _mem[address];

    /// <summary>Overwrites bytes directly, bypassing protection (test set-up or tampering, e.g. resetting a usage mark).</summary>
    public void Poke(int address, byte[] data)
    {
        if (address < 0 || address + data.Length > TotalSize) throw new ArgumentOutOfRangeException(nameof(address), "Address range must lie within 0x00-0x8F.");
        Buffer.BlockCopy(data, 0, _mem, address, data.Length);
    }

    /// <summary>Sets a page's protection register: 0x55 write-protect, 0xAA EPROM mode, 0xFF none.</summary>
    public void SetPageProtection(int page, byte mode)
    {
        if (page < 0 || page > 3) throw new ArgumentOutOfRangeException(nameof(page), "DS2431 pages are 0-3.");
        _mem[0x80 + page] = mode;
    }

    /// <summary>Bus reset: answers with a presence pulse and waits for a ROM command.</summary>
    public bool Reset()
    {
        _state = State.RomCommand;
        _count = 0;
        return true;
    }

    /// <summary>A byte written by the master.</summary>
    public void MasterWrite(byte value)
    {
        switch (_state)
        {
            case State.RomCommand:
                switch (value)
                {
                    case 0x33: SetOut(_rom, 0, 8); _state = State.ReadRom; _selected = true; break;
                    case 0xCC: case 0x3C: _state = State.Function; _selected = false; break;
                    case 0x55: _state = State.MatchRom; _count = 0; _selected = true; break;
                    case 0xA5: _state = _selected ? State.Function : State.Idle; break;
                    default: _state = State.Idle; break;
                }
                break;
            case State.MatchRom:
                if (_rom[_count] != value) _selected = false;
                if (++_count == 8) _state = _selected ? State.Function : State.Idle;
                break;
            case State.ReadRom:
                // After the 8 ROM bytes the part accepts a memory function command.
                _state = State.Function;
                MasterWrite(value);
                break;
            case State.Function:
                StartFunction(value);
                break;
            case State.WsAddress:
                _crc = Crc16Update(_crc, value);
                if (_count == 0) _ta = value; else _ta |= value << 8;
                if (++_count == 2) { _state = State.WsData; _count = _ta & 7; _es = (byte)(0x20 | (_ta & 7)); _wsCrcValid = false; }
                break;
            case State.WsData:
                if (_count > 7) break;
                _crc = Crc16Update(_crc, value);
                _scratch[_count] = ScratchValue(_ta & ~7 | _count, value);
                _es = (byte)(_count & 7); // PF clear: a whole byte arrived; AA clear: not copied yet
                _count++;
                if (_count == 8)
                {
                    ushort inv = (ushort)~_crc;
                    _out[0] = (byte)inv; _out[1] = (byte)(inv >> 8);
                    _outLength = 2; _outIndex = 0; _wsCrcValid = true;
                    _state = State.WsCrc;
                }
                break;
            case State.CopyAuth:
                _out[_count++] = value;
                if (_count == 3)
                {
                    bool match = _out[0] == (byte)_ta && _out[1] == (byte)(_ta >> 8) && _out[2] == _es && (_es & 0xA0) == 0 && _ta < TotalSize;
                    if (match && Writable(_ta)) { Copy(); _es |= 0x80; }
                    _state = match ? State.CopyDone : State.Idle;
                }
                break;
            case State.RmAddress:
                if (_count == 0) _ta = value; else _ta |= value << 8;
                if (++_count == 2) { _state = State.RmData; }
                break;
            default:
                // Writes in output phases or idle are ignored by the part.
                break;
        }
    }

    /// <summary>A byte read by the master (0xFF whenever the part does not drive the bus).</summary>
    public byte MasterRead()
    {
        switch (_state)
        {
            case State.ReadRom:
            case State.WsCrc:
            case State.RsOut:
                return _outIndex < _outLength ? _out[_outIndex++] : (byte)0xFF;
            case State.CopyDone:
                return 0xAA;
            case State.RmData:
                return _ta < TotalSize ? _mem[_ta++] : (byte)0xFF;
            default:
                return 0xFF;
        }
    }

    private void StartFunction(byte command)
    {
        _count = 0;
        switch (command)
        {
            case 0x0F:
                _crc = Crc16Update(0, command);
                _state = State.WsAddress;
                break;
            case 0xAA:
            {
                ushort crc = Crc16Update(0, command);
                int n = 0;
                _out[n++] = (byte)_ta; _out[n++] = (byte)(_ta >> 8); _out[n++] = _es;
                int end = _es & 7;
                for (int i = _ta & 7; i <= end; i++) _out[n++] = _scratch[i];
                for (int i = 0; i < n; i++) crc = Crc16Update(crc, _out[i]);
                ushort inv = (ushort)~crc;
                _out[n++] = (byte)inv; _out[n++] = (byte)(inv >> 8);
                _outLength = n; _outIndex = 0;
                _state = State.RsOut;
                break;
            }
            case 0x55:
                _state = State.CopyAuth;
                break;
            case 0xF0:
                _state = State.RmAddress;
                break;
            default:
                _state = State.Idle;
                break;
        }
    }

    private byte ScratchValue(int address, byte sent)
    {
        if (address >= TotalSize) return 0xFF;
        if (address < DataSize)
        {
            byte mode = _mem[0x80 + (address >> 5)];
            if (mode == 0x55) return _mem[address];
            if (mode == 0xAA) return (byte)(sent & _mem[address]);
        }
        return sent;
    }

    private bool Writable(int ta)
    {
        if (ta >= 0x88) return false;
        if (ta >= DataSize) return _mem[0x84] != 0x55 && _mem[0x84] != 0xAA;
        return _mem[0x80 + (ta >> 5)] != 0x55;
    }

    private void Copy()
    {
        int row = _ta & ~7;
        for (int i = 0; i < 8; i++)
        {
            int a = row + i;
            if (a >= DataSize)
            {
                // Protection registers, once programmed to 0x55/0xAA, stay that way.
                if (_mem[a] == 0x55 || _mem[a] == 0xAA) continue;
            }
            _mem[a] = _scratch[i];
        }
        RowWrites++;
    }

    private void SetOut(byte[] src, int offset, int count)
    {
        Buffer.BlockCopy(src, offset, _out, 0, count);
        _outLength = count;
        _outIndex = 0;
    }

    /// <summary>True if the last Write Scratchpad filled the row so its CRC16 was offered (diagnostics).</summary>
    public bool LastScratchpadComplete => _wsCrcValid;
}
