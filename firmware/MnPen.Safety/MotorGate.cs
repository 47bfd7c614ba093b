using MnPen.Hal;

namespace MnPen.Safety
{
    /// <summary>
    /// The only path from the control core to the motor: control requests a duty, the safety supervisor decides
    /// whether it reaches the H-bridge. Once forced safe, no request reaches the motor until the supervisor releases it,
    /// and after a release the control core must first request zero (stop) before a new non-zero duty is applied.
    /// Stopping a turning motor is brake, then sleep: the DRV8876 in PH/EN mode brakes with EN (the PWM input) low and
    /// nSLEEP high (both low-side FETs short the winding, so the back-EMF stops the rotor in tens of milliseconds) but
    /// coasts with nSLEEP low (outputs Hi-Z, the rotor runs down on friction alone for up to 0.6 s). So the gate keeps the
    /// driver awake with zero duty until the rotor is still (or a bounded time has passed, or the driver reports a fault
    /// and cannot brake), and only then puts it to sleep (docs/control.md, "Stopping: brake, then sleep").
    /// </summary>
    public sealed class MotorGate
    {
        private readonly IPwmChannel _pwm;
        private readonly IDigitalOutput _enable;
        private bool _forcedSafe = true;
        private bool _awaitingZero;
        private bool _enableCommanded;
        private float _requestedDuty;
        private float _appliedDuty;
        private float _dutyLimit = 1f;
        private bool _braking;
        private bool _brakeClockStarted;
        private ulong _brakeStartMicros;
        private ulong _lastStrokeChangeMicros;
        private uint _brakeStrokes;
        private uint _brakeFirstStroke;

        /// <summary>Creates the gate in the safe state (duty 0, driver disabled).</summary>
        public MotorGate(IPwmChannel pwm, IDigitalOutput enable)
        {
            _pwm = pwm;
            _enable = enable;
            ApplySafe();
        }

        /// <summary>True while the supervisor holds the motor off.</summary>
        public bool ForcedSafe => _forcedSafe;

        /// <summary>True after a release until the control core has requested zero once (no restart by a stale request).</summary>
        public bool AwaitingZeroRequest => _awaitingZero;

        /// <summary>Duty the control core last asked for (0..1).</summary>
        public float RequestedDuty => _requestedDuty;

        /// <summary>Duty actually on the H-bridge input (0 while forced safe).</summary>
        public float AppliedDuty => _appliedDuty;

        /// <summary>Level last written to the driver enable line (true = driver awake).</summary>
        public bool EnableCommanded => _enableCommanded;

        /// <summary>True while the gate brakes a turning motor (duty 0, driver awake) before putting the driver to sleep.</summary>
        public bool Braking => _braking;

        /// <summary>True while the driver is commanded awake to drive, not to brake: the gate's output can move the motor.</summary>
        public bool AwakeToDrive => _enableCommanded && !_braking;

        /// <summary>Largest duty the supervisor currently allows (derating), 0..1.</summary>
        public float DutyLimit => _dutyLimit;

        /// <summary>Control core's request; applied at once unless the gate is forced safe. Clamped to the derating limit.</summary>
        public void Request(float duty)
        {
            if (float.IsNaN(duty) || duty < 0f) duty = 0f;
            if (duty > 1f) duty = 1f;
            _requestedDuty = duty;
            if (_forcedSafe) return;
            if (_awaitingZero)
            {
                if (duty > 0f) return;
                _awaitingZero = false;
            }
            if (duty > _dutyLimit) duty = _dutyLimit;
            if (duty <= 0f)
            {
                // Idle with the driver asleep: a stopped pen must not depend on a zero duty alone. A turning motor is
                // braked first; the supervisor's SettleBrake puts the driver to sleep once the rotor is still.
                Stop();
                return;
            }
            _braking = false;
            WriteEnable(true);
            _pwm.Duty = duty;
            _appliedDuty = duty;
        }

        /// <summary>
        /// Cuts the motor drive now (duty 0) and holds it off: a motor that was driven is braked with the driver awake until
        /// SettleBrake puts it to sleep; an idle one sleeps at once. Anyone may make the pen safer.
        /// </summary>
        public void ForceSafe()
        {
            _forcedSafe = true;
            Stop();
        }

