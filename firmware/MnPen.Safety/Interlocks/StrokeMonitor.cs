namespace MnPen.Safety
{
    /// <summary>
    /// Measures stroke rate from the raw hall counter and its last-pulse time, independently of the control core's
    /// tachometer, and detects stalls (duty applied, no strokes).
    /// </summary>
    internal sealed class StrokeMonitor
    {
        private bool _initialised;
        private uint _lastCount;
        private ulong _lastStrokeMicros;
        private bool _haveStroke;
        private float _periodMicros;
        private bool _havePeriod;
        private bool _driving;
        private ulong _driveStartMicros;
        private bool _strokeSinceDrive;
        private int _consecutiveFast;

        /// <summary>Stroke rate from the last full period, strokes/s (0 before two strokes or once stopped).</summary>
        public float Rate;

        /// <summary>Consecutive stroke periods faster than the absolute ceiling.</summary>
        public int ConsecutiveFast => _consecutiveFast;

        /// <summary>True while duty at or above the stall threshold is applied.</summary>
        public bool Driving => _driving;

        /// <summary>Feeds one tick; returns true if the motor is stalled (driven, no strokes in time).</summary>
        public bool Update(SafetyInputs i, float appliedDuty, SafetyLimits l)
        {
            ulong now = i.NowMicros;
            if (!_initialised)
            {
                _initialised = true;
                _lastCount = i.StrokeCount;
                _lastStrokeMicros = i.LastStrokeMicros;
                _haveStroke = i.LastStrokeMicros != 0;
            }
            else if (i.StrokeCount != _lastCount)
            {
                uint delta = i.StrokeCount - _lastCount;
                if (_haveStroke && i.LastStrokeMicros > _lastStrokeMicros)
                {
                    _periodMicros = (float)(i.LastStrokeMicros - _lastStrokeMicros) / delta;
                    _havePeriod = true;
                    Rate = 1000000f / _periodMicros;
                    if (Rate > l.OverspeedAbsolute) _consecutiveFast++;
                    else _consecutiveFast = 0;
                }
                _lastCount = i.StrokeCount;
                _lastStrokeMicros = i.LastStrokeMicros;
                _haveStroke = true;
                if (_driving) _strokeSinceDrive = true;
            }

            // Once the gap since the last stroke exceeds the last period, the rate can only be lower than measured.
            if (_haveStroke && _havePeriod && now > _lastStrokeMicros)
            {
                float gap = now - _lastStrokeMicros;
                if (gap > l.MotorStoppedMicros) { Rate = 0f; _havePeriod = false; _consecutiveFast = 0; }
                else if (gap > _periodMicros) Rate = 1000000f / gap;
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

            float timeout = _havePeriod ? _periodMicros * l.JamPeriodMultiple : l.JamTimeoutMaxMicros;
            if (timeout < l.JamTimeoutMinMicros) timeout = l.JamTimeoutMinMicros;
            if (timeout > l.JamTimeoutMaxMicros) timeout = l.JamTimeoutMaxMicros;
            return now > _lastStrokeMicros && (float)(now - _lastStrokeMicros) > timeout;
        }

        /// <summary>True if no stroke came in the last window (or since drive started), microseconds.</summary>
        public bool NoStrokeFor(ulong nowMicros, int windowMicros)
        {
            if (_driving && !_strokeSinceDrive) return nowMicros - _driveStartMicros >= (ulong)windowMicros;
            if (!_haveStroke) return true;
            return nowMicros > _lastStrokeMicros && nowMicros - _lastStrokeMicros >= (ulong)windowMicros;
        }

        /// <summary>True if no stroke has been seen for the stopped time (or ever).</summary>
        public bool Stopped(ulong nowMicros, SafetyLimits l)
        {
            if (!_haveStroke) return true;
            return nowMicros > _lastStrokeMicros && nowMicros - _lastStrokeMicros > (ulong)l.MotorStoppedMicros;
        }
    }
}
