namespace MnPen.Protocol
{
    /// <summary>Wraps a payload in a frame (sync, length, type, sequence, CRC) into a caller-provided buffer.</summary>
    public static class FrameWriter
    {
        /// <summary>
        /// Writes one frame at dst[dstOffset]; returns the frame length, or 0 if the payload is too long or the
        /// destination too small (nothing useful is written then).
        /// </summary>
        public static int Encode(byte type, byte seq, byte[] payload, int payloadOffset, int payloadLength, byte[] dst, int dstOffset)
        {
            if (payloadLength < 0 || payloadLength > FrameFormat.MaxPayload) return 0;
            int total = FrameFormat.HeaderSize + payloadLength + FrameFormat.CrcSize;
            if (dst == null || dstOffset < 0 || dst.Length - dstOffset < total) return 0;
            dst[dstOffset] = FrameFormat.Sync0;
            dst[dstOffset + 1] = FrameFormat.Sync1;
            dst[dstOffset + 2] = (byte)(payloadLength & 0xFF);
            dst[dstOffset + 3] = (byte)(payloadLength >> 8);
            dst[dstOffset + 4] = FrameFormat.HeaderCheck(payloadLength);
            dst[dstOffset + 5] = type;
            dst[dstOffset + 6] = seq;
            if (payloadLength > 0)
                System.Array.Copy(payload, payloadOffset, dst, dstOffset + FrameFormat.HeaderSize, payloadLength);
            ushort crc = Crc16.Compute(dst, dstOffset + 2, FrameFormat.HeaderSize - 2 + payloadLength);
            dst[dstOffset + FrameFormat.HeaderSize + payloadLength] = (byte)(crc & 0xFF);
            dst[dstOffset + FrameFormat.HeaderSize + payloadLength + 1] = (byte)(crc >> 8);
            return total;
        }
    }
}
