using MnPen.Hal;

namespace MnPen.Safety
{
    /// <summary>
    /// The safety supervisor: runs first in every control tick, sees the raw inputs, and can only force the motor
    /// safe (gate: duty 0 and driver asleep). Faults latch with their first cause; a clear never restarts the motor.
    /// Allocation-free after construction.
    /// </summary>
    public sealed class SafetySupervisor
    {
        private const int TripBits = 64;
        private const int MaxSlowLoopTicks = 64;

        private readonly MotorGate _gate;
        private readonly SafetyLimits _limits;
        private readonly SafetyInputs _last = new SafetyInputs();
        private readonly StrokeMonitor _strokes = new StrokeMonitor();
        private readonly StrokePlausibility _strokeCheck = new StrokePlausibility();
        private readonly OverloadInterlock _overload = new OverloadInterlock();
        private readonly TemperatureInterlock _temperature = new TemperatureInterlock();
        private readonly BatteryInterlock _battery = new BatteryInterlock();
        private readonly DepthInterlock _depth = new DepthInterlock();
        private readonly PersistenceTimer _currentMissing = new PersistenceTimer();
        private readonly RotorEmfBound _emf = new RotorEmfBound();
        private readonly PersistenceTimer _currentWhileOff = new PersistenceTimer();
        private readonly PersistenceTimer _relativeOverspeed = new PersistenceTimer();
        private readonly JamDetector _jam = new JamDetector();
        private readonly CheckReport _selfTestReport = new CheckReport();
        private readonly CheckReport _preRunReport = new CheckReport();

        private FaultCode _active = FaultCode.None;
        private ulong _tripMicros;
        // Every latched cause, the first included (bit = code - 100): each keeps its own clear policy until cleared.
        private ulong _latched;
        private int _otherCount;
        private int _quietGaps;
        private bool _haveTicked;
        private ulong _lastNow;
        private int _slowTicks;
        private readonly int[] _intervals = new int[MaxSlowLoopTicks];
        private int _intervalHead;
        private int _intervalCount;
        private long _intervalSum;
        private uint _completedTicks;
        private int _clockCheckTicksSeen;
        private int _clockCheckNormalTicks;
        private long _clockCheckNormalMicros;
        private int _enableMismatchTicks;
        private int _hardwareCutTicks;
        private long _tickCount;
        private int _frozenTicks;
        private int _lastCurrentRaw = -1;

        private bool _selfTestStarted;
        private bool _selfTestDone;
        private bool _selfTestFailed;
        private bool _clockCheckStarted;
        private FaultCode _bootWarning = FaultCode.None;

        private float _maxDutyFactor = 1f;

        /// <summary>Creates the supervisor; the gate stays forced safe until the self-test has passed. Null limits = defaults.</summary>
        public SafetySupervisor(MotorGate gate, SafetyLimits limits)
        {
            _gate = gate;
            _limits = limits ?? new SafetyLimits();
            _gate.ForceSafe();
            if (!_limits.IsValid()) Latch(FaultCode.SettingsInvalid, 0);
        }

        /// <summary>The gate this supervisor guards.</summary>
        public MotorGate Gate => _gate;

        /// <summary>The limits in force.</summary>
        public SafetyLimits Limits => _limits;

        /// <summary>First latched hard-trip cause, or None.</summary>
        public FaultCode ActiveFault => _active;

        /// <summary>True while a fault is latched (the motor is held off).</summary>
        public bool Tripped => _active != FaultCode.None;

        /// <summary>Hall pulses per back-EMF stroke learned for this pen (1 until learned; the stroke-sensor check).</summary>
        public float StrokeSensorRatio => _strokeCheck.Ratio;

        /// <summary>Latest stroke-sensor mismatch over its window, strokes (counted − expected), and the allowance.</summary>
        public float StrokeSensorMismatch => _strokeCheck.Mismatch;

        /// <summary>Clock time of the trip, microseconds (valid while Tripped).</summary>
        public ulong TripMicros => _tripMicros;

        /// <summary>Number of other distinct trip causes seen while a fault was latched.</summary>
        public int OtherFaultCount => _otherCount;

