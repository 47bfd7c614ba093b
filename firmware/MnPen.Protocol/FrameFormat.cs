namespace MnPen.Protocol
{
    /// <summary>
    /// Frame layout: SYNC0 SYNC1 LEN_LO LEN_HI HCHK TYPE SEQ PAYLOAD[LEN] CRC_LO CRC_HI.
    /// HCHK (low byte of the CRC-16 of the two length bytes) rejects a damaged length at once, so a corrupted length
    /// cannot make the receiver swallow the frames behind it. The CRC-16/CCITT-FALSE covers LEN through the end of the
    /// payload. All multi-byte fields are little-endian.
    /// </summary>
    public static class FrameFormat
    {
        /// <summary>First sync byte.</summary>
        public const byte Sync0 = 0xA5;

        /// <summary>Second sync byte.</summary>
        public const byte Sync1 = 0x5A;

        /// <summary>Bytes before the payload: two sync bytes, two length bytes, header check, type, sequence.</summary>
        public const int HeaderSize = 7;

        /// <summary>The header check byte for a payload length.</summary>
        public static byte HeaderCheck(int length)
        {
            ushort c = Crc16.Update(Crc16.Initial, (byte)(length & 0xFF));
            c = Crc16.Update(c, (byte)(length >> 8));
            return (byte)c;
        }

        /// <summary>Bytes of CRC after the payload.</summary>
        public const int CrcSize = 2;

        /// <summary>Largest payload either side will send or accept, bytes.</summary>
        public const int MaxPayload = 512;

        /// <summary>Largest whole frame, bytes.</summary>
        public const int MaxFrame = HeaderSize + MaxPayload + CrcSize;
    }
}
