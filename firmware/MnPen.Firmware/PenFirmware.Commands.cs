using MnPen.Drivers;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware
{
    /// <summary>User and host commands: each returns a CommandResult, never throws, and only changes state for the next tick.</summary>
    public sealed partial class PenFirmware
    {
        /// <summary>
        /// Asks the pen to start. Runs every pre-run check (all reasons land in PreRunReport); if they pass the pen
        /// enters Starting, where the depth must be reached and verified before the motor may turn, then soft-starts.
        /// </summary>
        public CommandResult RequestStart()
        {
            _activity = true;
            switch (_state)
            {
                case PenState.Running:
                case PenState.Starting:
                    return CommandResult.AlreadyDone;
                case PenState.Fault:
                    return RefuseWith(CommandResult.RefusedFaultActive, _safety.ActiveFault);
                case PenState.Lockout:
                    return RefuseWith(CommandResult.RefusedLockout, _safety.ActiveFault);
                case PenState.Boot:
                case PenState.SelfTest:
                    return RefuseWith(CommandResult.RefusedWrongState, FaultCode.SelfTestPending);
                case PenState.Stopping:
                case PenState.PowerOff:
                    return RefuseWith(CommandResult.RefusedWrongState, FaultCode.None);
                case PenState.Sleep:
                    Wake();
                    break;
            }

            // The supervisor's checks look at the depth the pen would run at, so present the target, not the ramp.
            _inputs.DepthCommandMm = _depth.TargetMm;
            _inputs.DepthLimitMm = _depth.LimitMm;
            _inputs.CartridgePresent = _cartridgePresent;
            _preRunFacts.CartridgeIdValid = _cartridgeIdValid && !_cartridgeIdPending;
            _preRunFacts.CartridgeUsedUp = _cartridgeUsedUp;
            _preRunFacts.CartridgeNeedles = _cartridgeIdValid ? _cartridgeNeedles : 0;
            _preRunFacts.CartridgeNeedleNewtons = _cartridgeIdValid ? _cartridgeNeedleNewtons : 0f;
            _preRunFacts.CalibrationDue = false;
            _safety.RunPreRunChecks(_inputs, _preRunFacts, _preRunReport);
            // Depth settling is this core's job (Starting verifies it before the motor may turn), so a depth still
            // on its way is not a reason to refuse here.
            bool blocked = false;
            FaultCode first = FaultCode.None;
            for (int i = 0; i < _preRunReport.Count; i++)
            {
                FaultCode c = _preRunReport[i];
                if (c == FaultCode.DepthNotReached) continue;
                if (FaultCatalog.ClassOf(c) == FaultClass.Warning) continue;
                blocked = true;
                if (first == FaultCode.None) first = c;
            }
            if (_session.TreatmentUsedUp)
            {
                return RefuseWith(CommandResult.RefusedSessionLimit, FaultCode.None);
            }
            if (blocked) return RefuseWith(ResultFor(first), first);

            _lastRefusal = FaultCode.None;
            // The usage mark is written to the cartridge in Background(), before the motor may turn.
            if (!_cartridgePrepared) _cartridgePrepareWanted = true;
            Transition(PenState.Starting, TransitionReason.StartRequested, FaultCode.None);
            return CommandResult.Accepted;
        }

        /// <summary>Asks the pen to stop the motor (always allowed; a no-op if it is not turning).</summary>
        public CommandResult RequestStop()
        {
            _activity = true;
            if (_state == PenState.Running || _state == PenState.Starting)
            {
                _motorCommanded = false;
                _duty = 0f;
                _pendingCue = IndicatorCue.Stop;
                Transition(PenState.Stopping, TransitionReason.StopRequested, FaultCode.None);
                return CommandResult.Accepted;
            }
            return CommandResult.AlreadyDone;
        }

        /// <summary>Selects a stroke-rate level (0-based); a running pen slews to it.</summary>
        public CommandResult SetRateLevel(int level)
        {
            _activity = true;
            if (level < 0 || level >= _config.RateLevels.Length) return CommandResult.RefusedOutOfRange;
            if (_state == PenState.Lockout) return CommandResult.RefusedLockout;
            if (_state == PenState.PowerOff) return CommandResult.RefusedWrongState;
            if (level == _rateLevel) return CommandResult.AlreadyDone;
            _pendingCue = level > _rateLevel ? IndicatorCue.LevelUp : IndicatorCue.LevelDown;
            _rateLevel = level;
            return CommandResult.Accepted;
        }

        /// <summary>
        /// Sets the needle depth in mm, a multiple of the 0.05 mm step (anything else is refused, never rounded). Refused
        /// above the hard limit (the lower of the cartridge's maximum, the user limit and 2.5 mm); a running pen ramps to it.
        /// </summary>
        public CommandResult SetDepthMm(float depthMm)
        {
            _activity = true;
            if (float.IsNaN(depthMm) || float.IsInfinity(depthMm) || depthMm < 0f) return CommandResult.RefusedOutOfRange;
            if (!DepthController.OnGrid(depthMm)) return CommandResult.RefusedOutOfRange;
            if (_state == PenState.Lockout) return CommandResult.RefusedLockout;
            if (_state == PenState.PowerOff) return CommandResult.RefusedWrongState;
            if (!_depth.Allows(depthMm)) return CommandResult.RefusedAboveDepthLimit;
            // The drive's start from rest (the needles' puncture peak at this depth): say so now rather than at the next start.
            if (CartridgeAccepted && _safety.Limits.StartTooHeavy(_cartridgeNeedles, _cartridgeNeedleNewtons, depthMm))
                return RefuseWith(CommandResult.RefusedCartridge, FaultCode.CartridgeTooHeavy);
            float before = _depth.TargetMm;
            _depth.SetTarget(depthMm);
            if (_depth.TargetMm == before) return CommandResult.AlreadyDone;
            _pendingCue = IndicatorCue.DepthStep;
            return CommandResult.Accepted;
        }

        /// <summary>
        /// Puts settings in force at once (they were just stored): rate levels, start level, timers, inactivity auto-stop,
        /// stop on release, depth step and depth limit. Refused while the motor turns, for invalid settings, or when the
        /// depth target lies above the new limit (the pen never changes the depth on its own).
        /// </summary>
        public CommandResult ApplySettingsNow(Settings s)
        {
            if (_motorCommanded || _state == PenState.Starting || _state == PenState.Running || _state == PenState.Stopping)
                return CommandResult.RefusedWrongState;
            if (s == null || s.Validate() != null) return CommandResult.RefusedOutOfRange;
            if (_depth.TargetMm > s.DepthLimitMm + 1e-4f) return CommandResult.RefusedAboveDepthLimit;
            ApplySettings(s);
            UpdateDepthLimit();
            return _settingsValid ? CommandResult.Accepted : CommandResult.RefusedOutOfRange;
        }

        /// <summary>
        /// Acknowledges the latched faults whose cause is gone and whose policy an acknowledge satisfies; any cause that needs
        /// a power cycle or a service clear stays latched (the pen then locks out). Never restarts the motor.
        /// </summary>
        public CommandResult AcknowledgeFault()
        {
            return ClearFault(false);
        }

        /// <summary>
        /// Technician's clear (the link allows it only in service mode): like AcknowledgeFault, and also clears service-policy
        /// faults once their cause is gone. Power-cycle faults still need a power cycle. Never restarts the motor.
        /// </summary>
        public CommandResult ServiceClearFault()
        {
            return ClearFault(true);
        }

        private CommandResult ClearFault(bool service)
        {
            _activity = true;
            AcknowledgeResult r = service ? _safety.ServiceClear() : _safety.Acknowledge();
            switch (r)
            {
                case AcknowledgeResult.Cleared:
                    _clearedBy = service ? LatchKeeper.ClearedByService : LatchKeeper.ClearedByAcknowledge;
                    Transition(CartridgeAccepted ? PenState.Ready : PenState.Idle, TransitionReason.FaultCleared, FaultCode.None);
                    return CommandResult.Accepted;
                case AcknowledgeResult.NothingToClear:
                    return CommandResult.AlreadyDone;
                case AcknowledgeResult.MotorStillCommanded:
                    return CommandResult.RefusedWrongState;
            }
            // Some causes were cleared, others stay: what is left decides between Fault and Lockout.
            if (_state == PenState.Fault && _safety.StrictestPolicy >= ClearPolicy.PowerCycle)
                Transition(PenState.Lockout, TransitionReason.SafetyTrip, _safety.ActiveFault);
            return r == AcknowledgeResult.ConditionPresent ? CommandResult.RefusedFaultPersists : CommandResult.RefusedLockout;
        }

        private void Wake()
        {
            _session.Activity();
            Transition(CartridgeAccepted ? PenState.Ready : PenState.Idle, TransitionReason.Wake, FaultCode.None);
        }

        private CommandResult RefuseWith(CommandResult result, FaultCode reason)
        {
            _lastRefusal = reason;
            _pendingCue = IndicatorCue.Refused;
            return result;
        }

        private static CommandResult ResultFor(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.CartridgeAbsent: return CommandResult.RefusedNoCartridge;
                case FaultCode.CartridgeReused:
                case FaultCode.CartridgeUnreadable:
                case FaultCode.CartridgeTooHeavy: return CommandResult.RefusedCartridge;
                case FaultCode.CalibrationInvalid:
                case FaultCode.SettingsInvalid: return CommandResult.RefusedCalibration;
                case FaultCode.BatteryTooLowToStart: return CommandResult.RefusedBatteryLow;
                case FaultCode.DepthAboveLimit: return CommandResult.RefusedAboveDepthLimit;
                case FaultCode.DepthNotReached: return CommandResult.RefusedDepthNotReached;
                case FaultCode.FaultPending: return CommandResult.RefusedFaultActive;
                case FaultCode.SelfTestPending: return CommandResult.RefusedWrongState;
                default: return CommandResult.RefusedPreRunCheck;
            }
        }
    }
}