        /// <summary>Tick gaps longer than the limit that happened with the motor driver off (allowed; counted for service).</summary>
        public int QuietGaps => _quietGaps;

        /// <summary>
        /// Safety ticks completed since construction (wraps): the watchdog is fed only after a tick in which this advanced,
        /// so a loop that runs but skips the supervisor starves it.
        /// </summary>
        public uint CompletedTicks => _completedTicks;

        /// <summary>Active limiting code (TemperatureDerating before BatteryDerating), or None.</summary>
        public FaultCode ActiveLimit
        {
            get
            {
                if (_temperature.Derating) return FaultCode.TemperatureDerating;
                if (_battery.Derating) return FaultCode.BatteryDerating;
                return FaultCode.None;
            }
        }

        /// <summary>Active warning (BatteryLow before boot warnings), or None.</summary>
        public FaultCode ActiveWarning => _battery.Low ? FaultCode.BatteryLow : _bootWarning;

        /// <summary>Largest motor duty allowed now (derating), 0..1; the gate enforces it.</summary>
        public float MaxDutyFactor => _maxDutyFactor;

        /// <summary>Stroke rate as the supervisor measures it from the raw hall counter, strokes/s.</summary>
        public float MeasuredStrokeRate => _strokes.Rate;

        /// <summary>I²t accumulator above the continuous rating, A²·s.</summary>
        public float OverloadAccumulator => _overload.Accumulator;

        /// <summary>True once the self-test, including its clock cross-check, has finished.</summary>
        public bool SelfTestDone => _selfTestDone;

        /// <summary>True once the self-test finished with no blocking failure.</summary>
        public bool SelfTestPassed => _selfTestDone && !_selfTestFailed;

        /// <summary>Failed self-test checks (and boot warnings).</summary>
        public CheckReport SelfTestReport => _selfTestReport;

        /// <summary>
        /// The rotor looked blocked at the last tick before its first strokes: the control core should raise the duty to
        /// StallPushDuty for the coming tick (a heavy load, not yet a jam; the jam trip waits until the push has been tried).
        /// </summary>
        public bool StallPushRequested => _jam.PushRequested;

        /// <summary>Duty the stall push asks for (the first step, SafetyLimits.JamProbeFirstDutyAt, then the probe torque's duty), 0 when none.</summary>
        public float StallPushDuty => _jam.PushDuty;

        /// <summary>Result of the last RunPreRunChecks.</summary>
        public CheckReport PreRunReport => _preRunReport;

        /// <summary>True if the code is latched now (as first cause or as another cause): only its own clear policy removes it.</summary>
        public bool HasSeen(FaultCode code)
        {
            if (code == _active && code != FaultCode.None) return true;
            int bit = (int)code - 100;
            return bit >= 0 && bit < TripBits && (_latched & (1UL << bit)) != 0;
        }

        /// <summary>Every latched cause as a bit mask, bit n = fault code 100 + n (what the pen persists across restarts).</summary>
        public ulong LatchedMask => _latched;

        /// <summary>The strictest clear policy among every latched cause (Automatic when nothing is latched).</summary>
        public ClearPolicy StrictestPolicy
        {
            get
            {
                ClearPolicy worst = ClearPolicy.Automatic;
                for (int bit = 0; bit < TripBits; bit++)
                {
                    if ((_latched & (1UL << bit)) == 0) continue;
                    ClearPolicy p = FaultCatalog.PolicyOf((FaultCode)(100 + bit));
                    if (p > worst) worst = p;
                }
                return worst;
            }
        }

