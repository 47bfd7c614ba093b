using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// 1-Wire master driver for the cartridge's DS2431 ID memory: Read ROM, Read Memory, and verified 8-byte row writes
    /// (Write Scratchpad, CRC16 check, Read Scratchpad check, Copy Scratchpad, read-back). Not for the control tick:
    /// a full read is ~150 bus bytes, a row write ~40 plus the 10 ms programming time.
    /// </summary>
    public sealed class CartridgeMemory
    {
        /// <summary>DS2431 family code (first ROM byte).</summary>
        public const byte FamilyCode = 0x2D;

        /// <summary>Attempts per operation before reporting failure.</summary>
        public const int Attempts = 3;

        private const byte ReadRomCommand = 0x33;
        private const byte SkipRomCommand = 0xCC;
        private const byte ReadMemoryCommand = 0xF0;
        private const byte WriteScratchpadCommand = 0x0F;
        private const byte ReadScratchpadCommand = 0xAA;
        private const byte CopyScratchpadCommand = 0x55;

        private readonly IOneWireBus _bus;
        private readonly IClock _clock;
        private readonly byte[] _first = new byte[CartridgeImage.Size];
        private readonly byte[] _second = new byte[CartridgeImage.Size];
        private readonly byte[] _frame = new byte[16];

        /// <summary>Creates the driver on the cartridge bus; the clock times the EEPROM programming wait (null: no wait).</summary>
        public CartridgeMemory(IOneWireBus bus, IClock clock)
        {
            _bus = bus;
            _clock = clock;
            ProgramDelayMillis = 12;
        }

        /// <summary>
        /// Wait after Copy Scratchpad for the EEPROM to program (DS2431 tPROG is 10 ms), through the board's clock so the
        /// simulator lets simulated time pass. It holds the control loop, so it is only done with the motor driver off.
        /// </summary>
        public int ProgramDelayMillis { get; set; }

        /// <summary>True if a device answers the reset pulse.</summary>
        public bool IsPresent()
        {
            return _bus != null && _bus.Reset();
        }

        /// <summary>Reads the 8-byte ROM id into rom; true if the family is DS2431 and its CRC8 checks.</summary>
        public bool ReadRom(byte[] rom)
        {
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                if (!IsPresent())
                {
                    return false;
                }
                _bus.WriteByte(ReadRomCommand);
                for (int i = 0; i < 8; i++)
                {
                    rom[i] = _bus.ReadByte();
                }
                if (rom[0] == FamilyCode && OneWireCrc.Crc8(rom, 0, 8) == 0)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Reads count bytes from address; the bytes are read twice and must agree (Read Memory has no CRC).</summary>
        public bool ReadMemory(int address, byte[] buffer, int offset, int count)
        {
            if (count > CartridgeImage.Size)
            {
                return false;
            }
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                if (!ReadOnce(address, _first, count) || !ReadOnce(address, _second, count))
                {
                    return false;
                }
                bool same = true;
                for (int i = 0; i < count; i++)
                {
                    if (_first[i] != _second[i])
                    {
                        same = false;
                        break;
                    }
                }
                if (same)
                {
                    for (int i = 0; i < count; i++)
                    {
                        buffer[offset + i] = _first[i];
                    }
                    return true;
                }
            }
            return false;
        }

        /// <summary>Writes one 8-byte row (address a multiple of 8) and verifies it by reading it back.</summary>
        public bool WriteRow(int address, byte[] data, int offset)
        {
            if ((address & 7) != 0 || address < 0 || address >= CartridgeImage.Size)
            {
                return false;
            }
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                if (TryWriteRow(address, data, offset))
                {
                    return true;
                }
            }
            return false;
        }

        private bool TryWriteRow(int address, byte[] data, int offset)
        {
            byte ta1 = (byte)address;
            byte ta2 = (byte)(address >> 8);

            // Write Scratchpad; the part answers with the inverted CRC16 of command, address and data.
            if (!IsPresent())
            {
                return false;
            }
            _bus.WriteByte(SkipRomCommand);
            _bus.WriteByte(WriteScratchpadCommand);
            _bus.WriteByte(ta1);
            _bus.WriteByte(ta2);
            int crc = OneWireCrc.Crc16Update(0, WriteScratchpadCommand);
            crc = OneWireCrc.Crc16Update(crc, ta1);
            crc = OneWireCrc.Crc16Update(crc, ta2);
            for (int i = 0; i < 8; i++)
            {
                _bus.WriteByte(data[offset + i]);
                crc = OneWireCrc.Crc16Update(crc, data[offset + i]);
            }
            int got = _bus.ReadByte() | (_bus.ReadByte() << 8);
            if (got != (~crc & 0xFFFF))
            {
                return false;
            }

            // Read Scratchpad: address, E/S and data must be what we sent (a protected page shows its old data here).
            if (!IsPresent())
            {
                return false;
            }
            _bus.WriteByte(SkipRomCommand);
            _bus.WriteByte(ReadScratchpadCommand);
            for (int i = 0; i < 13; i++)
            {
                _frame[i] = _bus.ReadByte();
            }
            crc = OneWireCrc.Crc16Update(0, ReadScratchpadCommand);
            for (int i = 0; i < 11; i++)
            {
                crc = OneWireCrc.Crc16Update(crc, _frame[i]);
            }
            got = _frame[11] | (_frame[12] << 8);
            byte es = _frame[2];
            if (got != (~crc & 0xFFFF) || _frame[0] != ta1 || _frame[1] != ta2 || es != 0x07)
            {
                return false;
            }
            for (int i = 0; i < 8; i++)
            {
                if (_frame[3 + i] != data[offset + i])
                {
                    return false;
                }
            }

            // Copy Scratchpad, authorised by address and E/S; the part then sends 0xAA/0x55 alternation.
            if (!IsPresent())
            {
                return false;
            }
            _bus.WriteByte(SkipRomCommand);
            _bus.WriteByte(CopyScratchpadCommand);
            _bus.WriteByte(ta1);
            _bus.WriteByte(ta2);
            _bus.WriteByte(es);
            if (ProgramDelayMillis > 0 && _clock != null)
            {
                _clock.Delay(ProgramDelayMillis * 1000);
            }
            byte done = _bus.ReadByte();
            if (done != 0xAA && done != 0x55)
            {
                return false;
            }

            if (!ReadOnce(address, _first, 8))
            {
                return false;
            }
            for (int i = 0; i < 8; i++)
            {
                if (_first[i] != data[offset + i])
                {
                    return false;
                }
            }
            return true;
        }

        private bool ReadOnce(int address, byte[] into, int count)
        {
            if (!IsPresent())
            {
                return false;
            }
            _bus.WriteByte(SkipRomCommand);
            _bus.WriteByte(ReadMemoryCommand);
            _bus.WriteByte((byte)address);
            _bus.WriteByte((byte)(address >> 8));
            for (int i = 0; i < count; i++)
            {
                into[i] = _bus.ReadByte();
            }
            return true;
        }
    }
}
