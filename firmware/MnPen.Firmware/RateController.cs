using MnPen.Drivers;

namespace MnPen.Firmware
{
    /// <summary>
    /// Closed-loop stroke-rate control: feed-forward duty from the calibration table (scaled by supply voltage) plus a
    /// PI correction on the hall-measured rate, with anti-windup, a soft-start ramp and a slew limit on the set-point.
    /// Open-loop mode applies the fixed feed-forward duty of the level at the calibration supply, as simple pens do.
    /// </summary>
    public sealed class RateController
    {
        /// <summary>Default proportional gain, duty per stroke/s (used by factory calibration on the reference pen).</summary>
        public const float DefaultKp = 0.0005f;
        /// <summary>Default integral gain, duty per stroke/s per second.</summary>
        public const float DefaultKi = 0.025f;

        private float[] _ffRates;
        private float[] _ffDuties;
        private float _ffRate = float.NaN;
        private float _ffDuty;
        private float _ffSupplyVolts;
        private float _kp = DefaultKp;
        private float _ki = DefaultKi;
        private bool _configured;
        private float _setpoint;
        private float _lagged;
        private float _integral;
        private bool _softStarting = true;
        private float _sinceSetpointMoved;
        private int _catchUps;
        private float _duty;

        /// <summary>Soft-start set-point slew from rest to the level, strokes/s per second.</summary>
        public float SoftStartSlew { get; set; } = 600f;

        /// <summary>Set-point slew on a level change while running, strokes/s per second.</summary>
        public float LevelSlew { get; set; } = 800f;

        /// <summary>Set-point slew on a level change downwards, strokes/s per second.</summary>
        public float LevelSlewDown { get; set; } = 800f;

        /// <summary>Acceleration feed-forward: extra duty per stroke/s² of set-point slew (rotor and cam inertia).</summary>
        public float AccelerationFeedForward { get; set; } = 2e-5f;

        /// <summary>Largest duty the integrator may contribute in either direction (anti-windup clamp).</summary>
        public float IntegralLimit { get; set; } = 0.35f;

        /// <summary>
        /// Largest rate error the integrator takes in, strokes/s. The fit's own quantisation stays inside ±3.5 strokes/s
        /// (±7 % at 50 /s over its 160 ms window; docs/control.md), so steady errors pass whole; one missed or extra hall pulse
        /// moves the fit by a stroke per window (6-8 strokes/s for one window) and without the clamp its integral alone
        /// carried the cam 7 % past the set rate at 90 /s (StrokeSensorFaultTests).
        /// </summary>
        public float IntegralErrorLimit { get; set; } = 3.5f;

        /// <summary>Apply only the level's fixed feed-forward duty (no feedback, no supply compensation).</summary>
        public bool OpenLoop { get; set; }

        /// <summary>Ramped set-point now, strokes/s.</summary>
        public float Setpoint => _setpoint;

        /// <summary>Integrator state, duty.</summary>
        public float Integral => _integral;

        /// <summary>Duty of the latest update, 0..1.</summary>
        public float Duty => _duty;

        /// <summary>True once a usable feed-forward table is loaded.</summary>
        public bool Configured => _configured;

        /// <summary>
        /// Loads the feed-forward table and gains; returns false (and refuses to drive) if the table is unusable.
        /// Non-positive gains fall back to the defaults.
        /// </summary>
        public bool Configure(float[] ffRates, float[] ffDuties, float ffSupplyVolts, float kp, float ki)
        {
            _configured = false;
            if (!TableMath.IsStrictlyAscending(ffRates) || ffDuties == null || ffDuties.Length != ffRates.Length) return false;
            for (int i = 0; i < ffDuties.Length; i++)
            {
                if (float.IsNaN(ffDuties[i]) || ffDuties[i] < 0f || ffDuties[i] > 1f) return false;
            }
            if (float.IsNaN(ffSupplyVolts) || ffSupplyVolts < 5f || ffSupplyVolts > 10f) return false;
            _ffRates = ffRates;
            _ffDuties = ffDuties;
            _ffRate = float.NaN;
            _ffSupplyVolts = ffSupplyVolts;
            _kp = kp > 0f && !float.IsNaN(kp) ? kp : DefaultKp;
            _ki = ki > 0f && !float.IsNaN(ki) ? ki : DefaultKi;
            _configured = true;
            return true;
        }

