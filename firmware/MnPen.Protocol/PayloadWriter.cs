namespace MnPen.Protocol
{
    /// <summary>
    /// Little-endian field writer over a caller-owned buffer. Writing past the end sets <see cref="Overflow"/>
    /// instead of throwing, so a response that does not fit is detected once, at the end.
    /// </summary>
    public sealed class PayloadWriter
    {
        private byte[] _buf;
        private int _start;
        private int _pos;
        private int _end;

        /// <summary>True if a write did not fit; the content is then incomplete.</summary>
        public bool Overflow;

        /// <summary>Points the writer at buffer[offset..offset+capacity) and rewinds it.</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buf = buffer;
            _start = offset;
            _pos = offset;
            _end = offset + capacity;
            Overflow = false;
        }

        /// <summary>Bytes written since Reset.</summary>
        public int Length => _pos - _start;

        /// <summary>Writes one byte.</summary>
        public void U8(int v)
        {
            if (_pos + 1 > _end) { Overflow = true; return; }
            _buf[_pos++] = (byte)v;
        }

        /// <summary>Writes 16 bits (signed or unsigned; the low 16 bits of v).</summary>
        public void U16(int v)
        {
            if (_pos + 2 > _end) { Overflow = true; return; }
            MnPen.Storage.ByteCodec.PutU16(_buf, _pos, v);
            _pos += 2;
        }

        /// <summary>Writes a signed 16-bit value, saturating v to the int16 range.</summary>
        public void I16Sat(int v)
        {
            if (v > 32767) v = 32767;
            if (v < -32768) v = -32768;
            U16(v);
        }

        /// <summary>Writes an unsigned 16-bit value, saturating v to 0..65535.</summary>
        public void U16Sat(int v)
        {
            if (v > 65535) v = 65535;
            if (v < 0) v = 0;
            U16(v);
        }

        /// <summary>Writes 32 bits.</summary>
        public void U32(uint v)
        {
            if (_pos + 4 > _end) { Overflow = true; return; }
            MnPen.Storage.ByteCodec.PutU32(_buf, _pos, v);
            _pos += 4;
        }

        /// <summary>Writes a signed 32-bit value.</summary>
        public void I32(int v)
        {
            U32((uint)v);
        }

        /// <summary>Writes count bytes from src.</summary>
        public void Bytes(byte[] src, int offset, int count)
        {
            if (count < 0 || _pos + count > _end) { Overflow = true; return; }
            System.Array.Copy(src, offset, _buf, _pos, count);
            _pos += count;
        }

        /// <summary>Writes a short ASCII string: length byte then bytes; characters above 126 become '?'; at most 64.</summary>
        public void Str(string s)
        {
            Text(s, ProtocolLimits.MaxStringLength);
        }

        /// <summary>Writes an ASCII text of at most max (&lt;= 255) characters, same encoding as <see cref="Str(string)"/>.</summary>
        public void Text(string s, int max)
        {
            int n = s == null ? 0 : s.Length;
            if (n > max) n = max;
            if (_pos + 1 + n > _end) { Overflow = true; return; }
            _buf[_pos++] = (byte)n;
            for (int i = 0; i < n; i++)
            {
                char c = s[i];
                _buf[_pos++] = (c >= ' ' && c <= '~') ? (byte)c : (byte)'?';
            }
        }

        /// <summary>Writes a float as a scaled, rounded 32-bit integer (value x scale), saturating; NaN becomes 0.</summary>
        public void Scaled(float value, float scale)
        {
            I32(FixedPoint.ToInt(value, scale));
        }
    }
}
