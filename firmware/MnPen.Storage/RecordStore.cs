using System;
using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// One versioned record kept in two files (slots A and B) so that a write cut at any byte leaves the last good
    /// record readable. Each slot holds a frame: 12-byte header, payload, CRC32.
    /// </summary>
    /// <remarks>
    /// Frame (little-endian): 0 'M' 'R' magic | 2 record type | 3 schema version | 4 sequence u32 | 8 payload length u16 |
    /// 10 length complement u16 | 12 payload | CRC32 of everything before it.
    /// Save writes the new frame (sequence = newest + 1) over the slot that does NOT hold the newest valid record,
    /// reads it back, and only then (Mirror) copies it over the other slot too. A cut during the first write leaves the
    /// old record intact in the other slot; a cut during the mirror write leaves the new one intact. Load takes the valid
    /// slot with the highest sequence (serial-number arithmetic), so a damaged slot costs at most the newest change.
    /// </remarks>
    public sealed class RecordStore
    {
        /// <summary>Header bytes before the payload.</summary>
        public const int HeaderSize = 12;

        /// <summary>CRC bytes after the payload.</summary>
        public const int TrailerSize = 4;

        private const byte Magic0 = 0x4D;
        private const byte Magic1 = 0x52;

        private readonly INonVolatileStorage _storage;
        private readonly WriteGuard _guard;
        private readonly string[] _slotNames;
        private readonly byte _recordType;
        private readonly int _maxPayload;
        private readonly byte[] _work;
        private readonly byte[] _check;
        private readonly bool[] _slotValid = new bool[2];
        private readonly bool[] _slotPresent = new bool[2];
        private readonly uint[] _slotSequence = new uint[2];

        /// <summary>Creates a store for one record kind; files are "&lt;name&gt;.a" and "&lt;name&gt;.b".</summary>
        public RecordStore(INonVolatileStorage storage, string name, byte recordType, int maxPayload, WriteGuard guard)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            if (maxPayload <= 0 || maxPayload > 65535)
            {
                throw new ArgumentOutOfRangeException("maxPayload");
            }
            _storage = storage;
            _guard = guard ?? new WriteGuard();
            _slotNames = new string[] { name + ".a", name + ".b" };
            _recordType = recordType;
            _maxPayload = maxPayload;
            _work = new byte[HeaderSize + maxPayload + TrailerSize];
            _check = new byte[HeaderSize + maxPayload + TrailerSize];
            Payload = new byte[maxPayload];
            Mirror = true;
        }

        /// <summary>When true (default) a save also copies the new record over the second slot once the first is verified.</summary>
        public bool Mirror { get; set; }

        /// <summary>File name of slot 0 (A) or 1 (B).</summary>
        public string SlotName(int slot)
        {
            return _slotNames[slot];
        }

        /// <summary>Largest payload this store accepts.</summary>
        public int MaxPayload
        {
            get { return _maxPayload; }
        }

        /// <summary>Payload of the record found by the last <see cref="Load"/> (first <see cref="PayloadLength"/> bytes).</summary>
        public byte[] Payload { get; private set; }

        /// <summary>Payload length of the last loaded record.</summary>
        public int PayloadLength { get; private set; }

        /// <summary>Schema version of the last loaded record.</summary>
        public int Version { get; private set; }

        /// <summary>Sequence number of the last loaded or saved record.</summary>
        public uint Sequence { get; private set; }

        /// <summary>True if the last Load found a slot that holds data but fails its checks (torn write or bit rot).</summary>
        public bool SlotDamaged { get; private set; }

        /// <summary>Reads both slots and keeps the newest valid record in <see cref="Payload"/>.</summary>
        public RecordStatus Load()
        {
            Scan();
            int best = NewestValidSlot();
            if (best >= 0 && !ReadFrame(best, _work))
            {
                // The slot changed between the scan and this read (storage error): fall back to the other one.
                _slotValid[best] = false;
                best = NewestValidSlot();
                if (best >= 0 && !ReadFrame(best, _work))
                {
                    _slotValid[best] = false;
                    best = -1;
                }
            }
            SlotDamaged = (_slotPresent[0] && !_slotValid[0]) || (_slotPresent[1] && !_slotValid[1]);
            if (best < 0)
            {
                PayloadLength = 0;
                Version = 0;
                return _slotPresent[0] || _slotPresent[1] ? RecordStatus.Corrupt : RecordStatus.Missing;
            }
            int length = ByteCodec.GetU16(_work, 8);
            Array.Copy(_work, HeaderSize, Payload, 0, length);
            PayloadLength = length;
            Version = _work[3];
            Sequence = _slotSequence[best];
            return RecordStatus.Ok;
        }

        /// <summary>Stores a new record: length bytes of payload under the given schema version. Never touches the newest good slot first.</summary>
        public StoreWriteResult Save(int version, byte[] payload, int length)
        {
            if (!_guard.MayWrite())
            {
                return StoreWriteResult.RefusedMotorRunning;
            }
            if (length < 0 || length > _maxPayload || version < 0 || version > 255)
            {
                return StoreWriteResult.TooLarge;
            }
            Scan();
            int newest = NewestValidSlot();
            uint sequence = newest < 0 ? 1u : _slotSequence[newest] + 1u;
            int target = newest < 0 ? 0 : 1 - newest;

            int frameLength = BuildFrame(version, sequence, payload, length);
            StoreWriteResult r = WriteAndVerify(target, frameLength);
            if (r != StoreWriteResult.Ok)
            {
                return r;
            }
            Sequence = sequence;
            if (Mirror)
            {
                // The new record is safe in one slot; a failure here still leaves it loadable.
                WriteAndVerify(1 - target, frameLength);
            }
            return StoreWriteResult.Ok;
        }

        /// <summary>Deletes both slots (factory reset of this record).</summary>
        public StoreWriteResult Erase()
        {
            if (!_guard.MayWrite())
            {
                return StoreWriteResult.RefusedMotorRunning;
            }
            try
            {
                _storage.Delete(_slotNames[1]);
                _storage.Delete(_slotNames[0]);
            }
            catch (Exception)
            {
                return StoreWriteResult.StorageError;
            }
            return StoreWriteResult.Ok;
        }

        private int BuildFrame(int version, uint sequence, byte[] payload, int length)
        {
            _work[0] = Magic0;
            _work[1] = Magic1;
            _work[2] = _recordType;
            _work[3] = (byte)version;
            ByteCodec.PutU32(_work, 4, sequence);
            ByteCodec.PutU16(_work, 8, length);
            ByteCodec.PutU16(_work, 10, ~length & 0xFFFF);
            Array.Copy(payload, 0, _work, HeaderSize, length);
            uint crc = Crc32.Compute(_work, 0, HeaderSize + length);
            ByteCodec.PutU32(_work, HeaderSize + length, crc);
            return HeaderSize + length + TrailerSize;
        }

        private StoreWriteResult WriteAndVerify(int slot, int frameLength)
        {
            try
            {
                _storage.Write(_slotNames[slot], 0, _work, 0, frameLength);
                int n = _storage.Read(_slotNames[slot], 0, _check, 0, frameLength);
                if (n != frameLength)
                {
                    return StoreWriteResult.VerifyFailed;
                }
            }
            catch (Exception)
            {
                return StoreWriteResult.StorageError;
            }
            for (int i = 0; i < frameLength; i++)
            {
                if (_check[i] != _work[i])
                {
                    return StoreWriteResult.VerifyFailed;
                }
            }
            return StoreWriteResult.Ok;
        }

        private void Scan()
        {
            for (int slot = 0; slot < 2; slot++)
            {
                int length;
                try
                {
                    length = _storage.Length(_slotNames[slot]);
                }
                catch (Exception)
                {
                    length = -1;
                }
                _slotPresent[slot] = length > 0;
                _slotValid[slot] = _slotPresent[slot] && ReadFrame(slot, _check);
                _slotSequence[slot] = _slotValid[slot] ? ByteCodec.GetU32(_check, 4) : 0u;
            }
        }

        private int NewestValidSlot()
        {
            if (_slotValid[0] && _slotValid[1])
            {
                // Serial-number comparison so the sequence may wrap.
                return (int)(_slotSequence[1] - _slotSequence[0]) > 0 ? 1 : 0;
            }
            if (_slotValid[0])
            {
                return 0;
            }
            return _slotValid[1] ? 1 : -1;
        }

        /// <summary>Reads and checks one slot's frame into buffer; true if it is intact.</summary>
        private bool ReadFrame(int slot, byte[] buffer)
        {
            int n;
            try
            {
                n = _storage.Read(_slotNames[slot], 0, buffer, 0, HeaderSize);
                if (n != HeaderSize || buffer[0] != Magic0 || buffer[1] != Magic1 || buffer[2] != _recordType)
                {
                    return false;
                }
                int length = ByteCodec.GetU16(buffer, 8);
                if (ByteCodec.GetU16(buffer, 10) != (~length & 0xFFFF) || length > _maxPayload)
                {
                    return false;
                }
                int rest = length + TrailerSize;
                n = _storage.Read(_slotNames[slot], HeaderSize, buffer, HeaderSize, rest);
                if (n != rest)
                {
                    return false;
                }
                uint crc = Crc32.Compute(buffer, 0, HeaderSize + length);
                return crc == ByteCodec.GetU32(buffer, HeaderSize + length);
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
