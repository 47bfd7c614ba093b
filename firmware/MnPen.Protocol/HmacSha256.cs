namespace MnPen.Protocol
{
    /// <summary>
    /// HMAC-SHA-256 (RFC 2104) over the hand-written <see cref="Sha256"/>; allocation-free after construction.
    /// Keys longer than 64 bytes are not needed (service keys are 32 bytes) and are rejected.
    /// </summary>
    public sealed class HmacSha256
    {
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _pad = new byte[Sha256.BlockLength];
        private readonly byte[] _key = new byte[Sha256.BlockLength];
        private readonly byte[] _inner = new byte[Sha256.DigestLength];

        /// <summary>Starts a MAC with key[offset..offset+length) (length at most 64).</summary>
        public bool Begin(byte[] key, int offset, int length)
        {
            if (length < 0 || length > Sha256.BlockLength) return false;
            System.Array.Clear(_key, 0, _key.Length);
            System.Array.Copy(key, offset, _key, 0, length);
            for (int i = 0; i < _pad.Length; i++) _pad[i] = (byte)(_key[i] ^ 0x36);
            _sha.Reset();
            _sha.Update(_pad, 0, _pad.Length);
            return true;
        }

        /// <summary>Adds message bytes.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
        }

        /// <summary>Adds one message byte.</summary>
        public void UpdateByte(byte b)
        {
            _sha.UpdateByte(b);
        }

        /// <summary>Writes the 32-byte MAC at output[offset] and wipes the key copy.</summary>
        public void Final(byte[] output, int offset)
        {
            _sha.Final(_inner, 0);
            for (int i = 0; i < _pad.Length; i++) _pad[i] = (byte)(_key[i] ^ 0x5c);
            _sha.Update(_pad, 0, _pad.Length);
            _sha.Update(_inner, 0, _inner.Length);
            _sha.Final(output, offset);
            System.Array.Clear(_key, 0, _key.Length);
            System.Array.Clear(_pad, 0, _pad.Length);
            System.Array.Clear(_inner, 0, _inner.Length);
        }

        /// <summary>Compares two byte ranges in time independent of where they differ.</summary>
        public static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int diff = 0;
            for (int i = 0; i < count; i++) diff |= a[aOffset + i] ^ b[bOffset + i];
            return diff == 0;
        }
    }
}
