namespace MnPen.Protocol
{
    /// <summary>
    /// Little-endian field reader over a received payload. Reading past the end sets <see cref="Error"/> and returns
    /// zeros instead of throwing, so a short or malformed payload is rejected with one check after decoding.
    /// </summary>
    public sealed class PayloadReader
    {
        private byte[] _buf;
        private int _pos;
        private int _end;

        /// <summary>True if any read ran past the payload or a field was malformed.</summary>
        public bool Error;

        /// <summary>Points the reader at buffer[offset..offset+length).</summary>
        public void Reset(byte[] buffer, int offset, int length)
        {
            _buf = buffer;
            _pos = offset;
            _end = offset + length;
            Error = false;
        }

        /// <summary>Bytes not yet read.</summary>
        public int Remaining => _end - _pos;

        /// <summary>Current read position within the buffer.</summary>
        public int Position => _pos;

        /// <summary>Reads one byte.</summary>
        public int U8()
        {
            if (_pos + 1 > _end) { Error = true; return 0; }
            return _buf[_pos++];
        }

        /// <summary>Reads an unsigned 16-bit value.</summary>
        public int U16()
        {
            if (_pos + 2 > _end) { Error = true; return 0; }
            int v = MnPen.Storage.ByteCodec.GetU16(_buf, _pos);
            _pos += 2;
            return v;
        }

        /// <summary>Reads a signed 16-bit value.</summary>
        public int I16()
        {
            return (short)U16();
        }

        /// <summary>Reads an unsigned 32-bit value.</summary>
        public uint U32()
        {
            if (_pos + 4 > _end) { Error = true; return 0; }
            uint v = MnPen.Storage.ByteCodec.GetU32(_buf, _pos);
            _pos += 4;
            return v;
        }

        /// <summary>Reads a signed 32-bit value.</summary>
        public int I32()
        {
            return (int)U32();
        }

        /// <summary>Copies count bytes into dst.</summary>
        public void Bytes(byte[] dst, int offset, int count)
        {
            if (count < 0 || _pos + count > _end) { Error = true; return; }
            System.Array.Copy(_buf, _pos, dst, offset, count);
            _pos += count;
        }

        /// <summary>Skips count bytes.</summary>
        public void Skip(int count)
        {
            if (count < 0 || _pos + count > _end) { Error = true; return; }
            _pos += count;
        }

        /// <summary>Reads a short ASCII string (allocates: service and host paths only).</summary>
        public string Str()
        {
            return Text(ProtocolLimits.MaxStringLength);
        }

        /// <summary>Reads an ASCII text of at most max characters (an error message: ProtocolLimits.MaxMessageLength).</summary>
        public string Text(int max)
        {
            int n = U8();
            if (Error) return string.Empty;
            if (n > max || _pos + n > _end) { Error = true; return string.Empty; }
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                byte b = _buf[_pos + i];
                if (b < 0x20 || b > 0x7E) { Error = true; return string.Empty; }
                chars[i] = (char)b;
            }
            _pos += n;
            return new string(chars);
        }

        /// <summary>Reads a scaled 32-bit integer back into a float (value / scale).</summary>
        public float Scaled(float scale)
        {
            return FixedPoint.ToFloat(I32(), scale);
        }
    }
}
