namespace MnPen.Safety
{
    /// <summary>
    /// Checks the hall counter against the motor: the strokes the motor's back-EMF says it turned, (duty × supply − I·R)
    /// / (2π·kₑ) integrated over the counter's own read times, against the pulses counted over the same span. A switch that
    /// misses pulses makes the rate loop drive the needle faster than it reads; one that adds pulses, slower. The pen's
    /// own ratio (motor constant within its tolerance, sense and divider errors) is learned over its first strokes after
    /// power-up, must lie within SafetyLimits.StrokeRatioMin..Max, and then follows slow drift (the winding warming);
    /// a mismatch beyond quantisation plus model error over the window trips. Allocation-free.
    /// </summary>
    internal sealed class StrokePlausibility
    {
        private const int History = 32;
        private const int BucketTicks = 10;
        private const float TwoPi = 6.2831853f;

        private readonly float[] _expected = new float[History];
        private readonly int[] _counted = new int[History];
        private int _head;
        private int _filled;
        private bool _haveSample;
        private uint _lastCount;
        private ulong _lastSample;
        private float _learnExpected;
        private int _learnCounted;
        private bool _learned;
        private float _ratio = 1f;
        private int _overChecks;
        private float _bucketExpected;
        private int _bucketCounted;
        private int _bucketTicks;

        /// <summary>Counted pulses per back-EMF stroke learned for this pen (1 until learned).</summary>
        public float Ratio => _ratio;

        /// <summary>True once the ratio has been learned.</summary>
        public bool Learned => _learned;

        /// <summary>Latest mismatch over the window, strokes (counted − ratio × expected).</summary>
        public float Mismatch;

        /// <summary>Latest allowed mismatch over the window, strokes.</summary>
        public float Allowed;

        /// <summary>Back-EMF stroke rate of the latest interval, strokes/s (0 when not judged).</summary>
        public float EmfRate;

        /// <summary>Feeds one tick; returns true when the counter and the motor disagree beyond the allowance.</summary>
        public bool Update(SafetyInputs i, float appliedDuty, bool enabled, SafetyLimits l)
        {
            ulong t = i.StrokeSampleMicros != 0 ? i.StrokeSampleMicros : i.NowMicros;
            uint count = i.StrokeCount;
            if (!_haveSample || t <= _lastSample)
            {
                _haveSample = true;
                _lastSample = t;
                _lastCount = count;
                return false;
            }
            float dt = (t - _lastSample) * 1e-6f;
            int counted = (int)(count - _lastCount);
            _lastSample = t;
            _lastCount = count;
            EmfRate = 0f;

            // Judged only while driven steadily enough for the model to hold: below the stall duty the rotor may be
            // coasting or stopped (nothing to compare, and the window restarts); a reading under the plausible-current
            // floor is a rotor braking against the bridge (reverse current, which the sense cannot see) and one near the
            // driver's regulation limit has an effective duty below the commanded one: those ticks are left out.
            if (!enabled || appliedDuty < l.StallMinDuty || l.MotorBackEmfVoltSecondsPerRad <= 0f || dt > 0.1f)
            {
                _filled = 0;
                _overChecks = 0;
                _bucketExpected = 0f;
                _bucketCounted = 0;
                _bucketTicks = 0;
                return false;
            }
            float amps = i.MotorCurrentAmps;
            if (amps < l.CurrentPlausibleMinAmps || amps > l.StrokeModelMaxCurrentFraction * l.DriverCurrentLimitAmps) return false;

            float emf = appliedDuty * i.BatteryVolts - amps * l.MotorPathOhmsAt(i.HandpieceCelsius);
            float rate = emf > 0f ? emf / (TwoPi * l.MotorBackEmfVoltSecondsPerRad) : 0f;
            EmfRate = rate;
            float expected = rate * dt;

            if (!_learned)
            {
                _learnExpected += expected;
                _learnCounted += counted;
                if (_learnCounted < l.StrokeRatioLearnStrokes) return false;
                _ratio = _learnExpected > 0f ? _learnCounted / _learnExpected : 0f;
                _learned = true;
                // A ratio outside the motor's tolerance is a sensor that was wrong from the first stroke.
                if (!(_ratio >= l.StrokeRatioMin && _ratio <= l.StrokeRatioMax)) return true;
            }

            // Ticks are summed into buckets of 100 ms and the window is judged once per bucket: a walk over at most 32
            // buckets every tenth tick, not over every tick's history every tick (the interpreter's cost, docs/control.md).
            _bucketExpected += expected;
            _bucketCounted += counted;
            if (++_bucketTicks < BucketTicks) return false;
            _expected[_head] = _bucketExpected;
            _counted[_head] = _bucketCounted;
            _bucketExpected = 0f;
            _bucketCounted = 0;
            _bucketTicks = 0;
            _head = (_head + 1) % History;
            if (_filled < History) _filled++;

            // The window: the newest buckets holding StrokeWindowStrokes expected strokes (all of the history at low rates).
            float e = 0f;
            int c = 0;
            int idx = (_head + History - 1) % History;
            for (int k = 0; k < _filled; k++)
            {
                e += _expected[idx];
                c += _counted[idx];
                if (e >= l.StrokeWindowStrokes) break;
                idx = (idx + History - 1) % History;
            }
            float predicted = _ratio * e;
            Mismatch = c - predicted;
            Allowed = l.StrokeMismatchStrokes + l.StrokeMismatchFraction * predicted;
            float abs = Mismatch < 0f ? -Mismatch : Mismatch;
            if (abs > Allowed)
            {
                _overChecks++;
                return _overChecks >= l.StrokeMismatchChecks;
            }
            _overChecks = 0;
            // Slow drift (a warming winding raises R) is followed while the two agree well within the allowance, over a
            // full window only: a fault's step is caught within a window, long before this follows a fraction of it.
            if (e >= l.StrokeWindowStrokes && abs < 0.25f * Allowed && e > 0f)
            {
                float k = BucketTicks * dt / l.StrokeRatioFollowSeconds;
                _ratio += (c / e - _ratio) * k;
            }
            return false;
        }
    }
}
