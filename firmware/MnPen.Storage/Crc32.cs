namespace MnPen.Storage
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320, init and final XOR 0xFFFFFFFF) over byte arrays.</summary>
    /// <remarks>
    /// Written by hand because nanoFramework v1 has no CRC API (System.IO.Hashing is not available there).
    /// Table-driven: the 1 KB table is built once, so each byte costs one lookup and no allocation.
    /// </remarks>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC-32 of count bytes of data starting at offset ("123456789" gives 0xCBF43926).</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start, data, offset, count));
        }

        /// <summary>Initial register value for incremental use with <see cref="Update"/> and <see cref="Finish"/>.</summary>
        public const uint Start = 0xFFFFFFFF;

        /// <summary>Feeds count more bytes into a running CRC register.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }
            return crc;
        }

        /// <summary>Final XOR of a running CRC register.</summary>
        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