        /// <summary>
        /// Start-up self-test (IEC 60730 class B in spirit): driver-enable read-back, driver fault line at rest,
        /// current-sense offset at rest, sensor plausibility, storage CRCs and reset cause now; the clock cross-check
        /// over the next ClockCheckTicks ticks. Every check runs; every failure is reported and latched.
        /// </summary>
        public CheckReport RunSelfTest(PenBoard board, SelfTestFacts facts)
        {
            _selfTestReport.Clear();
            _selfTestStarted = true;
            _selfTestDone = false;
            _selfTestFailed = false;
            _clockCheckStarted = false;
            _gate.ForceSafe();

            if (!_gate.TestEnableReadBack(board.MotorEnableSense)) _selfTestReport.Add(FaultCode.DriverEnableReadback);
            if (!board.MotorFaultN.Read()) _selfTestReport.Add(FaultCode.DriverFault);

            int sum = 0;
            for (int k = 0; k < 8; k++) sum += board.MotorCurrent.ReadRaw();
            if (sum / 8 > _limits.CurrentOffsetMaxRaw) _selfTestReport.Add(FaultCode.CurrentOffsetOutOfRange);

            int ntc = board.Thermistor.ReadRaw();
            if (ntc >= _limits.ThermistorOpenRaw) _selfTestReport.Add(FaultCode.ThermistorOpen);
            if (ntc <= _limits.ThermistorShortRaw) _selfTestReport.Add(FaultCode.ThermistorShort);

            IAdcChannel bat = board.BatteryVoltage;
            // The ESP32-S3's counts scale with its own reference, so a nominal scale reads some pens 9 % high or low: the
            // validated calibration's scale, or the low-reading bound without one (SelfTestFacts).
            float mvPerCount = facts != null && facts.BatteryMillivoltsPerCount > 0f ? facts.BatteryMillivoltsPerCount : 2.70f;
            float volts = bat.ReadRaw() * mvPerCount / 1000f;
            if (volts < _limits.BatteryMinPlausibleVolts || volts > _limits.BatteryMaxPlausibleVolts) _selfTestReport.Add(FaultCode.BatterySenseImplausible);
            else if (volts < _limits.UnderVoltageVolts) _selfTestReport.Add(FaultCode.UnderVoltage);

            int depth = board.DepthFeedback.ReadRaw();
            if (depth < _limits.DepthFeedbackMinRaw || depth > _limits.DepthFeedbackMaxRaw) _selfTestReport.Add(FaultCode.DepthActuatorFault);

            if (facts == null)
            {
                _selfTestReport.Add(FaultCode.StorageCorrupt);
            }
            else
            {
                if (!facts.StorageOk) _selfTestReport.Add(FaultCode.StorageCorrupt);
                if (!facts.CalibrationCrcOk) _selfTestReport.Add(FaultCode.CalibrationInvalid);
                if (!facts.SettingsCrcOk) _selfTestReport.Add(FaultCode.SettingsInvalid);
                // A loop that aborted on an unexpected exception stopped like one the watchdog caught: the same
                // power-cycle fault, so a boot loop of exceptions is visible, never silent.
                if (facts.ResetCause == ResetCause.Watchdog || facts.ResetCause == ResetCause.LoopAbort) _selfTestReport.Add(FaultCode.WatchdogReset);
                if (facts.ResetCause == ResetCause.BrownOut)
                {
                    _bootWarning = FaultCode.BrownOutReset;
                    _selfTestReport.Add(FaultCode.BrownOutReset);
                }
            }

            ulong now = board.Clock.NowMicros;
            for (int k = 0; k < _selfTestReport.Count; k++)
            {
                FaultCode c = _selfTestReport[k];
                if (FaultCatalog.ClassOf(c) == FaultClass.HardTrip) Latch(c, now);
            }
            if (!_selfTestReport.Passed) _selfTestFailed = true;
            return _selfTestReport;
        }

