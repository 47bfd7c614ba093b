using MnPen.Drivers;

namespace MnPen.Firmware
{
    /// <summary>
    /// Needle depth: the user's target (0.05 mm steps, never above the hard limit) is ramped into a command, turned into
    /// actuator drive through the calibration map, and trimmed by an integral on the feedback error. The depth counts as
    /// reached only after the measurement has stayed within tolerance of the target for a settling time.
    /// </summary>
    public sealed class DepthController
    {
        /// <summary>Absolute maximum needle depth of the pen, mm (no cartridge type may allow more).</summary>
        public const float AbsoluteMaxMm = 2.5f;
        /// <summary>Depth step, mm.</summary>
        public const float StepMm = 0.05f;

        private readonly DepthActuator _actuator;
        private float _targetMm;
        private float _commandMm;
        private float _limitMm = AbsoluteMaxMm;
        private float _trim;
        private int _withinMicros;
        private bool _reached;

        /// <summary>Creates the controller over the actuator driver.</summary>
        public DepthController(DepthActuator actuator)
        {
            _actuator = actuator;
        }

        /// <summary>Command ramp while the motor runs (gentle on the skin), mm/s.</summary>
        public float RunningRampMmPerSecond { get; set; } = 2.0f;

        /// <summary>Command ramp while stopped, mm/s (the actuator's own slew limits it further).</summary>
        public float StoppedRampMmPerSecond { get; set; } = 20f;

        /// <summary>
        /// Integral trim gain, in units of the local map slope: the trim moves the needle by TrimGain × error per second
        /// (time constant 1/TrimGain = 0.25 s). Bounded by the actuator: an integrator on a first-order lag τ is critically
        /// damped at gain 1/(4τ); τ here is the servo's 30 ms (+20 % drawn, docs/simulator.md) plus a 10 ms control tick on
        /// the ESP32 and the ~3 ms feedback filter, about 50 ms, so 4/s (≤ 5/s) settles without overshoot. With the former
        /// 0.8/s a drawn pen's map residual (up to ~0.05 mm after ageing) took longer than the 500 ms start verification.
        /// </summary>
        public float TrimGain { get; set; } = 4f;

        /// <summary>
        /// The trim learns only errors up to this size, mm. A calibrated pen's map is off by at most ~0.05 mm after a
        /// calibration interval's ageing (actuator gain ±1 % of the 3 mm travel, pot offset ±12 counts = 0.008 mm, pot span
        /// ±0.3 %: docs/simulator.md, "Population of pens"); a larger error is the actuator still on its way (30 ms lag,
        /// 40 mm/s slew), and learning that winds the trim up: the needle then overshot by 0.04 mm and crept back for a
        /// second, so drawn pens left Starting with DepthNotReached.
        /// </summary>
        public float TrimCaptureMm { get; set; } = 0.1f;

        /// <summary>Largest trim in either direction, drive duty.</summary>
        public float TrimLimit { get; set; } = 0.05f;

        /// <summary>Reached/verified tolerance, mm (half the ±0.05 mm accuracy target).</summary>
        public float ToleranceMm { get; set; } = 0.025f;

        /// <summary>Time the measurement must stay inside tolerance to count as reached, microseconds.</summary>
        public int SettleMicros { get; set; } = 30000;

        /// <summary>User target, mm.</summary>
        public float TargetMm => _targetMm;

        /// <summary>Ramped command now, mm.</summary>
        public float CommandMm => _commandMm;

        /// <summary>Hard limit in force, mm.</summary>
        public float LimitMm => _limitMm;

        /// <summary>Trim now, drive duty.</summary>
        public float Trim => _trim;

        /// <summary>Target reached and held within tolerance for the settling time.</summary>
        public bool Reached => _reached;

        /// <summary>True if mm is a whole number of 0.05 mm steps (within 0.5 um of float error): the only depths accepted.</summary>
        public static bool OnGrid(float mm)
        {
            float off = mm - Quantize(mm);
            return off > -0.0005f && off < 0.0005f;
        }

        /// <summary>Rounds a depth to the 0.05 mm step (only for values already on the grid, to remove float error).</summary>
        public static float Quantize(float mm)
        {
            return (float)(System.Math.Round(mm / StepMm) * StepMm);
        }

