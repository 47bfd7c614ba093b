using System;
using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>
    /// The cartridge's DS2431 ID memory as seen from its 1-Wire bus: the command subset the pen uses (Read ROM, Skip ROM,
    /// Read Memory, Write/Read/Copy Scratchpad) with the part's inverted CRC16 answers, no page protection. Its CRCs are
    /// computed here, not with the firmware's OneWireCrc, so a firmware CRC bug shows up as a refused cartridge.
    /// </summary>
    public sealed class FakeCartridgeChip : IOneWireBus
    {
        private const int Idle = 0, RomCommand = 1, ReadRom = 2, Function = 3, WsAddress = 4, WsData = 5, Out = 6,
            CopyAuth = 7, CopyDone = 8, RmAddress = 9, RmData = 10;

        private readonly byte[] _rom = new byte[8];
        private readonly byte[] _mem = new byte[128];
        private readonly byte[] _scratch = new byte[8];
        private readonly byte[] _out = new byte[16];
        private int _state = Idle;
        private int _count;
        private int _ta;
        private byte _es;
        private int _crc;
        private int _outLength;
        private int _outIndex;

        /// <summary>Seated on the bus (answers resets).</summary>
        public bool Present = true;

        /// <summary>EEPROM rows programmed so far.</summary>
        public int RowWrites;

        /// <summary>Creates the part with a serial number (ROM id with family 0x2D and its CRC8) and a 128-byte image.</summary>
        public FakeCartridgeChip(long serial, byte[] image)
        {
            _rom[0] = 0x2D;
            for (int i = 0; i < 6; i++) _rom[1 + i] = (byte)(serial >> (8 * i));
            _rom[7] = Crc8(_rom, 7);
            Array.Copy(image, _mem, 128);
        }

        /// <summary>Reads one data byte without bus traffic.</summary>
        public byte Peek(int address)
        {
            return _mem[address];
        }

        /// <summary>Reset pulse: a seated part answers with presence.</summary>
        public bool Reset()
        {
            _state = Present ? RomCommand : Idle;
            _count = 0;
            return Present;
        }

        /// <summary>A byte from the master.</summary>
        public void WriteByte(byte value)
        {
            switch (_state)
            {
                case RomCommand:
                    if (value == 0x33)
                    {
                        Array.Copy(_rom, _out, 8);
                        _outLength = 8;
                        _outIndex = 0;
                        _state = ReadRom;
                    }
                    else
                    {
                        _state = value == 0xCC ? Function : Idle;
                    }
                    break;
                case ReadRom:
                case Function:
                    StartFunction(value);
                    break;
                case WsAddress:
                    _crc = Crc16(_crc, value);
                    if (_count == 0) _ta = value; else _ta |= value << 8;
                    if (++_count == 2)
                    {
                        _count = _ta & 7;
                        _state = WsData;
                    }
                    break;
                case WsData:
                    _crc = Crc16(_crc, value);
                    _scratch[_count] = value;
                    _es = (byte)(_count & 7);
                    if (++_count == 8)
                    {
                        int inv = ~_crc & 0xFFFF;
                        _out[0] = (byte)inv;
                        _out[1] = (byte)(inv >> 8);
                        _outLength = 2;
                        _outIndex = 0;
                        _state = Out;
                    }
                    break;
                case CopyAuth:
                    _out[_count++] = value;
                    if (_count == 3)
                    {
                        bool match = _out[0] == (byte)_ta && _out[1] == (byte)(_ta >> 8) && _out[2] == _es && _ta < 128;
                        if (match)
                        {
                            int row = _ta & ~7;
                            for (int i = 0; i < 8; i++) _mem[row + i] = _scratch[i];
                            _es |= 0x80;
                            RowWrites++;
                        }
                        _state = match ? CopyDone : Idle;
                    }
                    break;
                case RmAddress:
                    if (_count == 0) _ta = value; else _ta |= value << 8;
                    if (++_count == 2) _state = RmData;
                    break;
            }
        }

        /// <summary>A byte read by the master (0xFF when the part does not drive the bus).</summary>
        public byte ReadByte()
        {
            switch (_state)
            {
                case ReadRom:
                case Out:
                    return _outIndex < _outLength ? _out[_outIndex++] : (byte)0xFF;
                case CopyDone:
                    return 0xAA;
                case RmData:
                    return _ta < 128 ? _mem[_ta++] : (byte)0xFF;
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
                    _crc = Crc16(0, command);
                    _state = WsAddress;
                    break;
                case 0xAA:
                    int n = 0;
                    _out[n++] = (byte)_ta;
                    _out[n++] = (byte)(_ta >> 8);
                    _out[n++] = _es;
                    for (int i = _ta & 7; i <= (_es & 7); i++) _out[n++] = _scratch[i];
                    int crc = Crc16(0, command);
                    for (int i = 0; i < n; i++) crc = Crc16(crc, _out[i]);
                    int inv = ~crc & 0xFFFF;
                    _out[n++] = (byte)inv;
                    _out[n++] = (byte)(inv >> 8);
                    _outLength = n;
                    _outIndex = 0;
                    _state = Out;
                    break;
                case 0x55:
                    _state = CopyAuth;
                    break;
                case 0xF0:
                    _state = RmAddress;
                    break;
                default:
                    _state = Idle;
                    break;
            }
        }

        private static int Crc16(int crc, byte value)
        {
            int c = crc ^ value;
            for (int bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? (c >> 1) ^ 0xA001 : c >> 1;
            return c & 0xFFFF;
        }

        private static byte Crc8(byte[] data, int count)
        {
            int crc = 0;
            for (int i = 0; i < count; i++)
            {
                int b = data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    bool mix = ((crc ^ b) & 1) != 0;
                    crc >>= 1;
                    if (mix) crc ^= 0x8C;
                    b >>= 1;
                }
            }
            return (byte)crc;
        }
    }
}
