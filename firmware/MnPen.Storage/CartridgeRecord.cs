namespace MnPen.Storage
{
    /// <summary>One cartridge the pen has run: ROM id, first use, run time and whether it has been removed.</summary>
    public sealed class CartridgeRecord
    {
        /// <summary>8-byte 1-Wire ROM id.</summary>
        public readonly byte[] RomId = new byte[8];

        /// <summary>First run, seconds since 2000-01-01 UTC (0 = time unknown).</summary>
        public uint FirstUseSeconds;

        /// <summary>Accumulated run time (s).</summary>
        public uint RunSeconds;

        /// <summary>True once the cartridge was seen removed after being run: it may never run again.</summary>
        public bool Removed;

        /// <summary>True if this record's ROM id equals rom.</summary>
        public bool Matches(byte[] rom)
        {
            for (int i = 0; i < 8; i++)
            {
                if (RomId[i] != rom[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Low 32 bits of the 48-bit serial inside the ROM id (for log entries).</summary>
        public static uint SerialLow(byte[] rom)
        {
            return ByteCodec.GetU32(rom, 1);
        }
    }
}