        /// <summary>
        /// Sets the hard limit (the lower of the cartridge's maximum, the pen's absolute maximum and the calibrated
        /// range); a target above it is pulled down to it.
        /// </summary>
        public void SetLimit(float limitMm)
        {
            if (float.IsNaN(limitMm) || limitMm < 0f) limitMm = 0f;
            if (limitMm > AbsoluteMaxMm) limitMm = AbsoluteMaxMm;
            float mapMax = _actuator.MapMaxMm;
            if (_actuator.Configured && limitMm > mapMax) limitMm = mapMax;
            // The limit itself is kept on the step grid, rounding down.
            limitMm = (float)(System.Math.Floor(limitMm / StepMm + 1e-4) * StepMm);
            _limitMm = limitMm;
            if (_targetMm > _limitMm) _targetMm = _limitMm;
            if (_commandMm > _limitMm) _commandMm = _limitMm;
        }

        /// <summary>True if mm (after rounding to the step) is within 0..limit.</summary>
        public bool Allows(float mm)
        {
            if (float.IsNaN(mm) || mm < 0f) return false;
            return Quantize(mm) <= _limitMm + 1e-4f;
        }

        /// <summary>Sets the target (a multiple of the step). Returns false, changing nothing, if off the grid or outside 0..limit.</summary>
        public bool SetTarget(float mm)
        {
            if (!OnGrid(mm) || !Allows(mm)) return false;
            float q = Quantize(mm);
            if (q > _limitMm) q = _limitMm;
            if (q != _targetMm) ResetReached();
            _targetMm = q;
            return true;
        }

        /// <summary>Drives the actuator toward `aimMm` (the target, or 0 to retract) for one tick.</summary>
        public void Update(int dtMicros, float measuredMm, bool running, bool retract)
        {
            float dt = dtMicros * 1e-6f;
            float aim = retract ? 0f : _targetMm;
            if (aim > _limitMm) aim = _limitMm;
            float step = (running ? RunningRampMmPerSecond : StoppedRampMmPerSecond) * dt;
            if (_commandMm < aim)
            {
                _commandMm += step;
                if (_commandMm > aim) _commandMm = aim;
            }
            else if (_commandMm > aim)
            {
                _commandMm -= step;
                if (_commandMm < aim) _commandMm = aim;
            }

            bool measuredValid = !float.IsNaN(measuredMm);
            bool stationary = _commandMm == aim;
            float baseDrive = _actuator.DriveForDepth(_commandMm);
            // Hard limit on the output itself: whatever the trim says, the drive never asks for more than the limit
            // plus the accuracy band.
            float ceiling = _actuator.DriveForDepth(_limitMm + StepMm);
            // Anti-windup: no learning while the actuator is still travelling (error beyond the capture band), at 0 mm
            // (the needle rests on its stop, which no trim moves), or against an output already clamped.
            if (measuredValid && stationary && aim > 0f)
            {
                float error = _commandMm - measuredMm;
                bool clampedUp = error > 0f && baseDrive + _trim >= ceiling;
                if (error <= TrimCaptureMm && error >= -TrimCaptureMm && !clampedUp)
                {
                    float slope = _actuator.DriveSlope(_commandMm);
                    _trim = TableMath.Clamp(_trim + TrimGain * slope * error * dt, -TrimLimit, TrimLimit);
                }
            }

            float drive = baseDrive + _trim;
            if (drive > ceiling) drive = ceiling;
            if (_commandMm <= 0f && aim <= 0f && drive < 0f) drive = 0f;
            _actuator.SetDrive(drive);

            bool inside = measuredValid && stationary && !retract &&
                          measuredMm - _targetMm <= ToleranceMm && _targetMm - measuredMm <= ToleranceMm;
            if (inside)
            {
                if (_withinMicros < SettleMicros) _withinMicros += dtMicros;
                _reached = _withinMicros >= SettleMicros;
            }
            else
            {
                ResetReached();
            }
        }

        private void ResetReached()
        {
            _withinMicros = 0;
            _reached = false;
        }
    }
}
