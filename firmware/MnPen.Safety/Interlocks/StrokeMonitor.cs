namespace MnPen.Safety
{
    /// <summary>
    /// Measures stroke rate from the raw hall counter reads (count with its hardware read time), independently of the
    /// control core's tachometer, and detects stalls (duty applied, no strokes). A count change is seen at the read that
    /// follows the pulse, up to one tick later, so the rate is taken over at least OverspeedSpanMicros (a tick's error on
    /// a 200 ms span is 5 %) and stall timeouts carry one tick of allowance (SafetyLimits.JamSampleAllowanceMicros).
    /// </summary>
    internal sealed class StrokeMonitor
    {
        private const int History = 32;

        private readonly uint[] _counts = new uint[History];
        private readonly ulong[] _times = new ulong[History];
        private int _head;
        private int _filled;
        private bool _initialised;
        private uint _lastCount;
        private ulong _lastChangeMicros;
        private bool _haveStroke;
        private float _periodMicros;
        private bool _havePeriod;
        private bool _driving;
        private ulong _driveStartMicros;
        private bool _strokeSinceDrive;
        private int _consecutiveFast;

        /// <summary>Stroke rate over the latest span of at least OverspeedSpanMicros, strokes/s (0 before one or once stopped).</summary>
        public float Rate;

        /// <summary>Consecutive rate evaluations above the absolute ceiling.</summary>
        public int ConsecutiveFast => _consecutiveFast;

        /// <summary>True while duty at or above the stall threshold is applied.</summary>
        public bool Driving => _driving;

        /// <summary>True once two strokes have given a period (false again after the motor stopped).</summary>
        public bool Turning => _havePeriod;

        /// <summary>Feeds one tick; returns true if the motor is stalled (driven, no strokes in time).</summary>
        public bool Update(SafetyInputs i, float appliedDuty, SafetyLimits l)
        {
            ulong now = i.NowMicros;
            ulong seen = i.StrokeSampleMicros != 0 ? i.StrokeSampleMicros : now;
            if (!_initialised)
            {
                _initialised = true;
                _lastCount = i.StrokeCount;
            }
            else if (i.StrokeCount != _lastCount)
            {
                _lastCount = i.StrokeCount;
                if (_haveStroke && seen - _lastChangeMicros > (ulong)l.MotorStoppedMicros) _filled = 0;
                Remember(i.StrokeCount, seen);
                _lastChangeMicros = seen;
                _haveStroke = true;
                Evaluate(l);
                if (_driving) _strokeSinceDrive = true;
            }

            // Once the gap since the last stroke exceeds the last period, the rate can only be lower than measured.
            if (_haveStroke && now > _lastChangeMicros)
            {
                float gap = now - _lastChangeMicros;
                if (gap > l.MotorStoppedMicros) { Rate = 0f; _havePeriod = false; _consecutiveFast = 0; }
                else if (_havePeriod && gap > _periodMicros && Rate > 1000000f / gap) Rate = 1000000f / gap;
            }

            bool driving = appliedDuty >= l.StallMinDuty;
            if (driving && !_driving)
            {
                _driveStartMicros = now;
                _strokeSinceDrive = false;
            }
            _driving = driving;
            if (!driving) return false;

            if (!_strokeSinceDrive)
                return now - _driveStartMicros > (ulong)l.StartupStrokeTimeoutMicros;

            float timeout = _havePeriod ? _periodMicros * l.JamPeriodMultiple + l.JamSampleAllowanceMicros : l.JamTimeoutMaxMicros;
            if (timeout < l.JamTimeoutMinMicros) timeout = l.JamTimeoutMinMicros;
            if (timeout > l.JamTimeoutMaxMicros) timeout = l.JamTimeoutMaxMicros;
            return now > _lastChangeMicros && (float)(now - _lastChangeMicros) > timeout;
        }

        /// <summary>True if no stroke came in the last window (or since drive started), microseconds.</summary>
        public bool NoStrokeFor(ulong nowMicros, int windowMicros)
        {
            if (_driving && !_strokeSinceDrive) return nowMicros - _driveStartMicros >= (ulong)windowMicros;
            if (!_haveStroke) return true;
            return nowMicros > _lastChangeMicros && nowMicros - _lastChangeMicros >= (ulong)windowMicros;
        }

        /// <summary>True if no stroke has been seen for the stopped time (or ever).</summary>
        public bool Stopped(ulong nowMicros, SafetyLimits l)
        {
            if (!_haveStroke) return true;
            return nowMicros > _lastChangeMicros && nowMicros - _lastChangeMicros > (ulong)l.MotorStoppedMicros;
        }

        private void Evaluate(SafetyLimits l)
        {
            int newest = (_head + History - 1) % History;
            if (_filled < 2) return;
            // Period for the stall timeout: over everything remembered (at least one change interval).
            int oldest = (_head + History - _filled) % History;
            ulong span = _times[newest] - _times[oldest];
            uint pulses = _counts[newest] - _counts[oldest];
            if (span > 0 && pulses > 0)
            {
                _periodMicros = (float)span / pulses;
                _havePeriod = true;
            }
            // Rate for the overspeed checks: over the shortest remembered span of at least OverspeedSpanMicros.
            int idx = (newest + History - 1) % History;
            for (int k = 1; k < _filled; k++)
            {
                ulong s = _times[newest] - _times[idx];
                if (s >= (ulong)l.OverspeedSpanMicros)
                {
                    Rate = (_counts[newest] - _counts[idx]) * 1000000f / s;
                    if (Rate > l.OverspeedAbsolute) _consecutiveFast++;
                    else _consecutiveFast = 0;
                    return;
                }
                idx = (idx + History - 1) % History;
            }
            // Reads finer than the pen's (a count change every few ms) can fill the history before 200 ms: then the
            // whole history, if it spans half that, is the span.
            if (_filled == History && span * 2 >= (ulong)l.OverspeedSpanMicros)
            {
                Rate = pulses * 1000000f / span;
                if (Rate > l.OverspeedAbsolute) _consecutiveFast++;
                else _consecutiveFast = 0;
                return;
            }
            // Not yet a long enough span: no overspeed verdict, a rate only for display and relative checks.
            if (span > 0) Rate = pulses * 1000000f / span;
        }

        private void Remember(uint count, ulong micros)
        {
            _counts[_head] = count;
            _times[_head] = micros;
            _head = (_head + 1) % History;
            if (_filled < History) _filled++;
        }
    }
}
