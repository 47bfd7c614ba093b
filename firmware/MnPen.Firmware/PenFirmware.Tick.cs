using MnPen.Drivers;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware
{
    /// <summary>The control tick: sensors, safety first, state machine and controllers, motor gate, indications.</summary>
    public sealed partial class PenFirmware
    {
        /// <summary>One control tick; allocation-free. Order: sensors, safety supervisor, state machine and controllers, gate, indications.</summary>
        public void Tick()
        {
            ulong now = _board.Clock.NowMicros;
            _now = now;
            _scheduler.Begin(now);
            int dt = _scheduler.LastIntervalMicros;
            if (dt <= 0) dt = _periodMicros;
            if (dt > 10 * _periodMicros) dt = 10 * _periodMicros;
            _dtMicros = dt;
            // After a pause of the loop (allowed only with the motor driver asleep: an EEPROM programming wait, a
            // flash write) the controllers carry on from where they were instead of integrating the pause: a soft
            // start that begins on such a tick must not jump its ramp or wind its integrator by the whole pause. A pause
            // is what the supervisor calls one: longer than its loop-gap limit.
            _controlDtMicros = dt > _safety.Limits.MaxTickIntervalMicros ? _periodMicros : dt;
            // The window watchdog is kicked first thing, at the tick's wake-up (its time is this tick's clock reading, so
            // the kick interval never falls short of the kick period however long the previous tick ran), and only if the
            // supervisor completed a tick since the last kick: a loop running without its safety function starves it.
            _kicker.Update(now, _gate.EnableCommanded, _safety.CompletedTicks);

            // 1. Sensors.
            _current.Read();
            _loopCurrent.Read(!_gate.EnableCommanded, dt);
            _battery.Read();
            _thermistor.Read();
            float depthMeasured = _depthActuator.Read();
            float rate = _tach.Update();
            _motorDriver.Update();
            bool present = _board.CartridgePresent.Read();
            _buttons.Update(now);

            // 2. Safety inputs, filled in place; MotorCommanded/TargetStrokeRate are what control did last tick.
            SafetyInputs s = _inputs;
            s.NowMicros = now;
            s.LastTickDurationMicros = _scheduler.LastDurationMicros;
            s.TickIntervalMicros = _scheduler.LastIntervalMicros;
            s.MotorCurrentAmps = _current.Amps;
            s.MotorCurrentRaw = _current.Raw;
            s.DriverFault = _motorDriver.FaultAsserted;
            s.DriverEnableReadBack = _motorDriver.EnableReadBack;
            s.AppliedDuty = _gate.AppliedDuty;
            s.BatteryVolts = _battery.InstantVolts; // unfiltered: the supervisor debounces itself (5 ms)
            s.StrokeRate = rate;
            s.StrokeCount = _tach.Count;
            s.StrokeSampleMicros = _tach.SampleMicros;
            s.CartridgePresent = present;
            s.DepthCommandMm = _depth.CommandMm;
            s.DepthMeasuredMm = depthMeasured;
            s.DepthFeedbackRaw = _depthActuator.FeedbackRaw;
            s.DepthLimitMm = CartridgeAccepted ? _depth.LimitMm : 0f;
            s.ThermistorRaw = _thermistor.Raw;
            s.HandpieceCelsius = _thermistor.Celsius;
            s.CalibrationValid = _calibrationValid;
            s.SettingsValid = _settingsValid;
            s.MotorCommanded = _motorCommanded;
            s.TargetStrokeRate = _targetRate;

            // 3. Safety decides first; it can only make the pen safer.
            _safety.Tick(s);

            // 4. State machine and controllers.
            TrackCartridge(present);
            if (_safety.Tripped && _state != PenState.Fault && _state != PenState.Lockout && _state != PenState.PowerOff)
            {
                EnterFault();
            }
            else if (_state == PenState.Fault && _safety.Tripped && _safety.StrictestPolicy >= ClearPolicy.PowerCycle)
            {
                // A later cause (or one left after an acknowledge) needs more than an acknowledge: the pen locks out.
                Transition(PenState.Lockout, TransitionReason.SafetyTrip, _safety.ActiveFault);
            }
            HandleButtons();
            if (_activity)
            {
                _activity = false;
                _session.Activity();
            }
            StepStateMachine(rate, depthMeasured);

            // 5. Motor output, only through the gate.
            _gate.Request(_motorCommanded ? _duty : 0f);
            if (_store != null)
            {
                _store.MotorRunning = _motorCommanded || _gate.AppliedDuty > 0f || _gate.Braking;
                if (_motorCommanded) _store.AddRunMicros(_dtMicros);
            }

            // 6. Indications (the status snapshot is refreshed when read).
            UpdateIndication();
            // 7. Liveness: the watchdog is fed last, and only if the supervisor completed a tick since the last feed, so a
            // loop that keeps running without its safety function (or dies half-way through a tick) starves it.
            uint done = _safety.CompletedTicks;
            if (done != _fedAtSafetyTick && _board.Watchdog != null)
            {
                _fedAtSafetyTick = done;
                _board.Watchdog.Feed();
            }
            _scheduler.End(_board.Clock.NowMicros);
        }

        private void TrackCartridge(bool present)
        {
            if (present == _cartridgePresent) return;
            _cartridgePresent = present;
            _cartridgeIdPending = true;
            if (present)
            {
                _session.NewSession();
            }
            else
            {
                _cartridgeIdValid = false;
                _cartridgeUsedUp = false;
                _cartridgePrepared = false;
                _cartridgeMaxDepthMm = 0f;
                _cartridgeNeedles = 0;
                _cartridgeNeedleNewtons = 0f;
                _cartridgeCheck = CartridgeCheck.Absent;
                if (_store != null) _store.CartridgeRemoved();
            }
            _activity = true;
        }

        private void StepStateMachine(float rate, float depthMeasured)
        {
            bool running = false;
            bool retract = false;
            switch (_state)
            {
                case PenState.Boot:
                case PenState.SelfTest:
                    retract = true;
                    if (_safety.SelfTestDone && !_safety.Tripped)
                    {
                        Transition(PenState.Idle, TransitionReason.SelfTestPassed, FaultCode.None);
                    }
                    break;

                case PenState.Idle:
                    if (CartridgeAccepted) Transition(PenState.Ready, TransitionReason.CartridgeAccepted, FaultCode.None);
                    else StepInactivity();
                    break;

                case PenState.Ready:
                    if (!CartridgeAccepted) Transition(PenState.Idle, TransitionReason.CartridgeGone, FaultCode.None);
                    else StepInactivity();
                    break;

                case PenState.Starting:
                    if (!CartridgeAccepted)
                    {
                        Refuse(FaultCode.CartridgeAbsent);
                        Transition(PenState.Idle, TransitionReason.CartridgeGone, FaultCode.CartridgeAbsent);
                    }
                    else if (!_cartridgePrepared && !_cartridgePrepareWanted && _cartridgeCheck != CartridgeCheck.Accepted)
                    {
                        // Writing the usage mark failed (or the cartridge turned out used): no run on it.
                        Refuse(_cartridgeCheck == CartridgeCheck.Reused ? FaultCode.CartridgeReused : FaultCode.CartridgeUnreadable);
                        Transition(PenState.Ready, TransitionReason.CartridgeGone, _lastRefusal);
                    }
                    else if (_depth.Reached && _cartridgePrepared && (_sessionStartLogged || _store == null))
                    {
                        _rate.Reset();
                        _session.RunStarted();
                        _pendingCue = IndicatorCue.Start;
                        Transition(PenState.Running, TransitionReason.DepthVerified, FaultCode.None);
                        running = true;
                    }
                    else if (_now - _stateEnteredMicros > (ulong)_config.DepthVerifyTimeoutMicros)
                    {
                        Refuse(FaultCode.DepthNotReached);
                        Transition(PenState.Ready, TransitionReason.DepthTimeout, FaultCode.DepthNotReached);
                    }
                    break;

                case PenState.Running:
                    running = true;
                    StepSession();
                    if (_state != PenState.Running) running = false;
                    break;

                case PenState.Stopping:
                    if (rate <= 0f || _now - _stateEnteredMicros > (ulong)_config.StopTimeoutMicros)
                    {
                        Transition(CartridgeAccepted ? PenState.Ready : PenState.Idle, TransitionReason.MotorStopped, FaultCode.None);
                    }
                    break;

                case PenState.Fault:
                case PenState.Lockout:
                    retract = true;
                    if (!_safety.Tripped)
                    {
                        Transition(CartridgeAccepted ? PenState.Ready : PenState.Idle, TransitionReason.FaultCleared, FaultCode.None);
                    }
                    break;

                case PenState.Sleep:
                    retract = true;
                    if (_session.Update(_dtMicros, false, true, false) == SessionEvent.InactivityPowerOff)
                    {
                        Transition(PenState.PowerOff, TransitionReason.PowerOff, FaultCode.None);
                    }
                    break;

                case PenState.PowerOff:
                    retract = true;
                    if (_board.System != null) _board.System.HoldPower(false);
                    break;
            }

            if (running)
            {
                _targetRate = _config.RateLevels[_rateLevel];
                _rate.MeasurementLagSeconds = _tach.LagSeconds;
                if (_rate.MotorModel) _rate.UpdatePathOhms(_safety.Limits.MotorPathOhmsAt(_thermistor.Celsius));
                _duty = _rate.Update(_controlDtMicros * 1e-6f, _targetRate, rate, _battery.Volts, _gate.DutyLimit, _loopAveraged ? _loopCurrent.Amps : _current.Amps);
                if (_safety.StallPushRequested) _duty = _rate.Push(_safety.StallPushDuty, _gate.DutyLimit);
                _motorCommanded = true;
            }
            else
            {
                _targetRate = 0f;
                _duty = 0f;
                _motorCommanded = false;
                _rate.Reset();
            }
            _depth.Update(_controlDtMicros, depthMeasured, running, retract);
        }

        private void StepSession()
        {
            SessionEvent e = _session.Update(_dtMicros, true, false, _buttons.IsDown(ButtonId.Start));
            switch (e)
            {
                case SessionEvent.MaxRunReached:
                    _pendingCue = IndicatorCue.SessionEnd;
                    Transition(PenState.Stopping, TransitionReason.MaxRunTime, FaultCode.None);
                    break;
                case SessionEvent.TreatmentLimitReached:
                    _pendingCue = IndicatorCue.SessionEnd;
                    Transition(PenState.Stopping, TransitionReason.TreatmentTime, FaultCode.None);
                    break;
                case SessionEvent.ButtonReleased:
                    _pendingCue = IndicatorCue.Stop;
                    Transition(PenState.Stopping, TransitionReason.ButtonReleased, FaultCode.None);
                    break;
                case SessionEvent.InactivityStop:
                    _pendingCue = IndicatorCue.SessionEnd;
                    Transition(PenState.Stopping, TransitionReason.Inactivity, FaultCode.None);
                    break;
            }
        }

        private void StepInactivity()
        {
            if (_session.Update(_dtMicros, false, false, false) == SessionEvent.InactivitySleep)
            {
                Transition(PenState.Sleep, TransitionReason.Inactivity, FaultCode.None);
            }
        }

        private void EnterFault()
        {
            FaultCode f = _safety.ActiveFault;
            ClearPolicy p = _safety.StrictestPolicy;
            bool lockout = p == ClearPolicy.Service || p == ClearPolicy.PowerCycle;
            _motorCommanded = false;
            _duty = 0f;
            _rate.Reset();
            Transition(lockout ? PenState.Lockout : PenState.Fault, TransitionReason.SafetyTrip, f);
        }

        private void Transition(PenState to, TransitionReason reason, FaultCode fault)
        {
            if (to == _state) return;
            PenState from = _state;
            _transitions.Add(_now, from, to, reason, fault);
            _state = to;
            _stateEnteredMicros = _now;
            if (_store == null) return;
            // Appends only fill preallocated RAM entries; Background() writes them with the motor stopped.
            EventLog log = _store.Events;
            if (to == PenState.Fault || to == PenState.Lockout)
            {
                _lastTrip = fault;
                log.AppendFault((int)fault, _tach.Rate, _depthActuator.MeasuredMm, _current.Amps, _thermistor.Celsius, _battery.Volts);
            }
            else if (reason == TransitionReason.FaultCleared)
            {
                log.Append(EventKind.FaultCleared, (int)_lastTrip, _clearedBy);
            }
            if (to == PenState.Starting)
            {
                // Background() writes the start entry before the motor may run (with the cartridge's usage mark when
                // there is one to write, so the start is not delayed by a job of its own).
                _sessionStartLogged = false;
                _sessionStartWanted = true;
            }
            else if (from == PenState.Starting && to != PenState.Running)
            {
                // A start given up before the motor ran: close the logged start so no later boot calls it interrupted.
                _sessionStartWanted = false;
                if (_sessionStartLogged)
                {
                    log.Append(EventKind.SessionEnd, (int)reason, _tach.Rate, _depthActuator.MeasuredMm, _current.Amps, _thermistor.Celsius,
                        _battery.Volts, 0u);
                }
            }
            else if (from == PenState.Running)
            {
                // With its snapshot, so an end is never folded into an older identical one (the boot's open-session search
                // relies on the order of session entries).
                log.Append(EventKind.SessionEnd, (int)reason, _tach.Rate, _depthActuator.MeasuredMm, _current.Amps, _thermistor.Celsius,
                    _battery.Volts, (uint)_session.RunSeconds);
            }
        }

        private void Refuse(FaultCode reason)
        {
            _lastRefusal = reason;
            _pendingCue = IndicatorCue.Refused;
        }

        private void HandleButtons()
        {
            Buttons b = _buttons;
            if (b.AnyActivity) _activity = true;
            if (_state == PenState.Sleep)
            {
                // Any press wakes the pen and is consumed by the wake.
                for (int i = 0; i < Buttons.Count; i++)
                {
                    if (b.Pressed((ButtonId)i))
                    {
                        Wake();
                        return;
                    }
                }
                return;
            }
            if (b.Pressed(ButtonId.Start))
            {
                if (_state == PenState.Running || _state == PenState.Starting) RequestStop();
                else if (_state != PenState.Fault && _state != PenState.Lockout) RequestStart();
                else _pendingCue = IndicatorCue.Refused;
            }
            if (b.LongPressed(ButtonId.Start) && _state == PenState.Fault) AcknowledgeFault();
            if (b.Pressed(ButtonId.RateUp) || b.Repeated(ButtonId.RateUp)) StepRate(+1);
            if (b.Pressed(ButtonId.RateDown) || b.Repeated(ButtonId.RateDown)) StepRate(-1);
            if (b.Pressed(ButtonId.DepthUp) || b.Repeated(ButtonId.DepthUp)) StepDepth(+1);
            if (b.Pressed(ButtonId.DepthDown) || b.Repeated(ButtonId.DepthDown)) StepDepth(-1);
        }

        private void StepRate(int direction)
        {
            int next = _rateLevel + direction;
            if (next < 0 || next >= _config.RateLevels.Length)
            {
                _pendingCue = IndicatorCue.Limit;
                return;
            }
            SetRateLevel(next);
        }

        private void StepDepth(int direction)
        {
            float next = _depth.TargetMm + direction * _config.DepthStepMm;
            if (next < -0.001f || !_depth.Allows(next))
            {
                _pendingCue = IndicatorCue.Limit;
                return;
            }
            if (next < 0f) next = 0f;
            SetDepthMm(next);
        }

        private void UpdateIndication()
        {
            IndicatorPattern p;
            FaultClass shown = FaultCatalog.ClassOf(ActiveFault);
            switch (_state)
            {
                case PenState.Boot:
                case PenState.SelfTest: p = IndicatorPattern.Booting; break;
                case PenState.Idle: p = IndicatorPattern.Idle; break;
                case PenState.Ready: p = shown == FaultClass.Warning ? IndicatorPattern.ReadyWarning : IndicatorPattern.Ready; break;
                case PenState.Starting: p = IndicatorPattern.Starting; break;
                case PenState.Running: p = shown == FaultClass.Limiting ? IndicatorPattern.RunningDerated : IndicatorPattern.Running; break;
                case PenState.Stopping: p = IndicatorPattern.Stopping; break;
                case PenState.Fault: p = IndicatorPattern.FaultTrip; break;
                case PenState.Lockout: p = IndicatorPattern.Lockout; break;
                case PenState.Sleep: p = IndicatorPattern.Sleep; break;
                default: p = IndicatorPattern.Off; break;
            }
            _indicator.SetPattern(p);
            if (_pendingCue != IndicatorCue.None)
            {
                if (_config.BuzzerEnabled) _indicator.Play(_pendingCue);
                _pendingCue = IndicatorCue.None;
            }
            _indicator.Update(_now);
        }

        private void UpdateStatus()
        {
            PenStatus st = _status;
            st.State = _state;
            st.Fault = ActiveFault;
            st.RateLevel = _rateLevel;
            st.RateLevelCount = _config.RateLevels.Length;
            st.LevelStrokeRate = _config.RateLevels[_rateLevel];
            st.TargetStrokeRate = _motorCommanded ? _rate.Setpoint : 0f;
            st.MeasuredStrokeRate = _tach.Rate;
            st.MotorDuty = _gate.AppliedDuty;
            st.DepthTargetMm = _depth.TargetMm;
            st.DepthMeasuredMm = _depthActuator.MeasuredMm;
            st.DepthLimitMm = _depth.LimitMm;
            st.MotorCurrentAmps = _current.Amps;
            st.HandpieceCelsius = _thermistor.Celsius;
            st.BatteryVolts = _battery.Volts;
            st.RunSeconds = _state == PenState.Running ? _session.RunSeconds : 0f;
            st.TreatmentSeconds = _session.TreatmentSeconds;
            st.CartridgePresent = _cartridgePresent;
            st.CartridgeAccepted = CartridgeAccepted;
            st.CartridgeNeedles = _cartridgeNeedles;
            st.CartridgeMaxDepthMm = _cartridgeMaxDepthMm;
            st.TickCount = _scheduler.TickCount;
            st.OverrunCount = _scheduler.Overruns;
        }
    }
}
