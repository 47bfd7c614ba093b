using MnPen.Drivers;

namespace MnPen.Firmware
{
    /// <summary>
    /// Closed-loop stroke-rate control. With the pen's motor known (TuneForMotor, as the firmware always calls it) the duty
    /// is the motor equation V·d = 2π·kₑ·rate + I_load·R + R·J·ω'/kₜ, with the load current from the LoadObserver on the
    /// measured current, plus a slow integral trim on the hall counter's fitted rate; without it, the calibration table's
    /// air duty (scaled by supply voltage) plus a PI on the fitted rate. Anti-windup, a soft-start ramp and a slew limit
    /// on the set-point either way. Open-loop mode applies the fixed table duty of the level at the calibration supply, as
    /// simple pens do. docs/control.md "Stroke rate".
    /// </summary>
    public sealed class RateController
    {
        /// <summary>Default proportional gain, duty per stroke/s (used by factory calibration on the reference pen).</summary>
        public const float DefaultKp = 0.0005f;
        /// <summary>
        /// Default integral gain, duty per stroke/s per second. With the motor model the integrator only trims the model's
        /// small errors (calibration, the current reads' phase at 50 and 150 /s): 0.015 measured best of 0.0075-0.05 on the
        /// rate suite (0.025 was the table loop's, which had the whole skin load to take up). Once the integrator waited
        /// for its reference to settle (ReferenceSettledShare), 0.0125 passed 880 of 880 cases over 50 pens and seeds 1-10
        /// (`mnpen bench --suite rate --pens 50 --seed N`), 0.01 and 0.011 every case of seeds 1-3, 0.015 877 of 880 and
        /// 0.02 437 of 440 (seeds 1-5): the trim still answers the count's quantisation at 50-70 /s, which the lower
        /// gain passes less of into the duty.
        /// </summary>
        public const float DefaultKi = 0.0125f;

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
        private float _sinceFall = 1000f;
        private float _approachSlewScale = 1f;
        private bool _softStarting = true;
        private float _sinceSetpointMoved;
        private int _catchUps;
        private float _duty;
        private bool _model;
        private float _ke = ReferenceBackEmf;
        private float _ohms = ReferencePathOhms;
        private readonly LoadObserver _load = new LoadObserver();
        private bool _pushed;
        private float _sinceStartEnd;

        /// <summary>Soft-start set-point slew from rest to the level, strokes/s per second.</summary>
        public float SoftStartSlew { get; set; } = 600f;

        /// <summary>
        /// From this share of the level on, the soft start's slew is scaled by the reference motor's mechanical time
        /// constant over this motor's (J·R/(kₑ·kₜ), from TuneForMotor's kₑ and R; never above 1): a slower rotor trails the
        /// ramp further (39 ms against 20 ms at kₑ −28 %), so at the ramp's end the observer still held the acceleration's
        /// current as load and the weakest motors of `mnpen bench --suite rate --pens 50 --motor-spread 30` overshot their
        /// air and nominal 50 /s starts by 5.1-11.3 %. Only the approach is slowed: the whole ramp slowed made the jam
        /// trip on a jammed start late (119 ms against its 80 ms deadline, kₑ −28 %), which the ramp's first 70 % carries.
        /// 0.6, 0.7, 0.8 and 0.9 measured over seeds 1-3 at ±30 %: 259, 260, 261 and 256 of 264 (no slowing: 256);
        /// from 0.7 down every start passes. A reference or stronger motor ramps as before.
        /// </summary>
        public float SoftStartApproachShare { get; set; } = 0.7f;

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
        /// The integrator also waits until the lagged set-point it compares the fit with is within this share of the
        /// set-point (0 = no wait). The lag model is first order, while the fit it stands for is a window: after a step
        /// the fit has the new rate once its window has passed (120-160 ms), but the lagged set-point still trails by
        /// e^(−t/lag), 2.5 strokes/s of a 50 → 70 step when the IntegralHoldSeconds hold ended. The integrator took
        /// that trail for the cam running fast and wound the duty down: the 70 /s up-steps held 0.6-1.0 % slow for the
        /// rest of their hold (pens 3 and 49 of seed 1, uniform soft skin). 0.005 (a quarter stroke/s at 50 /s) measured
        /// best of 0.0025, 0.005 and 0.01 over 50 pens and seeds 1-5 (`mnpen bench --suite rate --pens 50`: 439 of 440
        /// cases against 435 without the wait).
        /// </summary>
        public float ReferenceSettledShare { get; set; } = 0.005f;

