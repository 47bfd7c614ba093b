using System;

namespace MnPen.Storage
{
    /// <summary>Little-endian encoding of integers, floats and short ASCII strings into byte arrays, by hand (portable and allocation-aware).</summary>
    public static class ByteCodec
    {
        /// <summary>Writes a 16-bit value at offset.</summary>
        public static void PutU16(byte[] b, int offset, int value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
        }

        /// <summary>Writes a 32-bit value at offset.</summary>
        public static void PutU32(byte[] b, int offset, uint value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)(value >> 16);
            b[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>Writes a signed 32-bit value at offset.</summary>
        public static void PutI32(byte[] b, int offset, int value)
        {
            PutU32(b, offset, (uint)value);
        }

        /// <summary>Reads an unsigned 16-bit value.</summary>
        public static int GetU16(byte[] b, int offset)
        {
            return b[offset] | (b[offset + 1] << 8);
        }

        /// <summary>Reads a signed 16-bit value.</summary>
        public static int GetI16(byte[] b, int offset)
        {
            return (short)(b[offset] | (b[offset + 1] << 8));
        }

        /// <summary>Reads an unsigned 32-bit value.</summary>
        public static uint GetU32(byte[] b, int offset)
        {
            return (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));
        }

        /// <summary>Reads a signed 32-bit value.</summary>
        public static int GetI32(byte[] b, int offset)
        {
            return (int)GetU32(b, offset);
        }

        /// <summary>Writes an IEEE-754 single at offset (allocates a 4-byte array: storage writes only, never in the tick).</summary>
        public static void PutF32(byte[] b, int offset, float value)
        {
            byte[] raw = BitConverter.GetBytes(value);
            if (BitConverter.IsLittleEndian)
            {
                b[offset] = raw[0]; b[offset + 1] = raw[1]; b[offset + 2] = raw[2]; b[offset + 3] = raw[3];
            }
            else
            {
                b[offset] = raw[3]; b[offset + 1] = raw[2]; b[offset + 2] = raw[1]; b[offset + 3] = raw[0];
            }
        }

        /// <summary>Reads an IEEE-754 single.</summary>
        public static float GetF32(byte[] b, int offset)
        {
            if (BitConverter.IsLittleEndian)
            {
                return BitConverter.ToSingle(b, offset);
            }
            byte[] raw = new byte[] { b[offset + 3], b[offset + 2], b[offset + 1], b[offset] };
            return BitConverter.ToSingle(raw, 0);
        }

        /// <summary>Writes a length-prefixed ASCII string (one length byte, then up to maxChars bytes); non-ASCII becomes '?'. Returns the next offset.</summary>
        public static int PutAscii(byte[] b, int offset, string value, int maxChars)
        {
            int n = value == null ? 0 : value.Length;
            if (n > maxChars)
            {
                n = maxChars;
            }
            b[offset] = (byte)n;
            for (int i = 0; i < n; i++)
            {
                char c = value[i];
                b[offset + 1 + i] = c >= (char)0x20 && c < (char)0x7F ? (byte)c : (byte)'?';
            }
            return offset + 1 + n;
        }

        /// <summary>Reads a length-prefixed ASCII string written by <see cref="PutAscii"/>; null if the length exceeds maxChars or the data.</summary>
        public static string GetAscii(byte[] b, int offset, int end, int maxChars)
        {
            if (offset >= end)
            {
                return null;
            }
            int n = b[offset];
            if (n > maxChars || offset + 1 + n > end)
            {
                return null;
            }
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                chars[i] = (char)b[offset + 1 + i];
            }
            return new string(chars);
        }
    }
}
