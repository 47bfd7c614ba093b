namespace MnPen.Protocol
{
    /// <summary>
    /// Service-mode gate: single-use challenge nonces, HMAC-SHA-256 answers with the pen's own key, a session that ends
    /// on command or after inactivity, and rate limiting of failed answers (the first few free, then a lockout that
    /// doubles up to an hour). Allocation-free after construction. Threat model: docs/protocol.md.
    /// </summary>
    public sealed class ServiceLock
    {
        /// <summary>Label mixed into every unlock MAC (binds it to this purpose and protocol version).</summary>
        public const string MacLabel = "MNPEN-UNLOCK-1";

        /// <summary>Failed answers allowed before lockouts begin.</summary>
        public const int FreeAttempts = 3;

        /// <summary>First lockout, milliseconds; doubles with each further failure.</summary>
        public const long FirstLockoutMs = 30000;

        /// <summary>Longest lockout, milliseconds.</summary>
        public const long MaxLockoutMs = 3600000;

        /// <summary>A challenge must be answered within this time, milliseconds.</summary>
        public const long ChallengeLifetimeMs = 60000;

        /// <summary>Service mode ends after this long without a service command, milliseconds.</summary>
        public const long SessionIdleMs = 600000;

        private readonly byte[] _nonce = new byte[ProtocolLimits.NonceLength];
        private readonly byte[] _key = new byte[ProtocolLimits.KeyLength];
        private readonly byte[] _mac = new byte[Sha256.DigestLength];
        private readonly byte[] _seed = new byte[8];
        private readonly HmacSha256 _hmac = new HmacSha256();
        private readonly Sha256 _sha = new Sha256();
        private readonly System.Random _random;
        private uint _counter;
        private bool _nonceValid;
        private long _nonceIssuedMs;
        private bool _unlocked;
        private long _lastServiceMs;
        private int _failures;
        private long _lockoutUntilMs;

        /// <summary>Creates a locked gate; seed mixes into nonces (pass something that differs between boots).</summary>
        public ServiceLock(int seed)
        {
            _random = new System.Random(seed);
        }

        /// <summary>True while service mode is unlocked.</summary>
        public bool Unlocked => _unlocked;

        /// <summary>Consecutive failed unlock answers.</summary>
        public int Failures => _failures;

        /// <summary>Failed answers left before the next lockout.</summary>
        public int AttemptsLeft => _failures >= FreeAttempts ? 0 : FreeAttempts - _failures;

        /// <summary>Remaining lockout at nowMs, milliseconds (0 if none).</summary>
        public long LockoutRemainingMs(long nowMs)
        {
            return _lockoutUntilMs > nowMs ? _lockoutUntilMs - nowMs : 0;
        }

        /// <summary>The current nonce (valid after a successful Challenge).</summary>
        public byte[] Nonce => _nonce;

        /// <summary>Issues a fresh single-use nonce; returns RateLimited while locked out.</summary>
        public int Challenge(long nowMs)
        {
            if (LockoutRemainingMs(nowMs) > 0) return ErrorCode.RateLimited;
            // Nonce = SHA-256(counter | time | PRNG | previous nonce): unique per boot by the counter, unpredictable
            // enough by the PRNG and time; uniqueness is what defeats replay of a recorded answer.
            _counter++;
            _sha.Reset();
            PutU32(_counter);
            PutU32((uint)nowMs);
            PutU32((uint)(nowMs >> 32));
            _random.NextBytes(_seed);
            _sha.Update(_seed, 0, _seed.Length);
            _sha.Update(_nonce, 0, _nonce.Length);
            _sha.Final(_mac, 0);
            System.Array.Copy(_mac, 0, _nonce, 0, _nonce.Length);
            _nonceValid = true;
            _nonceIssuedMs = nowMs;
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Checks an answer mac[offset..+32) against the current nonce. The nonce is consumed whatever the outcome.
        /// Returns Ok, RateLimited, NoChallenge, NotProvisioned or AuthFailed; logs through the handler.
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
            ComputeMac(_key, _nonce, handler.SerialNumber, _hmac, _mac);
            System.Array.Clear(_key, 0, _key.Length);
            if (HmacSha256.FixedTimeEquals(_mac, 0, mac, offset, _mac.Length))
            {
                _failures = 0;
                _unlocked = true;
                _lastServiceMs = nowMs;
                handler.LogLinkEvent(LinkEvent.ServiceUnlocked, 0);
                return ErrorCode.Ok;
            }
            _failures++;
            handler.LogLinkEvent(LinkEvent.ServiceUnlockFailed, _failures);
            if (_failures >= FreeAttempts)
            {
                long lockout = FirstLockoutMs;
                for (int i = FreeAttempts; i < _failures && lockout < MaxLockoutMs; i++) lockout *= 2;
                if (lockout > MaxLockoutMs) lockout = MaxLockoutMs;
                _lockoutUntilMs = nowMs + lockout;
                handler.LogLinkEvent(LinkEvent.ServiceLockout, (int)(lockout / 1000));
            }
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

        private void PutU32(uint v)
        {
            _sha.UpdateByte((byte)v);
            _sha.UpdateByte((byte)(v >> 8));
            _sha.UpdateByte((byte)(v >> 16));
            _sha.UpdateByte((byte)(v >> 24));
        }
    }
}