        /// <summary>One safety tick. Call first in every control tick, before the control core acts.</summary>
        public void Tick(SafetyInputs i)
        {
            SafetyLimits l = _limits;
            ulong now = i.NowMicros;
            int dt = l.TickPeriodMicros;
            if (_haveTicked)
            {
                ulong d = now > _lastNow ? now - _lastNow : 0;
                dt = d > 1000000 ? 1000000 : (int)d;
            }
            _tickCount++;

            FaultCode first = FaultCode.None;

            // Loop timing: a gap means ticks were missed; repeated long ticks mean the loop cannot keep up. A gap matters
            // only if the motor was driven through it (the gate's output is what it was at the last tick): with the
            // driver asleep nothing can go wrong unwatched, and that is when slow work (an EEPROM programming wait, a
            // flash write) is allowed to hold the loop. Such gaps are counted, not tripped.
            // A braking gate (duty 0, driver awake to short the winding) cannot drive the motor either: a flash write
            // while the rotor brakes after a stop is a quiet gap too.
            bool driverOn = _gate.AwakeToDrive || _gate.AppliedDuty > 0f;
            if (_haveTicked && i.TickIntervalMicros > l.MaxTickIntervalMicros)
            {
                if (driverOn) first = Raise(first, FaultCode.ControlLoopOverrun);
                else _quietGaps++;
            }
            // A loop running too slowly (every tick under the gap limit, but at a fraction of its rate) shows in the mean.
            // Only intervals driven throughout count: a quiet pause just before a start must not look like a slow loop.
            if (!driverOn) _intervalCount = 0;
            else if (_haveTicked && TrackInterval(i.TickIntervalMicros, l)) first = Raise(first, FaultCode.ControlLoopOverrun);
            _slowTicks = i.LastTickDurationMicros > l.MaxTickDurationMicros ? _slowTicks + 1 : 0;
            if (_slowTicks >= l.OverrunTicks) first = Raise(first, FaultCode.ControlLoopOverrun);

            if (!i.CalibrationValid) first = Raise(first, FaultCode.CalibrationInvalid);
            if (!i.SettingsValid) first = Raise(first, FaultCode.SettingsInvalid);

            if (i.DriverFault) first = Raise(first, FaultCode.DriverFault);
            if (i.MotorCurrentAmps > l.OvercurrentAmps || i.MotorCurrentRaw >= l.OvercurrentRawCounts) first = Raise(first, FaultCode.Overcurrent);

            bool driveRequested = i.MotorCommanded || _gate.AppliedDuty > 0f || _gate.RequestedDuty > 0f;
            if (!i.CartridgePresent && driveRequested) first = Raise(first, FaultCode.CartridgeRemoved);

            // Read-back of the gated nSLEEP net reflects last tick's write; two ticks of disagreement rule out sampling
            // order. High while commanded low: the driver is awake without the firmware (unsafe, service). Low while
            // commanded high: the hardware protective channel cut the driver, which the firmware saw no reason to do.
            bool commanded = _gate.EnableCommanded;
            _enableMismatchTicks = i.DriverEnableReadBack && !commanded ? _enableMismatchTicks + 1 : 0;
            if (_enableMismatchTicks >= 2) first = Raise(first, FaultCode.DriverEnableReadback);
            // While the gate brakes after a stop or a trip the firmware has already stopped the drive; the hardware channel
            // cutting the net then (a pulled cartridge opens both channels at once) is the second channel agreeing, not a
            // cut the firmware saw no reason for.
            _hardwareCutTicks = !i.DriverEnableReadBack && _gate.AwakeToDrive ? _hardwareCutTicks + 1 : 0;
            if (_hardwareCutTicks >= 2) first = Raise(first, FaultCode.HardwareChannelCut);

            first = Raise(first, _temperature.Update(i, l));
            first = Raise(first, _battery.Update(i, l));

            float applied = _gate.AppliedDuty;
            bool stalled = _strokes.Update(i, applied, l);
            // Blocked at a low duty: perhaps only a heavy load (a puncture peak); the jam detector asks for more torque
            // before calling it a jam.
            if (_jam.Update(i, applied, _gate.DutyLimit, _strokes, l)) first = Raise(first, FaultCode.CartridgeJam);
            bool blocked = _jam.Blocked;
            if (stalled) first = Raise(first, blocked ? FaultCode.CartridgeJam : FaultCode.HallSensorSilent);
            if (_strokes.ConsecutiveFast >= 2) first = Raise(first, FaultCode.Overspeed);
            bool relFast = i.MotorCommanded && i.TargetStrokeRate > 0f
                && _strokes.Rate > i.TargetStrokeRate * l.OverspeedRelativeFactor + l.OverspeedRelativeMargin;
            if (_relativeOverspeed.Update(relFast, now, l.OverspeedRelativeMicros)) first = Raise(first, FaultCode.Overspeed);
            // The counter both rate measurements read could itself be wrong: check it against the motor.
            if (_strokeCheck.Update(i, applied, _gate.EnableCommanded, l)) first = Raise(first, FaultCode.StrokeSensorImplausible);

            if (_overload.Update(i.MotorCurrentAmps, dt, l)) first = Raise(first, FaultCode.Overload);

            // While the control core slows the motor (rate above its target) the bridge brakes it: current flows back
            // and the sense, which only sees forward current, rightly reads zero.
            // The supervisor's own rate over >= 200 ms, with a margin above its quantisation (5-6 %): the control core's
            // fit reads a few % high now and then at low rates, which must not keep excusing a dead sense.
            bool braking = i.MotorCommanded && i.TargetStrokeRate > 0f && _strokes.Rate > i.TargetStrokeRate * 1.08f + 1f;
            // A rotor faster than its drive sustains (coasting down after a duty step, e.g. once a start's stall push ends,
            // before this supervisor has a rate of its own) rightly draws no current either: not while its EMF bound allows it.
            _emf.Update(applied, i.BatteryVolts, i.MotorCurrentAmps, i.HandpieceCelsius, _strokes.Stopped(now, l), dt * 1e-6f, l);
            bool outrun = _emf.MayHoldCurrentBelowFloor(applied, i.BatteryVolts, i.HandpieceCelsius, l);
            bool missing = applied >= l.CurrentPlausibleMinDuty && i.MotorCurrentAmps < l.CurrentPlausibleMinAmps && !braking && !outrun;
            if (_currentMissing.Update(missing, now, l.CurrentPlausibleMicros)) first = Raise(first, FaultCode.CurrentSensorImplausible);
            // A frozen converter (stuck input, dead DMA) repeats one count; a live one moving current never does for long.
            _frozenTicks = applied > 0f && _gate.EnableCommanded && i.MotorCurrentRaw == _lastCurrentRaw ? _frozenTicks + 1 : 0;
            _lastCurrentRaw = i.MotorCurrentRaw;
            if (_frozenTicks >= l.CurrentFrozenTicks) first = Raise(first, FaultCode.CurrentSensorImplausible);
            bool whileOff = !_gate.EnableCommanded && i.MotorCurrentAmps > l.CurrentWhileOffAmps;
            if (_currentWhileOff.Update(whileOff, now, l.CurrentPlausibleMicros)) first = Raise(first, FaultCode.CurrentSensorImplausible);

            bool needleMoving = driveRequested || !_strokes.Stopped(now, l);
            first = Raise(first, _depth.Update(i, needleMoving, driveRequested, l));

            if (first != FaultCode.None) Latch(first, now);

            // Clock cross-check: the loop's wake-ups come from the RTOS tick, the microsecond clock from esp_timer; over the
            // intervals of about one period their spans must agree. Intervals stretched by a pause (a GC, a flash write)
            // are left out on both sides; a clock so wrong that no interval looks like a period fails too.
            if (_selfTestStarted && !_selfTestDone)
            {
                if (!_clockCheckStarted)
                {
                    _clockCheckStarted = true;
                    _clockCheckTicksSeen = 0;
                    _clockCheckNormalTicks = 0;
                    _clockCheckNormalMicros = 0;
                }
                else
                {
                    _clockCheckTicksSeen++;
                    if (dt <= l.TickPeriodMicros + l.TickPeriodMicros / 2)
                    {
                        _clockCheckNormalTicks++;
                        _clockCheckNormalMicros += dt;
                    }
                }
                if (_clockCheckStarted && _clockCheckTicksSeen >= l.ClockCheckTicks)
                {
                    float expected = (float)_clockCheckNormalTicks * l.TickPeriodMicros;
                    float actual = _clockCheckNormalMicros;
                    float err = actual > expected ? actual - expected : expected - actual;
                    if (_clockCheckNormalTicks * 2 < _clockCheckTicksSeen || err > expected * l.ClockTolerance)
                    {
                        _selfTestReport.Add(FaultCode.ClockMismatch);
                        _selfTestFailed = true;
                        Latch(FaultCode.ClockMismatch, now);
                    }
                    _selfTestDone = true;
                }
            }

            float factor = 1f;
            if (_temperature.Factor < factor) factor = _temperature.Factor;
            if (_battery.Derating && l.BatteryDerateFactor < factor) factor = l.BatteryDerateFactor;
            _maxDutyFactor = factor;
            _gate.SetDutyLimit(factor);

            if (Tripped) _gate.ForceSafe();
            else if (_gate.ForcedSafe && SelfTestPassed) _gate.Release();
            bool drivenUnderBrake = _gate.SettleBrake(now, i.StrokeCount, i.DriverFault, l);
            // A rotor that stroked on under brake was driven by a bridge that does not follow its PWM input (stuck on):
            // the gate has put it to sleep; the fault is recorded so the pen does not return to Ready on a stuck bridge
            // (only with the driver awake: a rotor coasting after the hardware channel cut nSLEEP is not being driven).
            // It counts as Overspeed (strokes far above a set rate of 0). A motor whose top speed is under the 170 /s
            // ceiling (kₑ well above nominal) was stopped this way without any record before (bench --motor-spread 30).
            if (drivenUnderBrake && i.DriverEnableReadBack) Latch(FaultCode.Overspeed, now);
            if (!i.MotorCommanded) _gate.Rearm();

            _last.CopyFrom(i);
            _lastNow = now;
            _haveTicked = true;
            _completedTicks++;
        }

