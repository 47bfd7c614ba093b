namespace MnPen.Storage
{
    /// <summary>The two 1-Wire checksums: CRC8 of ROM ids and the CRC16 the DS2431 sends (inverted) after scratchpad traffic.</summary>
    /// <remarks>Written by hand: nanoFramework's OneWireHost does not expose them and v1 has no CRC API.</remarks>
    public static class OneWireCrc
    {
        /// <summary>Dallas/Maxim CRC8 (x^8+x^5+x^4+1, LSB first, init 0); a ROM id's 8 bytes give 0.</summary>
        public static byte Crc8(byte[] data, int offset, int count)
        {
            int crc = 0;
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    bool mix = ((crc ^ b) & 1) != 0;
                    crc >>= 1;
                    if (mix)
                    {
                        crc ^= 0x8C;
                    }
                    b >>= 1;
                }
            }
            return (byte)crc;
        }

        /// <summary>Feeds one byte into the 1-Wire CRC16 (x^16+x^15+x^2+1, LSB first, init 0; the device sends ~crc).</summary>
        public static int Crc16Update(int crc, byte value)
        {
            int c = (crc ^ value) & 0xFFFF;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0xA001 : c >> 1;
            }
            return c;
        }

        /// <summary>1-Wire CRC16 of count bytes (not inverted).</summary>
        public static int Crc16(byte[] data, int offset, int count)
        {
            int crc = 0;
            for (int i = 0; i < count; i++)
            {
                crc = Crc16Update(crc, data[offset + i]);
            }
            return crc;
        }
    }
}
