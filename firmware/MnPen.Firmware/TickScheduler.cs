namespace MnPen.Firmware
{
    /// <summary>
    /// Fixed-rate tick timing and overrun accounting. The device loop asks IsDue/Begin/End around each control tick;
    /// PenFirmware also keeps one to give the safety supervisor the tick interval and duration.
    /// An overrun is a tick that took longer than the period or started more than half a period late.
    /// </summary>
    public sealed class TickScheduler
    {
        private readonly int _periodMicros;
        private ulong _nextDue;
        private ulong _lastStart;
        private bool _started;

        /// <summary>Creates a scheduler for the given period, microseconds.</summary>
        public TickScheduler(int periodMicros)
        {
            _periodMicros = periodMicros > 0 ? periodMicros : 1000;
        }

        /// <summary>Tick period, microseconds.</summary>
        public int PeriodMicros => _periodMicros;

        /// <summary>Ticks begun.</summary>
        public uint TickCount { get; private set; }

        /// <summary>Ticks that overran (too long, or started late).</summary>
        public uint Overruns { get; private set; }

        /// <summary>Whole periods skipped because a tick started more than one period late.</summary>
        public uint MissedPeriods { get; private set; }

        /// <summary>Start-to-start time of the latest tick, microseconds.</summary>
        public int LastIntervalMicros { get; private set; }

        /// <summary>Duration of the latest completed tick, microseconds.</summary>
        public int LastDurationMicros { get; private set; }

        /// <summary>Longest tick duration seen, microseconds.</summary>
        public int MaxDurationMicros { get; private set; }

        /// <summary>Longest start-to-start interval seen, microseconds.</summary>
        public int MaxIntervalMicros { get; private set; }

        /// <summary>When the next tick is due, microseconds.</summary>
        public ulong NextDueMicros => _nextDue;

        /// <summary>True when the next tick should run.</summary>
        public bool IsDue(ulong nowMicros) => !_started || nowMicros >= _nextDue;

        /// <summary>Microseconds until the next tick is due (0 if due now).</summary>
        public int MicrosUntilDue(ulong nowMicros) => !_started || nowMicros >= _nextDue ? 0 : (int)(_nextDue - nowMicros);

        /// <summary>Marks the start of a tick at nowMicros.</summary>
        public void Begin(ulong nowMicros)
        {
            TickCount++;
            if (!_started)
            {
                _started = true;
                _lastStart = nowMicros;
                _nextDue = nowMicros + (ulong)_periodMicros;
                LastIntervalMicros = _periodMicros;
                return;
            }
            ulong interval = nowMicros - _lastStart;
            LastIntervalMicros = interval > int.MaxValue ? int.MaxValue : (int)interval;
            if (LastIntervalMicros > MaxIntervalMicros) MaxIntervalMicros = LastIntervalMicros;
            _lastStart = nowMicros;
            if (nowMicros > _nextDue + (ulong)(_periodMicros / 2))
            {
                Overruns++;
            }
            _nextDue += (ulong)_periodMicros;
            if (nowMicros >= _nextDue)
            {
                // Too late to catch up tick by tick: skip to the next slot rather than burst.
                ulong behind = (nowMicros - _nextDue) / (ulong)_periodMicros + 1;
                MissedPeriods += (uint)behind;
                _nextDue += behind * (ulong)_periodMicros;
            }
        }

        /// <summary>Marks the end of the tick begun last, at nowMicros.</summary>
        public void End(ulong nowMicros)
        {
            ulong d = nowMicros >= _lastStart ? nowMicros - _lastStart : 0;
            LastDurationMicros = d > int.MaxValue ? int.MaxValue : (int)d;
            if (LastDurationMicros > MaxDurationMicros) MaxDurationMicros = LastDurationMicros;
            if (LastDurationMicros > _periodMicros) Overruns++;
        }
    }
}