        /// <summary>Overrides the gains (bench tuning and service tools); non-positive values are ignored.</summary>
        public void SetGains(float kp, float ki)
        {
            if (kp > 0f && !float.IsNaN(kp)) _kp = kp;
            if (ki > 0f && !float.IsNaN(ki)) _ki = ki;
        }

        /// <summary>Compare the measurement with the set-point as the tachometer would see it (MeasurementLagSeconds late).</summary>
        public bool LagCompensation { get; set; } = true;

        /// <summary>
        /// How late the tachometer's rate is, seconds: a least-squares fit over its window lags a ramp by half the window
        /// (Tachometer.WindowMicros 120 ms → 60 ms).
        /// </summary>
        public float MeasurementLagSeconds { get; set; } = 0.06f;

        /// <summary>
        /// The integrator holds while the set-point moves and for this long after, seconds: the tachometer's fit needs
        /// its window to see a new rate, and integrating its lag during a level change winds the integrator up (the
        /// overshoot it then causes outlasts the change). Level changes are carried by the feed-forward; the integrator
        /// keeps the load offset, which a level change hardly moves.
        /// </summary>
        public float IntegralHoldSeconds { get; set; } = 0.12f;

        /// <summary>
        /// Duty per stroke/s by which the integrator jumps once, when the soft start's hold ends, to take up the load the
        /// air-calibrated feed-forward does not know (skin, needles): the inverse of the motor's speed gain,
        /// 2π·kₑ / supply ≈ 0.004 at 8 V (docs/control.md). Scaled by table volts / supply like the feed-forward.
        /// </summary>
        public float LoadCatchUp { get; set; } = DefaultLoadCatchUp;

        /// <summary>LoadCatchUp of the reference motor (kₑ 0.0052 V·s/rad), duty per stroke/s.</summary>
        public const float DefaultLoadCatchUp = 0.005f;

        /// <summary>The reference motor's back-EMF constant the default gains were tuned for, V·s/rad.</summary>
        public const float ReferenceBackEmf = 0.0052f;

        /// <summary>
        /// Scales the loop to this pen's motor (measured back-EMF constant, V·s/rad; non-positive = the reference motor).
        /// The motor's speed gain is supply / (2π·kₑ) strokes/s per duty, so the gains that give the reference loop's
        /// dynamics on another motor are the reference gains times kₑ / kₑ,ref: Kp, Ki and the load catch-up alike.
        /// Call after Configure (which sets the calibrated Kp and Ki for the reference motor).
        /// </summary>
        public void TuneForMotor(float backEmf)
        {
            float k = backEmf > 0f && !float.IsNaN(backEmf) ? backEmf / ReferenceBackEmf : 1f;
            _kp *= k;
            _ki *= k;
            LoadCatchUp = DefaultLoadCatchUp * k;
        }

        /// <summary>
        /// Below this set-point the integral gain falls in proportion (strokes/s; 0 = never): the count is one stroke
        /// coarse whatever the rate, so at low rates a fixed gain turns the same stroke of quantisation into a larger
        /// share of the rate.
        /// </summary>
        public float IntegralFullRate { get; set; } = 100f;

        /// <summary>Catch-up steps after a soft start, each a window apart, each at half the gain of the one before.</summary>
        public int LoadCatchUps { get; set; } = 1;

        /// <summary>Set-point delayed like the measurement, strokes/s.</summary>
        public float LaggedSetpoint => _lagged;

        /// <summary>Proportional gain in use.</summary>
        public float Kp => _kp;

        /// <summary>Integral gain in use.</summary>
        public float Ki => _ki;

        /// <summary>Feed-forward duty for a rate at a supply voltage (table duty × table supply / supply).</summary>
        public float FeedForward(float rate, float supplyVolts)
        {
            if (!_configured || rate <= 0f) return 0f;
            // Steady running asks for the same rate every tick; the answer is remembered, not looked up again.
            if (rate != _ffRate)
            {
                _ffRate = rate;
                _ffDuty = TableMath.Interpolate(_ffRates, _ffDuties, rate);
            }
            float d = _ffDuty;
            if (supplyVolts > 1f) d *= _ffSupplyVolts / supplyVolts;
            return d;
        }

        /// <summary>
        /// The supervisor saw the rotor blocked at a low duty: a kick for this tick only (duty, within dutyLimit), the
        /// integrator untouched, so that once the load gives way the loop is where it was (no overshoot). Returns the duty.
        /// </summary>
        public float Push(float duty, float dutyLimit)
        {
            if (duty > dutyLimit) duty = dutyLimit;
            if (duty > _duty) _duty = duty;
            return _duty;
        }

