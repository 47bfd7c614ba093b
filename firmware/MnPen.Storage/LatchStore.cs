using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// The latched faults that must outlive a restart (those whose clear policy is a power cycle or a service clear), so
    /// neither a reboot nor a power cut can clear them. One two-slot record (RecordStore): a cut during a save leaves the
    /// previous set readable. Codes are kept as a mask (bit n = fault code 100 + n) plus the first cause.
    /// </summary>
    public sealed class LatchStore
    {
        /// <summary>File name prefix of the record.</summary>
        public const string Name = "latches";

        /// <summary>Record type byte ('F').</summary>
        public const byte RecordType = 0x46;

        /// <summary>Schema version written.</summary>
        public const int CurrentVersion = 1;

        /// <summary>Fault code of mask bit 0.</summary>
        public const int FirstCode = 100;

        private const int PayloadLength = 12;

        private readonly RecordStore _store;
        private readonly byte[] _payload = new byte[PayloadLength];

        /// <summary>Creates the accessor over the pen's storage and write guard.</summary>
        public LatchStore(INonVolatileStorage storage, WriteGuard guard)
        {
            _store = new RecordStore(storage, Name, RecordType, PayloadLength, guard);
            // Alternating slots keep the previous set readable whatever a cut destroys; a mirror would double the writes.
            _store.Mirror = false;
        }

        /// <summary>Latched causes, bit n = fault code 100 + n (0 = none).</summary>
        public ulong Mask;

        /// <summary>The first cause (the one the pen shows), or 0.</summary>
        public int FirstCause;

        /// <summary>How the record was found by the last <see cref="Load"/>.</summary>
        public RecordStatus Status { get; private set; }

        /// <summary>Loads the set. Missing: nothing latched. Corrupt: Mask is 0 and the caller must assume the worst.</summary>
        public RecordStatus Load()
        {
            RecordStatus s = _store.Load();
            Mask = 0;
            FirstCause = 0;
            if (s == RecordStatus.Ok && _store.PayloadLength < PayloadLength) s = RecordStatus.Corrupt;
            Status = s;
            if (s != RecordStatus.Ok) return s;
            Mask = ByteCodec.GetU32(_store.Payload, 0) | ((ulong)ByteCodec.GetU32(_store.Payload, 4) << 32);
            FirstCause = ByteCodec.GetU16(_store.Payload, 8);
            return s;
        }

        /// <summary>True if the code's bit is set in the mask.</summary>
        public static bool Contains(ulong mask, int code)
        {
            int bit = code - FirstCode;
            return bit >= 0 && bit < 64 && (mask & (1UL << bit)) != 0;
        }

        /// <summary>Writes Mask and FirstCause now (refused while the motor runs, like every flash write).</summary>
        public StoreWriteResult Save()
        {
            ByteCodec.PutU32(_payload, 0, (uint)(Mask & 0xFFFFFFFFUL));
            ByteCodec.PutU32(_payload, 4, (uint)(Mask >> 32));
            ByteCodec.PutU16(_payload, 8, FirstCause & 0xFFFF);
            ByteCodec.PutU16(_payload, 10, 0);
            StoreWriteResult r = _store.Save(CurrentVersion, _payload, PayloadLength);
            if (r == StoreWriteResult.Ok) Status = RecordStatus.Ok;
            return r;
        }
    }
}