        // True once the lagged set-point is within ReferenceSettledShare of the set-point.
        private bool ReferenceSettled()
        {
            float band = ReferenceSettledShare * _setpoint;
            float trail = _setpoint - _lagged;
            return ReferenceSettledShare <= 0f || (trail <= band && -trail <= band);
        }

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
        /// winding plus bridge) and switches the feed-forward to the motor equation V·d = 2π·kₑ·rate + I·R (docs/control.md
        /// "Stroke rate"). Without a measured motor (backEmf ≤ 0: calibration records v1..v3) the loop stays on this pen's
        /// own air table: the nominal motor is only known to ±30 %, and a model that far off is left to the slow integrator
        /// (a motor 10 % slower than the table ran 31 % fast for the whole of a 0.8 s run on the device tests' plant). The
        /// motor's speed gain is supply / (2π·kₑ) strokes/s per duty, so the gains that give the reference loop's dynamics on
        /// another motor are the reference gains times kₑ / kₑ,ref: Kp, Ki and the load catch-up alike. Call after Configure.
        /// </summary>
        public void TuneForMotor(float backEmf, float pathOhms)
        {
            bool measured = backEmf > 0f && !float.IsNaN(backEmf);
            float k = measured ? backEmf / ReferenceBackEmf : 1f;
            _ke = measured ? backEmf : ReferenceBackEmf;
            _ohms = pathOhms > 0f && !float.IsNaN(pathOhms) ? pathOhms : ReferencePathOhms;
            _model = measured;
            // The rotor's mechanical time constant J·R/(kₑ·kₜ) against the reference motor's, with the same J.
            float quicker = measured ? (ReferencePathOhms / _ohms) * k * k : 1f;
            _approachSlewScale = quicker < 1f ? quicker : 1f;
            _kp *= k;
            _ki *= k;
            LoadCatchUp = DefaultLoadCatchUp * k;
        }

        /// <summary>
        /// The drive path's resistance now, ohm: the winding at its present temperature plus the bridge (the firmware passes
        /// SafetyLimits.MotorPathOhmsAt at the handpiece temperature every tick). TuneForMotor's resistance is the winding at
        /// 25 °C; copper rises 0.39 %/K, and the I·R part of the motor equation is a third of the duty in tough skin at
        /// 50 strokes/s: with the 25 °C value the reference pen's tough-skin hold there was 1.0 % off at 35 °C (a pen warmed
        /// in the hand) and 1.5 % at 10 °C, 0.1-0.2 % with it (RateTemperatureTests). Ignored unless positive: the model
        /// keeps its last plausible value.
        /// </summary>
        public void UpdatePathOhms(float ohms)
        {
            if (ohms > 0f && !float.IsNaN(ohms) && !float.IsInfinity(ohms)) _ohms = ohms;
        }

        /// <summary>True when the feed-forward is the motor equation (TuneForMotor called), false for the air table.</summary>
        public bool MotorModel => _model;

        /// <summary>Back-EMF constant the motor model uses, V·s/rad.</summary>
        public float BackEmf => _ke;

        /// <summary>Drive-path resistance the motor model uses, ohm.</summary>
        public float PathOhms => _ohms;

        /// <summary>
        /// Share of the observed load current's I·R drop the feed-forward adds (IR compensation; 1 = the motor equation,
        /// 0 = a motor without load: the known-bad loop of the rate bench's bite test).
        /// </summary>
        public float LoadCurrentShare { get; set; } = 1f;

        /// <summary>
        /// How long after the soft start the load observer keeps its start filter (LoadObserver.StartFilterSeconds),
        /// seconds: two of its running filter times (2 × 0.12 s), so the running filter takes over a load already taken up.
        /// 0.24-0.36 s measured alike on the rate suite and over 50 pens; 0.12 s left the tough-skin start overshooting 5.0 %.
        /// </summary>
        public float StartLoadHoldSeconds { get; set; } = 0.24f;

        /// <summary>
        /// The start filter serves set-points up to this, strokes/s: the two lowest levels (50 and 70 /s), where the hold
        /// right after the short ramp rests on the model (the counter's band there is ±7 / ±3.4 %, docs/control.md). Above,
        /// the running filter: with the start filter up to 150 /s a current sense stuck at 0.62 A during a ramp to the top
        /// level was taken for load within 50 ms and drove the cam to 207 /s before Overspeed, where the running filter
        /// leaves it to the frozen-converter check (bench interlocks, current-sensor-stuck; 70 and 100 /s measured alike).
        /// </summary>
        public float StartLoadMaxRate { get; set; } = 70f;

        /// <summary>
        /// After a level change down to a set-point up to StartLoadMaxRate the observer keeps its start filter this long,
        /// seconds (its brake hold, LoadObserver.BrakeHoldSeconds, leaves the first 80 ms of reads out). The running filter
        /// carried the 70 /s load into the 50 /s hold for a further 120 ms, and on weak motors, where I·R is the larger
        /// share of the duty, the cam then held about 1 % slow while the trim waited: tough 70 → 50 /s down-steps settled
        /// in 165-196 ms (±30 % motors, seeds 1-3). 0.1, 0.12, 0.15, 0.2 and 0.3 s measured there: 260, 262, 263, 263 and
        /// 259 of 264 (none: 260); 0.15 s passes 438 of 440 over seeds 1-5 at ±30 % and every case at production tolerances.
        /// </summary>
        public float DownStepLoadHoldSeconds { get; set; } = 0.15f;

        /// <summary>The load observer (its filter, floor and inertia are set there).</summary>
        public LoadObserver Load => _load;