        // Keeps the sum of the last SlowLoopTicks intervals; true when their mean is too long.
        private bool TrackInterval(int interval, SafetyLimits l)
        {
            int window = l.SlowLoopTicks < MaxSlowLoopTicks ? l.SlowLoopTicks : MaxSlowLoopTicks;
            if (interval < 0) interval = 0;
            if (_intervalCount == 0) _intervalSum = 0;
            if (_intervalCount == window)
            {
                int oldest = (_intervalHead + MaxSlowLoopTicks - window) % MaxSlowLoopTicks;
                _intervalSum -= _intervals[oldest];
                _intervalCount--;
            }
            _intervals[_intervalHead] = interval;
            _intervalHead = (_intervalHead + 1) % MaxSlowLoopTicks;
            _intervalSum += interval;
            _intervalCount++;
            return _intervalCount >= window && _intervalSum > (long)l.SlowLoopMeanIntervalMicros * window;
        }

        /// <summary>
        /// Any part of the firmware may trip the pen with a hard-trip code (e.g. storage found corrupt at run time).
        /// Returns false for codes that are not hard trips (nothing happens).
        /// </summary>
        public bool Trip(FaultCode code)
        {
            if (FaultCatalog.ClassOf(code) != FaultClass.HardTrip) return false;
            Latch(code, _last.NowMicros);
            return true;
        }

