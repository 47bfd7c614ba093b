using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Stroke rate from the cam's hall sensor: pulses counted over the span between two timestamped pulses, so the
    /// period is measured to the microsecond rather than to the tick. Between pulses the estimate is capped by the
    /// time since the last pulse (a slowing motor shows at once); no pulse for TimeoutMicros reads as 0.
    /// </summary>
    public sealed class Tachometer
    {
        private const int History = 16;

        private readonly IPulseCounter _counter;
        private readonly uint[] _counts = new uint[History];
        private readonly ulong[] _times = new ulong[History];
        private int _head;
        private int _filled;
        private uint _lastCount;
        private int _windowMicros;
        private int _timeoutMicros = 150000;

        /// <summary>Creates the tachometer; pulses before this call are not used for the rate.</summary>
        public Tachometer(IPulseCounter counter)
        {
            _counter = counter;
            _lastCount = counter.Count;
            Remember(_lastCount, counter.LastPulseMicros);
        }

        /// <summary>Shortest span the rate is averaged over, microseconds (0 = the latest pulse pair).</summary>
        public int WindowMicros
        {
            get => _windowMicros;
            set => _windowMicros = value < 0 ? 0 : value;
        }

        /// <summary>No pulse for this long reads as a stopped cam, microseconds (150 ms = below ~7 strokes/s).</summary>
        public int TimeoutMicros
        {
            get => _timeoutMicros;
            set => _timeoutMicros = value < 1000 ? 1000 : value;
        }

        /// <summary>Measured stroke rate, strokes per second (0 when stopped).</summary>
        public float Rate { get; private set; }

        /// <summary>Pulses counted since boot (wraps at 2^32).</summary>
        public uint Count { get; private set; }

        /// <summary>Time of the latest pulse, microseconds (0 before the first).</summary>
        public ulong LastPulseMicros { get; private set; }

        /// <summary>Reads the counter and updates Rate for the tick at nowMicros.</summary>
        public float Update(ulong nowMicros)
        {
            uint count = _counter.Count;
            ulong last = _counter.LastPulseMicros;
            Count = count;
            LastPulseMicros = last;
            if (count != _lastCount)
            {
                _lastCount = count;
                Remember(count, last);
            }

            if (last == 0 || _filled < 2 || nowMicros < last || nowMicros - last > (ulong)_timeoutMicros)
            {
                // Stale history must not feed the first period after a restart.
                if (_filled > 1) ForgetAllButNewest();
                Rate = 0f;
                return 0f;
            }

            int newest = (_head + History - 1) % History;
            ulong tNew = _times[newest];
            uint cNew = _counts[newest];
            int k = 1;
            int idx = (newest + History - 1) % History;
            while (k < _filled - 1 && tNew - _times[idx] < (ulong)_windowMicros)
            {
                k++;
                idx = (idx + History - 1) % History;
            }
            ulong span = tNew - _times[idx];
            uint pulses = cNew - _counts[idx];
            if (span == 0 || pulses == 0)
            {
                Rate = 0f;
                return 0f;
            }
            float rate = pulses * 1000000f / span;
            ulong since = nowMicros - tNew;
            if (since > 0)
            {
                // The next pulse is late: the true period is at least `since`.
                float bound = 1000000f / since;
                if (bound < rate) rate = bound;
            }
            Rate = rate;
            return rate;
        }

        private void Remember(uint count, ulong micros)
        {
            if (micros == 0) return;
            _counts[_head] = count;
            _times[_head] = micros;
            _head = (_head + 1) % History;
            if (_filled < History) _filled++;
        }

        private void ForgetAllButNewest()
        {
            int newest = (_head + History - 1) % History;
            uint c = _counts[newest];
            ulong t = _times[newest];
            _head = 0;
            _filled = 0;
            Remember(c, t);
        }
    }
}
