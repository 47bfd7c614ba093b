using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// The service lock's state that no reboot, power cut or reconnection may reset: the challenge epoch (counted up once
    /// per boot that issues a challenge, so nonces never repeat across reboots), consecutive failed unlocks and the lockout
    /// still to serve. One two-slot record (RecordStore), written before the reply that depends on it.
    /// </summary>
    public sealed class LinkGuardStore
    {
        /// <summary>File name prefix of the record.</summary>
        public const string Name = "linkguard";

        /// <summary>Record type byte ('L').</summary>
        public const byte RecordType = 0x4C;

        /// <summary>Schema version written.</summary>
        public const int CurrentVersion = 1;

        private const int PayloadLength = 12;

        private readonly RecordStore _store;
        private readonly byte[] _payload = new byte[PayloadLength];

        /// <summary>Creates the accessor over the pen's storage and write guard.</summary>
        public LinkGuardStore(INonVolatileStorage storage, WriteGuard guard)
        {
            _store = new RecordStore(storage, Name, RecordType, PayloadLength, guard);
            // Slots alternate, so the previous state stays readable whatever a cut destroys; mirroring would double the writes.
            _store.Mirror = false;
        }

        /// <summary>Challenge epoch last reserved (0 = never).</summary>
        public uint ChallengeEpoch;

        /// <summary>Consecutive failed unlock answers (a success resets it).</summary>
        public int Failures;

        /// <summary>Lockout to serve, milliseconds, counted from the save (a reboot restarts it in full: the pen cannot tell how long it was off).</summary>
        public uint LockoutMs;

        /// <summary>How the record was found by the last <see cref="Load"/>.</summary>
        public RecordStatus Status { get; private set; }

        /// <summary>
        /// Loads the state. Missing: a new pen (all zero). Corrupt: nothing can be trusted, so the pen assumes the worst —
        /// failures at the lockout threshold (the caller applies its lockout) and an epoch the caller must randomise.
        /// </summary>
        public RecordStatus Load(int failuresIfCorrupt, uint lockoutMsIfCorrupt)
        {
            RecordStatus s = _store.Load();
            Status = s;
            ChallengeEpoch = 0;
            Failures = 0;
            LockoutMs = 0;
            if (s == RecordStatus.Corrupt || (s == RecordStatus.Ok && _store.PayloadLength < PayloadLength))
            {
                Status = RecordStatus.Corrupt;
                Failures = failuresIfCorrupt;
                LockoutMs = lockoutMsIfCorrupt;
                return Status;
            }
            if (s == RecordStatus.Ok)
            {
                ChallengeEpoch = ByteCodec.GetU32(_store.Payload, 0);
                Failures = (int)ByteCodec.GetU32(_store.Payload, 4);
                LockoutMs = ByteCodec.GetU32(_store.Payload, 8);
            }
            return s;
        }

        /// <summary>Writes the state now (refused while the motor runs, like every flash write).</summary>
        public StoreWriteResult Save()
        {
            ByteCodec.PutU32(_payload, 0, ChallengeEpoch);
            ByteCodec.PutU32(_payload, 4, (uint)Failures);
            ByteCodec.PutU32(_payload, 8, LockoutMs);
            return _store.Save(CurrentVersion, _payload, PayloadLength);
        }
    }
}