        /// <summary>
        /// User acknowledgement: clears the latched fault if its policy allows it, its condition is gone and the motor
        /// is neither commanded nor turning. The motor stays off: the gate needs a fresh start from zero.
        /// </summary>
        public AcknowledgeResult Acknowledge() => Clear(false);

        /// <summary>Technician's clear (after repair/recalibration): like Acknowledge but also clears service-policy faults.</summary>
        public AcknowledgeResult ServiceClear() => Clear(true);

        /// <summary>
        /// Pre-run checks: runs every check (never stops at the first failure) and reports every reason in PreRunReport.
        /// True if the pen may start.
        /// </summary>
        public bool RunPreRunChecks(SafetyInputs i, PreRunFacts facts, CheckReport report)
        {
            if (report == null) report = _preRunReport;
            report.Clear();
            SafetyLimits l = _limits;
            if (Tripped) { report.Add(FaultCode.FaultPending); report.Add(_active); }
            if (!SelfTestPassed) report.Add(FaultCode.SelfTestPending);
            if (!i.CartridgePresent) report.Add(FaultCode.CartridgeAbsent);
            else
            {
                if (facts == null || !facts.CartridgeIdValid) report.Add(FaultCode.CartridgeUnreadable);
                if (facts != null && facts.CartridgeUsedUp) report.Add(FaultCode.CartridgeReused);
                if (facts != null && l.StartTooHeavy(facts.CartridgeNeedles, facts.CartridgeNeedleNewtons, i.DepthCommandMm))
                    report.Add(FaultCode.CartridgeTooHeavy);
            }
            if (!(i.DepthLimitMm > 0f) || i.DepthCommandMm > i.DepthLimitMm + 0.001f) report.Add(FaultCode.DepthAboveLimit);
            float depthErr = i.DepthMeasuredMm - i.DepthCommandMm;
            if (depthErr < 0f) depthErr = -depthErr;
            if (!(depthErr <= l.DepthToleranceMm)) report.Add(FaultCode.DepthNotReached);
            if (i.DepthFeedbackRaw < l.DepthFeedbackMinRaw || i.DepthFeedbackRaw > l.DepthFeedbackMaxRaw) report.Add(FaultCode.DepthActuatorFault);
            float v = i.BatteryVolts;
            if (!(v >= l.BatteryMinPlausibleVolts && v <= l.BatteryMaxPlausibleVolts)) report.Add(FaultCode.BatterySenseImplausible);
            else if (v < l.BatteryStartMinVolts) report.Add(FaultCode.BatteryTooLowToStart);
            if (i.ThermistorRaw >= l.ThermistorOpenRaw) report.Add(FaultCode.ThermistorOpen);
            else if (i.ThermistorRaw <= l.ThermistorShortRaw) report.Add(FaultCode.ThermistorShort);
            else if (!(i.HandpieceCelsius < l.OverTemperatureCelsius - l.TemperatureHysteresisCelsius)) report.Add(FaultCode.OverTemperature);
            if (!i.CalibrationValid) report.Add(FaultCode.CalibrationInvalid);
            if (!i.SettingsValid) report.Add(FaultCode.SettingsInvalid);
            if (i.DriverFault) report.Add(FaultCode.DriverFault);
            if (!_gate.EnableCommanded && i.MotorCurrentAmps > l.CurrentWhileOffAmps) report.Add(FaultCode.CurrentOffsetOutOfRange);
            if (facts != null && facts.CalibrationDue) report.Add(FaultCode.CalibrationDue);
            if (_battery.Low || (v >= l.BatteryMinPlausibleVolts && v < l.BatteryLowVolts)) report.Add(FaultCode.BatteryLow);
            return report.Passed;
        }