        /// <summary>
        /// Supervisor only, every tick: ends a brake by putting the driver to sleep once no stroke has come for
        /// limits.BrakeStillMicros, once limits.BrakeMaxMicros have passed, once more than limits.BrakeMaxStrokes strokes
        /// have come under brake (the bridge drives instead of braking), or at once if the driver reports a fault (its
        /// outputs are then off and it cannot brake: coasting is all that is left, and nSLEEP low also resets its latch).
        /// Returns true when it ended the brake because the rotor kept stroking under it (the bridge drove instead of
        /// braking), which the supervisor records as a fault.
        /// </summary>
        internal bool SettleBrake(ulong nowMicros, uint strokeCount, bool driverFault, SafetyLimits limits)
        {
            if (!_braking) return false;
            if (!_brakeClockStarted)
            {
                _brakeClockStarted = true;
                _brakeStartMicros = nowMicros;
                _lastStrokeChangeMicros = nowMicros;
                _brakeStrokes = strokeCount;
                _brakeFirstStroke = strokeCount;
            }
            if (strokeCount != _brakeStrokes)
            {
                _brakeStrokes = strokeCount;
                _lastStrokeChangeMicros = nowMicros;
            }
            bool still = nowMicros - _lastStrokeChangeMicros >= (ulong)limits.BrakeStillMicros;
            bool timedOut = nowMicros - _brakeStartMicros >= (ulong)limits.BrakeMaxMicros;
            // A rotor that keeps stroking under brake is being driven: the bridge does not follow EN, so sleep is the cut.
            bool notBraking = strokeCount - _brakeFirstStroke > (uint)limits.BrakeMaxStrokes;
            if (driverFault || still || timedOut || notBraking) ApplySafe();
            return notBraking && !driverFault && !still;
        }

        /// <summary>Supervisor only: lets requests through again. Does not itself start the motor.</summary>
        internal void Release()
        {
            _forcedSafe = false;
            // A request made while forced safe must not start the motor on release: it must be made again, from zero.
            _requestedDuty = 0f;
            _awaitingZero = true;
        }

        /// <summary>Supervisor only: the control core has stopped commanding the motor, so its next request is a fresh one.</summary>
        internal void Rearm()
        {
            if (!_forcedSafe && _requestedDuty <= 0f) _awaitingZero = false;
        }

        /// <summary>Supervisor only: sets the derating limit and lowers the applied duty at once if above it.</summary>
        internal void SetDutyLimit(float limit)
        {
            if (float.IsNaN(limit) || limit < 0f) limit = 0f;
            if (limit > 1f) limit = 1f;
            _dutyLimit = limit;
            if (!_forcedSafe && _appliedDuty > limit)
            {
                _pwm.Duty = limit;
                _appliedDuty = limit;
            }
        }

        /// <summary>
        /// Supervisor self-test only, with the gate forced safe: drives the enable line high then low with zero duty
        /// and returns true if both levels read back. The bridge cannot move the motor at zero duty.
        /// </summary>
        internal bool TestEnableReadBack()
        {
            return TestEnableReadBack(null);
        }

        /// <summary>
        /// As <see cref="TestEnableReadBack()"/>, reading the gated nSLEEP net on its own pin when the board has one. Then
        /// only "low reads low" is required: the hardware channel may rightly hold the net low at boot (no cartridge yet,
        /// a warm pen), and a net stuck low is the safe direction, caught at the first run as HardwareChannelCut.
        /// </summary>
        internal bool TestEnableReadBack(IDigitalInput sense)
        {
            if (!_forcedSafe) return false;
            _pwm.Duty = 0f;
            _enable.Write(true);
            bool high = sense != null ? sense.Read() : _enable.ReadBack();
            _enable.Write(false);
            bool low = sense != null ? sense.Read() : _enable.ReadBack();
            _enableCommanded = false;
            _braking = false;
            return sense != null ? !low : high && !low;
        }

        private void WriteEnable(bool on)
        {
            _enable.Write(on);
            _enableCommanded = on;
        }

        // Duty 0 now; brake (driver awake) if the motor was driven or is still braking, else sleep.
        private void Stop()
        {
            bool turning = _appliedDuty > 0f || _braking;
            _pwm.Duty = 0f;
            _appliedDuty = 0f;
            if (!turning)
            {
                WriteEnable(false);
                return;
            }
            if (!_braking)
            {
                _braking = true;
                _brakeClockStarted = false;
            }
            WriteEnable(true);
        }

        private void ApplySafe()
        {
            _pwm.Duty = 0f;
            WriteEnable(false);
            _appliedDuty = 0f;
            _braking = false;
        }
    }
}
