namespace MnPen.Safety
{
    /// <summary>Depth actuator: feedback range, tracking (position must follow command) and the cartridge's depth limit.</summary>
    internal sealed class DepthInterlock
    {
        private readonly PersistenceTimer _feedbackRange = new PersistenceTimer();
        private readonly PersistenceTimer _tracking = new PersistenceTimer();
        private readonly PersistenceTimer _aboveLimit = new PersistenceTimer();
        private readonly PersistenceTimer _deeper = new PersistenceTimer();
        private float _lastMeasuredMm;

        /// <summary>Feeds one tick; motorActive = the needle moves (driven or coasting), driveRequested = duty requested or applied.</summary>
        public FaultCode Update(SafetyInputs i, bool motorActive, bool driveRequested, SafetyLimits l)
        {
            ulong now = i.NowMicros;
            bool rangeBad = i.DepthFeedbackRaw < l.DepthFeedbackMinRaw || i.DepthFeedbackRaw > l.DepthFeedbackMaxRaw;
            bool feedbackFault = _feedbackRange.Update(rangeBad, now, l.DepthAboveLimitMicros);

            // The allowance is not restarted by new set-points: a ramping command must not hide a seized actuator.
            float cmd = i.DepthCommandMm;
            bool off = Diff(i.DepthMeasuredMm, cmd) > l.DepthToleranceMm || float.IsNaN(i.DepthMeasuredMm);
            // A gap in the loop (a flash write with the driver asleep) is time nobody watched: the allowance restarts
            // after it rather than counting a stale reading from before the gap as held for the whole gap.
            if (i.TickIntervalMicros > l.MaxTickIntervalMicros) _tracking.Reset();
            bool trackingFault = _tracking.Update(off, now, l.DepthFaultMicros);
            // Deeper than commanded is the hazardous direction: a runaway actuator (drive stuck on) moves at its 40 mm/s
            // slew limit, so it cannot wait for the tracking allowance. The ramped command leads a following actuator
            // by its lag (30 ms at 2 mm/s: 0.06 mm), far inside the tolerance; two consecutive ticks confirm it. Only while
            // the needle moves: at rest a new set-point is a step (not ramped) and a deep needle hurts nobody; the
            // tracking allowance still catches a runaway there.
            // And not while it retracts: after a stop or a trip the command may step back (to 0 with the cartridge gone)
            // while the rotor brakes, and an actuator moving toward it is doing the safe thing. A retract at the 2 mm/s
            // ramp moves 0.02 mm a tick; 0.005 mm is above the filtered pot's noise (1 count = 0.0007 mm).
            bool retracting = i.DepthMeasuredMm < _lastMeasuredMm - 0.005f;
            _lastMeasuredMm = i.DepthMeasuredMm;
            bool deeper = motorActive && !retracting && i.DepthMeasuredMm > cmd + l.DepthToleranceMm;
            if (_deeper.Update(deeper, now, l.DepthAboveLimitMicros)) trackingFault = true;

            // No cartridge, no needle: driving without one is the cartridge interlock's business. An unknown limit (0)
            // forbids driving; while only coasting, the last known limit is not available, so just the measured check runs.
            bool above = false;
            float limit = i.DepthLimitMm;
            bool measuredAbove = i.CartridgePresent && motorActive && limit > 0f && i.DepthMeasuredMm > limit + l.DepthLimitMarginMm;
            if (_aboveLimit.Update(measuredAbove, now, l.DepthAboveLimitMicros)) above = true;
            if (i.CartridgePresent && driveRequested && (!(limit > 0f) || cmd > limit + 0.001f)) above = true;

            if (above) return FaultCode.DepthAboveLimit;
            if (feedbackFault || trackingFault) return FaultCode.DepthActuatorFault;
            return FaultCode.None;
        }

        private static float Diff(float a, float b) => a > b ? a - b : b - a;
    }
}
