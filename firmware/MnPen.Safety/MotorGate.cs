using MnPen.Hal;

namespace MnPen.Safety
{
    /// <summary>
    /// The only path from the control core to the motor: control requests a duty, the safety supervisor decides
    /// whether it reaches the H-bridge. Once forced safe, no request reaches the motor until the supervisor releases it.
    /// </summary>
    public sealed class MotorGate
    {
        private readonly IPwmChannel _pwm;
        private readonly IDigitalOutput _enable;
        private bool _forcedSafe = true;
        private float _requestedDuty;
        private float _appliedDuty;

        /// <summary>Creates the gate in the safe state (duty 0, driver disabled).</summary>
        public MotorGate(IPwmChannel pwm, IDigitalOutput enable)
        {
            _pwm = pwm;
            _enable = enable;
            ApplySafe();
        }

        /// <summary>True while the supervisor holds the motor off.</summary>
        public bool ForcedSafe => _forcedSafe;

        /// <summary>Duty the control core last asked for (0..1).</summary>
        public float RequestedDuty => _requestedDuty;

        /// <summary>Duty actually on the H-bridge input (0 while forced safe).</summary>
        public float AppliedDuty => _appliedDuty;

        /// <summary>Control core's request; applied at once unless the gate is forced safe.</summary>
        public void Request(float duty)
        {
            if (float.IsNaN(duty) || duty < 0f) duty = 0f;
            if (duty > 1f) duty = 1f;
            _requestedDuty = duty;
            if (_forcedSafe) return;
            if (duty <= 0f)
            {
                // Idle with the driver asleep: a stopped pen must not depend on a zero duty alone.
                _pwm.Duty = 0f;
                _enable.Write(false);
                _appliedDuty = 0f;
                return;
            }
            _enable.Write(true);
            _pwm.Duty = duty;
            _appliedDuty = duty;
        }

        /// <summary>Supervisor only: cuts the motor now (duty 0 and driver disabled) and holds it off.</summary>
        public void ForceSafe()
        {
            _forcedSafe = true;
            ApplySafe();
        }

        /// <summary>Supervisor only: lets requests through again. Does not itself start the motor.</summary>
        public void Release()
        {
            _forcedSafe = false;
            // A request made while forced safe must not start the motor on release: it must be made again.
            _requestedDuty = 0f;
        }

        private void ApplySafe()
        {
            _pwm.Duty = 0f;
            _enable.Write(false);
            _appliedDuty = 0f;
        }
    }
}
