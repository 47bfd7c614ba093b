using MnPen.Hal;
using MnPen.Storage;

namespace MnPen.Protocol
{
    /// <summary>
    /// Service-mode gate: single-use challenge nonces that never repeat (a persisted per-boot epoch, a counter, the hardware
    /// RNG), HMAC-SHA-256 answers with the pen's own key, failures counted on flash before the answer is judged, and a
    /// lockout no reboot or reconnection shortens. Allocation-free after construction. Threat model:
    /// docs/safety/link-threats.md.
    /// </summary>
    public sealed class ServiceLock
    {
        /// <summary>Label mixed into every unlock MAC (binds it to this purpose and protocol version).</summary>
        public const string MacLabel = "MNPEN-UNLOCK-1";

        /// <summary>Wrong answers accepted without a wait; the last of them starts the first lockout.</summary>
        public const int FreeAttempts = 3;

        /// <summary>Lockout started by the FreeAttempts-th consecutive wrong answer, milliseconds; each further one doubles it.</summary>
        public const long FirstLockoutMs = 30000;

        /// <summary>Longest lockout, milliseconds.</summary>
        public const long MaxLockoutMs = 3600000;

        /// <summary>A challenge must be answered within this time, milliseconds.</summary>
        public const long ChallengeLifetimeMs = 60000;

        /// <summary>Service mode ends after this long without a service command, milliseconds.</summary>
        public const long SessionIdleMs = 600000;

        private const string NonceLabel = "MNPEN-NONCE-1";
        private const int RandomBytes = 16;

        private readonly IRandomSource _random;
        private readonly byte[] _nonce = new byte[ProtocolLimits.NonceLength];
        private readonly byte[] _key = new byte[ProtocolLimits.KeyLength];
        private readonly byte[] _mac = new byte[Sha256.DigestLength];
        private readonly byte[] _entropy = new byte[RandomBytes];
        private readonly HmacSha256 _hmac = new HmacSha256();
        private readonly Sha256 _sha = new Sha256();
        private LinkGuardStore _guard;
        private uint _epoch;
        private bool _epochReserved;
        private uint _counter;
        private bool _nonceValid;
        private long _nonceIssuedMs;
        private bool _unlocked;
        private long _lastServiceMs;
        private int _failures;
        private long _lockoutUntilMs;

        /// <summary>Creates a locked gate drawing nonce entropy from random (null: challenges are refused).</summary>
        public ServiceLock(IRandomSource random)
        {
            _random = random;
        }

        /// <summary>
        /// Loads the persisted state (null guard: a pen without storage keeps it in RAM only). A lockout saved before a
        /// reboot is served again in full from nowMs; a damaged record counts as a lockout.
        /// </summary>
        public void Restore(LinkGuardStore guard, long nowMs)
        {
            _guard = guard;
            if (guard == null) return;
            guard.Load(FreeAttempts, (uint)FirstLockoutMs);
            _failures = guard.Failures;
            _lockoutUntilMs = guard.LockoutMs > 0 ? nowMs + guard.LockoutMs : 0;
        }

        /// <summary>True while service mode is unlocked.</summary>
        public bool Unlocked => _unlocked;

        /// <summary>Consecutive failed unlock answers (persisted).</summary>
        public int Failures => _failures;

        /// <summary>Epoch of this boot's challenges (0 until the first challenge reserves one).</summary>
        public uint Epoch => _epoch;

        /// <summary>Failed answers left before the next lockout.</summary>
        public int AttemptsLeft => _failures >= FreeAttempts ? 1 : FreeAttempts - _failures;

        /// <summary>Remaining lockout at nowMs, milliseconds (0 if none).</summary>
        public long LockoutRemainingMs(long nowMs)
        {
            return _lockoutUntilMs > nowMs ? _lockoutUntilMs - nowMs : 0;
        }

        /// <summary>The current nonce (valid after a successful Challenge).</summary>
        public byte[] Nonce => _nonce;

        /// <summary>Lockout started by a wrong answer that brings the consecutive failures to `failures`, milliseconds.</summary>
        public static long LockoutAfter(int failures)
        {
            if (failures < FreeAttempts) return 0;
            long lockout = FirstLockoutMs;
            for (int i = FreeAttempts; i < failures && lockout < MaxLockoutMs; i++) lockout *= 2;
            return lockout > MaxLockoutMs ? MaxLockoutMs : lockout;
        }