        // Every latched cause is judged by its own policy: the action removes those it may clear whose condition is gone and
        // leaves the rest latched, so one acknowledge never clears a cause that needs a power cycle or a service clear. A
        // service clear does not stand in for a power cycle: those causes need the start-up self-test only a fresh start runs.
        private AcknowledgeResult Clear(bool service)
        {
            if (!Tripped) return AcknowledgeResult.NothingToClear;
            if (_last.MotorCommanded || _gate.RequestedDuty > 0f || !_strokes.Stopped(_last.NowMicros, _limits))
                return AcknowledgeResult.MotorStillCommanded;
            ulong keep = 0;
            bool needsService = false, needsPowerCycle = false;
            for (int bit = 0; bit < TripBits; bit++)
            {
                ulong m = 1UL << bit;
                if ((_latched & m) == 0) continue;
                FaultCode c = (FaultCode)(100 + bit);
                ClearPolicy p = FaultCatalog.PolicyOf(c);
                if (p == ClearPolicy.PowerCycle) { keep |= m; needsPowerCycle = true; }
                else if (p == ClearPolicy.Service && !service) { keep |= m; needsService = true; }
                else if (ConditionPresent(c)) keep |= m;
            }
            if (keep != 0)
            {
                Retain(keep);
                if (needsService) return AcknowledgeResult.NeedsService;
                if (needsPowerCycle) return AcknowledgeResult.NeedsPowerCycle;
                return AcknowledgeResult.ConditionPresent;
            }
            _active = FaultCode.None;
            _latched = 0;
            _otherCount = 0;
            // The gate stays forced safe here; the next Tick releases it, and the gate then waits for a zero request.
            return AcknowledgeResult.Cleared;
        }

