namespace MnPen.Safety
{
    /// <summary>
    /// An upper bound on the rotor's back-EMF, volts, so that a current below the plausible floor is called a dead sense
    /// only when the rotor cannot be fast enough to hold it there. While current flows the EMF is the drive's voltage less
    /// the I·R drop, and until the next reading it can rise at most along the motor's fastest mechanical time constant.
    /// While no current reads, the rotor may be outrunning its drive (after a duty step down, e.g. the end of a start's
    /// stall push): the bridge's slow decay brakes it back toward the drive along its slowest time constant, and friction
    /// beyond the floor current's torque slows it further. Allocation-free.
    /// </summary>
    internal sealed class RotorEmfBound
    {
        private float _bound;
        private float _lastDuty;

        /// <summary>Upper bound on the rotor's back-EMF now, volts.</summary>
        public float Volts => _bound;

        /// <summary>
        /// Feeds one tick: the duty applied now, the supply, the measured current, the handpiece temperature (winding
        /// resistance) and whether the stroke monitor sees the rotor stopped. dt in seconds.
        /// </summary>
        public void Update(float appliedDuty, float supplyVolts, float amps, float celsius, bool stopped, float dt, SafetyLimits l)
        {
            // The reading may still be of the previous tick's drive: take the larger, which can only raise the bound.
            float duty = appliedDuty > _lastDuty ? appliedDuty : _lastDuty;
            _lastDuty = appliedDuty;
            float ohms = l.MotorPathOhmsAt(celsius);
            float drive = appliedDuty * supplyVolts;

            // No current: the excess over the floor's operating point decays at least along the slowest braking time
            // constant, less the friction's share.
            float floorPoint = drive - l.CurrentPlausibleMinAmps * ohms;
            float excess = _bound - floorPoint;
            if (excess > 0f) excess *= (float)System.Math.Exp(-dt / l.RotorBrakeTimeConstantMaxSeconds);
            _bound = floorPoint + excess - l.RotorCoastMinVoltsPerSecond * dt;

            if (amps >= l.CurrentPlausibleMinAmps)
            {
                // The EMF at the reading, then at most the rise toward the drive's voltage its fastest time constant allows
                // until the next one.
                float driven = duty * supplyVolts;
                float measured = driven - amps * ohms - l.CurrentModelMarginVolts;
                if (measured < 0f) measured = 0f;
                float rise = (driven - measured) * (1f - (float)System.Math.Exp(-dt / l.RotorSpinUpTimeConstantMinSeconds));
                float upper = measured + rise + 2f * l.CurrentModelMarginVolts;
                if (upper > _bound) _bound = upper;
            }
            if (stopped)
            {
                // No stroke for MotorStoppedMicros: slower than one stroke in that time.
                float still = 6.2831853f * l.MotorBackEmfVoltSecondsPerRad * (1000000f / l.MotorStoppedMicros);
                if (_bound > still) _bound = still;
            }
            if (_bound < 0f) _bound = 0f;
        }

        /// <summary>
        /// True if the rotor may be turning fast enough that the drive pushes less than the plausible floor through it
        /// (its EMF bound at or above the floor's operating point less the model's error): a near-zero reading is then no
        /// proof of a fault.
        /// </summary>
        public bool MayHoldCurrentBelowFloor(float appliedDuty, float supplyVolts, float celsius, SafetyLimits l)
        {
            float floorPoint = appliedDuty * supplyVolts - l.CurrentPlausibleMinAmps * l.MotorPathOhmsAt(celsius);
            return _bound >= floorPoint - l.CurrentModelMarginVolts;
        }
    }
}
