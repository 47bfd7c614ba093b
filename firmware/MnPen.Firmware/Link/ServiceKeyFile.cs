using MnPen.Hal;
using MnPen.Storage;

namespace MnPen.Firmware.Link
{
    /// <summary>
    /// The pen's 32-byte service key in non-volatile storage ("service.key": key then CRC32). Written once at the
    /// factory; a damaged file reads as "not provisioned" so service mode stays closed rather than guessing.
    /// </summary>
    public sealed class ServiceKeyFile
    {
        /// <summary>File name in the pen's storage.</summary>
        public const string FileName = "service.key";

        private const int KeyLength = 32;
        private const int FileLength = KeyLength + 4;

        private readonly INonVolatileStorage _storage;
        private readonly byte[] _buf = new byte[FileLength];

        /// <summary>Creates the accessor (storage may be null on bare test boards: never provisioned).</summary>
        public ServiceKeyFile(INonVolatileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Copies the key to key[offset]; false if absent or damaged.</summary>
        public bool Read(byte[] key, int offset)
        {
            if (_storage == null) return false;
            try
            {
                if (_storage.Length(FileName) != FileLength) return false;
                if (_storage.Read(FileName, 0, _buf, 0, FileLength) != FileLength) return false;
                bool ok = Crc32.Compute(_buf, 0, KeyLength) == ByteCodec.GetU32(_buf, KeyLength);
                if (ok) System.Array.Copy(_buf, 0, key, offset, KeyLength);
                return ok;
            }
            catch (System.Exception)
            {
                return false;
            }
            finally
            {
                System.Array.Clear(_buf, 0, _buf.Length);
            }
        }

        /// <summary>Stores key[offset..+32); false if storage failed.</summary>
        public bool Write(byte[] key, int offset)
        {
            if (_storage == null) return false;
            try
            {
                System.Array.Copy(key, offset, _buf, 0, KeyLength);
                ByteCodec.PutU32(_buf, KeyLength, Crc32.Compute(_buf, 0, KeyLength));
                _storage.Write(FileName, 0, _buf, 0, FileLength);
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
            finally
            {
                System.Array.Clear(_buf, 0, _buf.Length);
            }
        }
    }
}