        /// <summary>
        /// Issues a fresh single-use nonce; RateLimited while locked out, StorageFailed if this boot's epoch could not be
        /// reserved on flash (no nonce is issued that a reboot could repeat).
        /// </summary>
        public int Challenge(long nowMs)
        {
            if (LockoutRemainingMs(nowMs) > 0) return ErrorCode.RateLimited;
            if (_random == null) return ErrorCode.NotSupported;
            bool save = false;
            if (!_epochReserved)
            {
                _epoch = _guard != null ? _guard.ChallengeEpoch + 1 : 1;
                save = true;
            }
            if (_guard != null && _guard.LockoutMs != 0)
            {
                // The lockout was served: a reboot from now on must not impose it again.
                save = true;
            }
            if (save && _guard != null)
            {
                _guard.ChallengeEpoch = _epoch;
                _guard.LockoutMs = 0;
                if (_guard.Save() != StoreWriteResult.Ok) return ErrorCode.StorageFailed;
            }
            _epochReserved = true;
            // Nonce = SHA-256(label | epoch | counter | time | 16 RNG bytes | previous nonce): the persisted epoch and the
            // counter make it unique across reboots even with a failed RNG; the RNG makes it unpredictable.
            _counter++;
            _random.Fill(_entropy, 0, RandomBytes);
            _sha.Reset();
            for (int i = 0; i < NonceLabel.Length; i++) _sha.UpdateByte((byte)NonceLabel[i]);
            PutU32(_epoch);
            PutU32(_counter);
            PutU32((uint)nowMs);
            _sha.Update(_entropy, 0, RandomBytes);
            _sha.Update(_nonce, 0, _nonce.Length);
            _sha.Final(_mac, 0);
            System.Array.Copy(_mac, 0, _nonce, 0, _nonce.Length);
            System.Array.Clear(_entropy, 0, RandomBytes);
            _nonceValid = true;
            _nonceIssuedMs = nowMs;
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Checks an answer mac[offset..+32) against the current nonce; the nonce is consumed whatever the outcome. The
        /// failure is counted on flash before the answer is judged, so cutting the power after a wrong answer saves
        /// nothing. Returns Ok, RateLimited, NoChallenge, NotProvisioned, StorageFailed or AuthFailed; logs through the handler.
        /// </summary>
        public int Unlock(byte[] mac, int offset, long nowMs, IPenCommandHandler handler)
        {
            if (LockoutRemainingMs(nowMs) > 0) return ErrorCode.RateLimited;
            if (!_nonceValid || nowMs - _nonceIssuedMs > ChallengeLifetimeMs)
            {
                _nonceValid = false;
                return ErrorCode.NoChallenge;
            }
            _nonceValid = false;
            if (!handler.ReadServiceKey(_key, 0)) return ErrorCode.NotProvisioned;
            int failures = _failures + 1;
            long lockout = LockoutAfter(failures);
            if (!Persist(failures, lockout))
            {
                System.Array.Clear(_key, 0, _key.Length);
                return ErrorCode.StorageFailed;
            }
            ComputeMac(_key, _nonce, handler.SerialNumber, _hmac, _mac);
            System.Array.Clear(_key, 0, _key.Length);
            if (HmacSha256.FixedTimeEquals(_mac, 0, mac, offset, _mac.Length))
            {
                _failures = 0;
                Persist(0, 0);
                _unlocked = true;
                _lastServiceMs = nowMs;
                handler.LogLinkEvent(LinkEvent.ServiceUnlocked, 0);
                return ErrorCode.Ok;
            }
            _failures = failures;
            if (lockout > 0) _lockoutUntilMs = nowMs + lockout;
            handler.LogLinkEvent(LinkEvent.ServiceUnlockFailed, (int)(lockout / 1000));
            return ErrorCode.AuthFailed;
        }

        /// <summary>Marks service activity (keeps the session alive).</summary>
        public void Touch(long nowMs)
        {
            _lastServiceMs = nowMs;
        }

        /// <summary>Ends service mode.</summary>
        public void Lock()
        {
            _unlocked = false;
            _nonceValid = false;
        }

        /// <summary>Ends the session if idle too long; returns true if it just ended.</summary>
        public bool CheckTimeout(long nowMs)
        {
            if (_unlocked && nowMs - _lastServiceMs > SessionIdleMs)
            {
                Lock();
                return true;
            }
            return false;
        }

        /// <summary>
        /// The unlock MAC: HMAC-SHA-256(key, MacLabel | nonce | serial ASCII). Shared with tools that hold the key.
        /// </summary>
        public static void ComputeMac(byte[] key32, byte[] nonce16, string serial, HmacSha256 hmac, byte[] output32)
        {
            hmac.Begin(key32, 0, ProtocolLimits.KeyLength);
            for (int i = 0; i < MacLabel.Length; i++) hmac.UpdateByte((byte)MacLabel[i]);
            hmac.Update(nonce16, 0, ProtocolLimits.NonceLength);
            if (serial != null)
                for (int i = 0; i < serial.Length; i++) hmac.UpdateByte((byte)serial[i]);
            hmac.Final(output32, 0);
        }

        private bool Persist(int failures, long lockoutMs)
        {
            if (_guard == null) return true;
            _guard.ChallengeEpoch = _epoch;
            _guard.Failures = failures;
            _guard.LockoutMs = (uint)lockoutMs;
            return _guard.Save() == StoreWriteResult.Ok;
        }

        private void PutU32(uint v)
        {
            _sha.UpdateByte((byte)v);
            _sha.UpdateByte((byte)(v >> 8));
            _sha.UpdateByte((byte)(v >> 16));
            _sha.UpdateByte((byte)(v >> 24));
        }
    }
}