        // Keeps only the given causes latched; the first cause stays if it is among them, else the strictest one left does.
        private void Retain(ulong keep)
        {
            _latched = keep;
            int activeBit = (int)_active - 100;
            if (activeBit < 0 || activeBit >= TripBits || (keep & (1UL << activeBit)) == 0)
            {
                FaultCode next = FaultCode.None;
                ClearPolicy best = ClearPolicy.Automatic;
                for (int bit = 0; bit < TripBits; bit++)
                {
                    if ((keep & (1UL << bit)) == 0) continue;
                    FaultCode c = (FaultCode)(100 + bit);
                    ClearPolicy p = FaultCatalog.PolicyOf(c);
                    if (next == FaultCode.None || p > best) { next = c; best = p; }
                }
                _active = next;
            }
            int n = 0;
            for (int bit = 0; bit < TripBits; bit++) if ((keep & (1UL << bit)) != 0) n++;
            _otherCount = n > 0 ? n - 1 : 0;
        }

        private bool ConditionPresent(FaultCode code)
        {
            SafetyInputs i = _last;
            SafetyLimits l = _limits;
            switch (code)
            {
                case FaultCode.Overcurrent: return i.MotorCurrentAmps > l.OvercurrentAmps || i.MotorCurrentRaw >= l.OvercurrentRawCounts;
                case FaultCode.Overload: return !_overload.CooledDown(l);
                case FaultCode.DriverFault: return i.DriverFault;
                case FaultCode.DepthAboveLimit: return !(i.DepthLimitMm > 0f) || i.DepthCommandMm > i.DepthLimitMm + 0.001f || i.DepthMeasuredMm > i.DepthLimitMm + l.DepthLimitMarginMm;
                case FaultCode.OverTemperature: return !(i.HandpieceCelsius < l.DerateStartCelsius - l.TemperatureHysteresisCelsius) || i.ThermistorRaw >= l.ThermistorOpenRaw || i.ThermistorRaw <= l.ThermistorShortRaw;
                case FaultCode.UnderVoltage: return !(i.BatteryVolts >= l.BatteryStartMinVolts);
                case FaultCode.SettingsInvalid: return !i.SettingsValid || !_limits.IsValid();
                case FaultCode.CalibrationInvalid: return !i.CalibrationValid;
                case FaultCode.ThermistorOpen: return i.ThermistorRaw >= l.ThermistorOpenRaw;
                case FaultCode.ThermistorShort: return i.ThermistorRaw <= l.ThermistorShortRaw;
                case FaultCode.BatterySenseImplausible: return !(i.BatteryVolts >= l.BatteryMinPlausibleVolts && i.BatteryVolts <= l.BatteryMaxPlausibleVolts);
                case FaultCode.DriverEnableReadback: return i.DriverEnableReadBack && !_gate.EnableCommanded;
                case FaultCode.HardwareChannelCut: return !i.DriverEnableReadBack && _gate.EnableCommanded;
                default: return false;
            }
        }

        private FaultCode Raise(FaultCode first, FaultCode code)
        {
            if (code == FaultCode.None) return first;
            if (first == FaultCode.None) return code;
            if (code != first) NoteOther(code);
            return first;
        }

        private void Latch(FaultCode code, ulong now)
        {
            // Cut first: nothing below may delay it.
            _gate.ForceSafe();
            if (_active == FaultCode.None)
            {
                _active = code;
                _tripMicros = now;
                int bit = (int)code - 100;
                if (bit >= 0 && bit < TripBits) _latched |= 1UL << bit;
            }
            else if (code != _active)
            {
                NoteOther(code);
            }
        }

        private void NoteOther(FaultCode code)
        {
            int bit = (int)code - 100;
            if (bit < 0 || bit >= TripBits) return;
            ulong m = 1UL << bit;
            if ((_latched & m) != 0 || code == _active) return;
            _latched |= m;
            _otherCount++;
        }
    }
}
