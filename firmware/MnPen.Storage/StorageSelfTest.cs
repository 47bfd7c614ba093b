using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// The start-up storage check: writes a scratch record whose content differs on every run, reads it back through the
    /// record layer (header, length, CRC32) and compares it byte for byte. A flash that drops writes, returns stale data or
    /// raises errors fails it; nothing else is touched (its own two-slot record).
    /// </summary>
    public sealed class StorageSelfTest
    {
        /// <summary>File name prefix of the scratch record.</summary>
        public const string Name = "selftest";

        /// <summary>Record type byte ('T').</summary>
        public const byte RecordType = 0x54;

        private const int PayloadLength = 32;

        private readonly RecordStore _store;
        private readonly byte[] _pattern = new byte[PayloadLength];

        /// <summary>Creates the check over the pen's storage and write guard.</summary>
        public StorageSelfTest(INonVolatileStorage storage, WriteGuard guard)
        {
            _store = new RecordStore(storage, Name, RecordType, PayloadLength, guard);
            // One slot per run, alternating: half the writes of a mirrored record, and each run rewrites the older slot.
            _store.Mirror = false;
        }

        /// <summary>Why the last run failed ("" if it passed).</summary>
        public string Reason { get; private set; }

        /// <summary>Runs the check with a salt that differs between runs (boot number, clock). True if storage works.</summary>
        public bool Run(uint salt)
        {
            // An LCG stream seeded by the salt: every byte changes between runs, so stale content cannot pass.
            uint x = salt ^ 0xA5C3E1F7u;
            for (int i = 0; i < PayloadLength; i++)
            {
                x = x * 1664525u + 1013904223u;
                _pattern[i] = (byte)(x >> 24);
            }
            ByteCodec.PutU32(_pattern, 0, salt);
            StoreWriteResult w = _store.Save(1, _pattern, PayloadLength);
            if (w != StoreWriteResult.Ok)
            {
                Reason = "scratch record not written: " + PenStore.WriteResultText(w);
                return false;
            }
            uint written = _store.Sequence;
            RecordStatus s = _store.Load();
            if (s != RecordStatus.Ok || _store.PayloadLength != PayloadLength || _store.Sequence != written)
            {
                Reason = "scratch record did not read back (CRC, header or sequence)";
                return false;
            }
            byte[] back = _store.Payload;
            for (int i = 0; i < PayloadLength; i++)
            {
                if (back[i] != _pattern[i])
                {
                    Reason = "scratch record read back different bytes";
                    return false;
                }
            }
            Reason = "";
            return true;
        }
    }
}
