namespace MnPen.Protocol
{
    /// <summary>
    /// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) over protocol frames.
    /// Table-driven so a frame check costs one lookup per byte; the table is built once at startup.
    /// </summary>
    public static class Crc16
    {
        /// <summary>Initial register value.</summary>
        public const ushort Initial = 0xFFFF;

        private static readonly ushort[] Table = BuildTable();

        /// <summary>Feeds one byte into a running CRC and returns the new value.</summary>
        public static ushort Update(ushort crc, byte value)
        {
            return (ushort)((crc << 8) ^ Table[((crc >> 8) ^ value) & 0xFF]);
        }

        /// <summary>CRC of count bytes of data starting at offset.</summary>
        public static ushort Compute(byte[] data, int offset, int count)
        {
            ushort crc = Initial;
            int end = offset + count;
            for (int i = offset; i < end; i++)
                crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ data[i]) & 0xFF]);
            return crc;
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int c = i << 8;
                for (int b = 0; b < 8; b++)
                    c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
                table[i] = (ushort)c;
            }
            return table;
        }
    }
}
