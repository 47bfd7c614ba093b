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
        public const float DefaultKi = 0.015f;

        private const float TwoPi = 6.2831853f;

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
        private bool _model;
        private float _ke = ReferenceBackEmf;
        private float _ohms = ReferencePathOhms;
        private float _loadAmps;
        private float _filteredAmps;
        private float _filteredOmega;
        private bool _haveLoad;
        private bool _pushed;
        private bool _speedStale;

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

        /// <summary>Resistance of the reference motor's drive path, ohm: winding 3.0 Ω (SafetyLimits.MotorResistanceOhms) + DRV8876 R_DS(on) high + low side 0.7 Ω.</summary>
        public const float ReferencePathOhms = 3.7f;

        /// <summary>
        /// Scales the loop to this pen's motor (measured back-EMF constant, V·s/rad, and drive-path resistance, ohm,
        /// winding plus bridge; non-positive = the reference motor) and switches the feed-forward to the motor equation
        /// V·d = 2π·kₑ·rate + I·R (docs/control.md "Stroke rate"). The motor's speed gain is supply / (2π·kₑ) strokes/s per
        /// duty, so the gains that give the reference loop's dynamics on another motor are the reference gains times
        /// kₑ / kₑ,ref: Kp, Ki and the load catch-up alike. Call after Configure (which sets the calibrated Kp and Ki).
        /// </summary>
        public void TuneForMotor(float backEmf, float pathOhms)
        {
            bool measured = backEmf > 0f && !float.IsNaN(backEmf);
            float k = measured ? backEmf / ReferenceBackEmf : 1f;
            _ke = measured ? backEmf : ReferenceBackEmf;
            _ohms = pathOhms > 0f && !float.IsNaN(pathOhms) ? pathOhms : ReferencePathOhms;
            _model = true;
            _kp *= k;
            _ki *= k;
            LoadCatchUp = DefaultLoadCatchUp * k;
        }

        /// <summary>Scales the gains to this pen's motor and keeps the reference drive-path resistance.</summary>
        public void TuneForMotor(float backEmf)
        {
            TuneForMotor(backEmf, 0f);
        }

        /// <summary>True when the feed-forward is the motor equation (TuneForMotor called), false for the air table.</summary>
        public bool MotorModel => _model;

        /// <summary>Back-EMF constant the motor model uses, V·s/rad.</summary>
        public float BackEmf => _ke;

        /// <summary>Drive-path resistance the motor model uses, ohm.</summary>
        public float PathOhms => _ohms;

        /// <summary>
        /// Share of the measured load current's I·R drop the feed-forward adds (IR compensation; 1 = all of it). With the
        /// current filtered this is an integral action on the back-EMF speed error whose integrator is the load current itself
        /// (docs/control.md).
        /// </summary>
        public float LoadCurrentShare { get; set; } = 1f;

        /// <summary>
        /// Time constant of the load-current filter, seconds. One read per 10 ms tick of a current that pulses at the
        /// stroke rate: the filter spans the ~10 reads over which the read phase walks once round a stroke at 70-130 /s.
        /// </summary>
        public float LoadFilterSeconds { get; set; } = 0.12f;

        /// <summary>
        /// Reads below this are not load (amps): the IPROPI mirror only sources, so a braking rotor's reverse current reads
        /// 0 (SafetyLimits.CurrentPlausibleMinAmps 0.02 A); the filter holds over them.
        /// </summary>
        public float LoadMinAmps { get; set; } = 0.02f;

        /// <summary>
        /// Inertia on the motor shaft, kg·m²: rotor 1.0 g·cm² + cam, carrier and coupling 0.5 g·cm² (the motor and
        /// mechanism figures of docs/simulator.md). Used for the acceleration feed-forward and the load observer.
        /// </summary>
        public float Inertia { get; set; } = 1.5e-7f;

        /// <summary>Share of the set-point's acceleration torque the feed-forward supplies (1 = the motor equation's).</summary>
        public float InertiaShare { get; set; } = 1f;

        /// <summary>Observer holds while the back-EMF speed is below this share of the set-point (a stalling rotor).</summary>
        public float StallShare { get; set; } = 0.5f;

        /// <summary>Filtered load current, amps.</summary>
        public float LoadAmps => _loadAmps;

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

        /// <summary>Motor-equation duty for a rate at a supply voltage with the filtered load current: (2π·kₑ·rate + share·I·R) / V.</summary>
        public float ModelFeedForward(float rate, float supplyVolts)
        {
            if (!_configured || rate <= 0f || supplyVolts <= 1f) return 0f;
            float volts = TwoPi * _ke * rate;
            if (_haveLoad) volts += LoadCurrentShare * _loadAmps * _ohms;
            return volts / supplyVolts;
        }

        /// <summary>
        /// The supervisor saw the rotor blocked at a low duty: a kick for this tick only (duty, within dutyLimit), the
        /// integrator untouched, so that once the load gives way the loop is where it was (no overshoot). Returns the duty.
        /// </summary>
        public float Push(float duty, float dutyLimit)
        {
            if (duty > dutyLimit) duty = dutyLimit;
            if (duty > _duty)
            {
                _duty = duty;
                _pushed = true;
            }
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
            _loadAmps = 0f;
            _filteredAmps = 0f;
            _filteredOmega = 0f;
            _haveLoad = false;
            _pushed = false;
            _speedStale = false;
        }

        // Load observer: the load current is the current's torque less the rotor's own acceleration, J·ω'/kₜ, both
        // low-passed over LoadFilterSeconds (a first-order filter's derivative is (ω − ω_f)/τ). ω is the back-EMF speed at
        // this read, (d·V − I·R)/kₑ, under the last tick's duty: the one the bridge applied when the current was read.
        private void Observe(float dt, float amps, float volts)
        {
            bool pushed = _pushed;
            _pushed = false;
            if (float.IsNaN(amps) || volts <= 1f) return;
            // A read under the floor is a braking rotor (reverse current, which the mirror shows as 0), and a pushed tick
            // carries the supervisor's kick, not the loop's duty: neither says what the load is. The speed filter restarts
            // at the next good read, so the gap's speed change is not taken for acceleration.
            if (amps < LoadMinAmps || pushed)
            {
                _speedStale = true;
                return;
            }
            float omega = (_duty * volts - amps * _ohms) / _ke;
            if (StallShare > 0f && omega < StallShare * TwoPi * _setpoint)
            {
                _speedStale = true;
                return;
            }
            // Both filters start from the rotor at rest (Reset), where current and speed are 0: the observer is then
            // exact through the soft start, and the start's acceleration current is not taken for load.
            if (_speedStale)
            {
                _speedStale = false;
                _filteredOmega = omega;
            }
            _haveLoad = true;
            float a = LoadFilterSeconds > dt ? dt / LoadFilterSeconds : 1f;
            _filteredAmps += (amps - _filteredAmps) * a;
            _filteredOmega += (omega - _filteredOmega) * a;
            float tau = LoadFilterSeconds > dt ? LoadFilterSeconds : dt;
            _loadAmps = _filteredAmps - Inertia * (omega - _filteredOmega) / (_ke * tau);
        }

        /// <summary>
        /// One control step: returns the motor duty for the level rate `target` given the measured rate, the supply
        /// voltage and the largest duty the supervisor allows. dt in seconds.
        /// </summary>
        public float Update(float dt, float target, float measured, float supplyVolts, float dutyLimit)
        {
            return Update(dt, target, measured, supplyVolts, dutyLimit, float.NaN);
        }

        /// <summary>
        /// One control step with the motor current read this tick (amps; NaN = none): returns the motor duty for the
        /// level rate `target` given the measured rate, the supply voltage and the largest duty the supervisor allows.
        /// </summary>
        public float Update(float dt, float target, float measured, float supplyVolts, float dutyLimit, float motorAmps)
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

            if (_model) Observe(dt, motorAmps, supplyVolts);
            float ff = _model
                ? ModelFeedForward(0.5f * (before + _setpoint), supplyVolts) + (supplyVolts > 1f ? InertiaShare * _ohms * Inertia * TwoPi * acceleration / (_ke * supplyVolts) : 0f)
                : FeedForward(_setpoint, supplyVolts) + AccelerationFeedForward * acceleration;
            float error = reference - measured;
            // With the motor model the fit only trims the model's small errors through the integrator: a proportional
            // term would feed the fit's quantisation and lag straight into the duty (Kp 0.0005 → 0.000005 measured no
            // worse on the rate suite, so none).
            float p = _model ? 0f : _kp * error;
            float unclamped = ff + p + _integral;
            // Anti-windup by conditional integration: hold the integrator while the output is pinned in the
            // direction the error pushes, and keep it inside its own clamp.
            bool pinnedHigh = unclamped >= dutyLimit && error > 0f;
            bool pinnedLow = unclamped <= 0f && error < 0f;
            // Hold for the tachometer's whole window (twice its lag), at least IntegralHoldSeconds.
            float hold = 2f * MeasurementLagSeconds;
            if (hold < IntegralHoldSeconds) hold = IntegralHoldSeconds;
            if (!_model && _catchUps < LoadCatchUps && !_softStarting && _sinceSetpointMoved >= hold && measured > 0f)
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