        /// <summary>
        /// Share of the set-point's acceleration torque the feed-forward supplies: 1 = the motor equation's R·J·ω'/(kₜ·V)
        /// (0, 0.5 and 1 measured on the rate suite; 1 passes most).
        /// </summary>
        public float InertiaShare { get; set; } = 1f;

        /// <summary>Load current the feed-forward uses, amps.</summary>
        public float LoadAmps => _load.Amps;

        /// <summary>
        /// Below this set-point the integral gain falls in proportion (strokes/s; 0 = never): the count is one stroke
        /// coarse whatever the rate, so at low rates a fixed gain turns the same stroke of quantisation into a larger
        /// share of the rate.
        /// </summary>
        public float IntegralFullRate { get; set; } = 100f;

        /// <summary>
        /// With the motor model the integrator holds until the load observer has taken reads for this long after a start,
        /// seconds. The observer needs a few of its 120 ms filter time constants to reach the running load, and the trim,
        /// integrating the rate error of that catch-up, wound by about 0.002 duty in the 50 /s start hold; the pen then ran
        /// 1-3 % fast once the observer had the load, into the next level (the 70 /s up-steps). Measured on the rate suite
        /// over 20 drawn pens (esp32-nf, seed 1) with the averaged current and the observer starting from the air-table
        /// current: 0.25 s failed 76 of 1760 cases (93 before the averaged current) with every case of pen 0 but the tough
        /// full-pack start passing on both platforms; 0.3-0.4 s failed 54-59 but let pen 0's tough 50 /s holds wander out of
        /// their band on the ideal platform; 0 failed 92. docs/control.md, "Stroke rate".
        /// </summary>
        public float ObserverSettleSeconds { get; set; } = 0.25f;

        /// <summary>
        /// The integrator waits for the load observer (ObserverSettleSeconds of usable reads) at most this long after the
        /// soft start ends, seconds. A current sense that reads nothing (open, or a rotor whose reads all fall under the
        /// observer's floor) gives the observer no usable read: waiting for it without end left the trim at 0 for good, and a
        /// weak motor (kₑ −25 %) with its sense opened in the ramp ran on at 31 strokes/s for 50 at duty 0.136, under the
        /// supervisor's dead-sense gate as it then was (SafetyLimits.CurrentPlausibleMinDuty 0.15), so nothing stopped it (bench interlocks
        /// --motor-spread 30, current-sensor-open). Twice the settle time: a live sense has had its reads by then. (That
        /// motor's dead sense is now caught by the supervisor's gate, which follows the measured kₑ; docs/control.md,
        /// "Known limits".)
        /// </summary>
        public float ObserverWaitMaxSeconds { get; set; } = 0.5f;

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
            float amps = _load.Seen ? LoadCurrentShare * _load.Amps : 0f;
            if (_softStarting && LoadCurrentShare > 0f)
            {
                // Through the soft start the observer has not yet seen the running load (it starts from rest and holds
                // over a stalling rotor): the pen's own air table, (table duty × table volts − 2π·kₑ·rate) / R, is the
                // least it can be, so the ramp gets at least the duty the table loop gave it. Below the table's first rate
                // the table only repeats its first duty, so the current there is taken at that rate.
                float r = rate > _ffRates[0] ? rate : _ffRates[0];
                float air = (FeedForward(r, supplyVolts) * supplyVolts - TwoPi * _ke * r) / _ohms;
                if (amps < air) amps = air;
                // The observer's filters start from this current rather than from 0 at their first usable read.
                _load.StartAmps = air;
            }
            volts += amps * _ohms;
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
            _load.Reset();
            _pushed = false;
            _sinceStartEnd = 0f;
            _sinceFall = 1000f;
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
                float slew = _softStarting ? SoftStartSlew : LevelSlew;
                if (_softStarting && _setpoint >= SoftStartApproachShare * target) slew *= _approachSlewScale;
                _setpoint += slew * dt;
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

            if (_softStarting) _sinceStartEnd = 0f;
            else if (_sinceStartEnd < 1000f) _sinceStartEnd += dt;
            if (_model)
            {
                if (_setpoint < before) _sinceFall = 0f;
                else if (_sinceFall < 1000f) _sinceFall += dt;
                _load.Starting = (_softStarting || _sinceStartEnd < StartLoadHoldSeconds || _sinceFall < DownStepLoadHoldSeconds) && _setpoint <= StartLoadMaxRate;
                // The current was read under the last tick's duty, which is what the bridge applied when it was read.
                _load.Update(dt, motorAmps, _duty, supplyVolts, _ohms, _ke, TwoPi * _setpoint, !_pushed);
                _pushed = false;
            }
            float ff = _model
                ? ModelFeedForward(0.5f * (before + _setpoint), supplyVolts) + (supplyVolts > 1f ? InertiaShare * _ohms * _load.Inertia * TwoPi * acceleration / (_ke * supplyVolts) : 0f)
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
            else if (!pinnedHigh && !pinnedLow && _sinceSetpointMoved >= hold && ReferenceSettled() && (!_model || _load.SeenSeconds >= ObserverSettleSeconds || _sinceStartEnd >= ObserverWaitMaxSeconds))
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