        /// <summary>Forgets the set-point and integrator: the next run starts with a soft start from rest.</summary>
        public void Reset()
        {
            _setpoint = 0f;
            _lagged = 0f;
            _integral = 0f;
            _softStarting = true;
            _duty = 0f;
            _sinceSetpointMoved = 0f;
            _catchUps = 0;
        }

        /// <summary>
        /// One control step: returns the motor duty for the level rate `target` given the measured rate, the supply
        /// voltage and the largest duty the supervisor allows. dt in seconds.
        /// </summary>
        public float Update(float dt, float target, float measured, float supplyVolts, float dutyLimit)
        {
            if (!_configured || target <= 0f || dt <= 0f)
            {
                Reset();
                return 0f;
            }
            if (dutyLimit > 1f) dutyLimit = 1f;
            if (dutyLimit < 0f) dutyLimit = 0f;

            if (OpenLoop)
            {
                _setpoint = target;
                _duty = TableMath.Clamp(TableMath.Interpolate(_ffRates, _ffDuties, target), 0f, dutyLimit);
                return _duty;
            }

            float before = _setpoint;
            if (_setpoint < target)
            {
                _setpoint += (_softStarting ? SoftStartSlew : LevelSlew) * dt;
                if (_setpoint >= target)
                {
                    _setpoint = target;
                    _softStarting = false;
                }
            }
            else if (_setpoint > target)
            {
                _setpoint -= LevelSlewDown * dt;
                if (_setpoint < target) _setpoint = target;
                _softStarting = false;
            }
            float acceleration = (_setpoint - before) / dt;
            if (_setpoint != before) _sinceSetpointMoved = 0f;
            else if (_sinceSetpointMoved < 1000f) _sinceSetpointMoved += dt;

            // The tachometer's fit over its window reports the rate about half a window late. Comparing it with a
            // set-point delayed the same way keeps the loop from fighting its own measurement lag during ramps.
            float lag = MeasurementLagSeconds > dt ? MeasurementLagSeconds : dt;
            float k = dt / lag;
            if (k > 1f) k = 1f;
            _lagged += (_setpoint - _lagged) * k;
            float reference = LagCompensation ? _lagged : _setpoint;

            float ff = FeedForward(_setpoint, supplyVolts) + AccelerationFeedForward * acceleration;
            float error = reference - measured;
            float p = _kp * error;
            float unclamped = ff + p + _integral;
            // Anti-windup by conditional integration: hold the integrator while the output is pinned in the
            // direction the error pushes, and keep it inside its own clamp.
            bool pinnedHigh = unclamped >= dutyLimit && error > 0f;
            bool pinnedLow = unclamped <= 0f && error < 0f;
            // Hold for the tachometer's whole window (twice its lag), at least IntegralHoldSeconds.
            float hold = 2f * MeasurementLagSeconds;
            if (hold < IntegralHoldSeconds) hold = IntegralHoldSeconds;
            if (_catchUps < LoadCatchUps && !_softStarting && _sinceSetpointMoved >= hold && measured > 0f)
            {
                // The first settled measurement after the soft start shows the load the air-calibrated feed-forward
                // does not know: take it up at once (error / the motor's speed gain), then let the measurement's window
                // see the result before integrating again.
                float scale = supplyVolts > 1f ? _ffSupplyVolts / supplyVolts : 1f;
                float gain = _catchUps == 0 ? LoadCatchUp : LoadCatchUp * 0.5f;
                _catchUps++;
                _integral = TableMath.Clamp(_integral + gain * scale * error, -IntegralLimit, IntegralLimit);
                _sinceSetpointMoved = 0f;
            }
            else if (!pinnedHigh && !pinnedLow && _sinceSetpointMoved >= hold)
            {
                float ki = IntegralFullRate > 0f && _setpoint < IntegralFullRate ? _ki * _setpoint / IntegralFullRate : _ki;
                float taken = TableMath.Clamp(error, -IntegralErrorLimit, IntegralErrorLimit);
                _integral = TableMath.Clamp(_integral + ki * taken * dt, -IntegralLimit, IntegralLimit);
            }
            _duty = TableMath.Clamp(ff + p + _integral, 0f, dutyLimit);
            return _duty;
        }
    }
}
