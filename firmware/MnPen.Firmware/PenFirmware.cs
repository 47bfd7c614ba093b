using MnPen.Drivers;
using MnPen.Hal;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware
{
    /// <summary>
    /// Composition root of the pen's firmware: drivers, safety supervisor, state machine and controllers, stepped by
    /// Tick() at a fixed rate. Portable: the same code runs on the ESP32 and in the simulator. Commands (buttons or host)
    /// never throw and never touch hardware directly; they change state that the next tick acts on.
    /// </summary>
    public sealed partial class PenFirmware
    {
        /// <summary>
        /// Control tick period, microseconds: 100 Hz, one FreeRTOS tick of nanoFramework's ESP32 build (docs/control.md
        /// explains the choice).
        /// </summary>
        public const int TickPeriodMicros = 10000;

        /// <summary>Firmware version written to the event log at boot (major.minor.patch as 0x00MMmmpp).</summary>
        public const uint FirmwareVersion = 0x00000100;


        private readonly PenBoard _board;
        private readonly PenStatus _status = new PenStatus();
        private readonly PenConfig _config = new PenConfig();
        private readonly MotorGate _gate;
        private readonly SafetySupervisor _safety;
        private readonly SafetyInputs _inputs = new SafetyInputs();
        private readonly PreRunFacts _preRunFacts = new PreRunFacts();
        private readonly SelfTestFacts _selfTestFacts = new SelfTestFacts();
        private readonly CheckReport _preRunReport = new CheckReport();
        private readonly TickScheduler _scheduler;
        private readonly int _periodMicros;
        private uint _fedAtSafetyTick;
        private readonly TransitionLog _transitions = new TransitionLog();

        private readonly CurrentSensor _current;
        private readonly AveragedCurrentSensor _loopCurrent;
        private bool _loopAveraged;
        private readonly BatteryMonitor _battery;
        private readonly Thermistor _thermistor;
        private readonly Tachometer _tach;
        private readonly DepthActuator _depthActuator;
        private readonly MotorDriver _motorDriver;
        private readonly SafetyWatchdogKicker _kicker;
        private readonly Buttons _buttons;
        private readonly Indicator _indicator;
        private readonly RateController _rate = new RateController();
        private readonly DepthController _depth;
        private readonly SessionRules _session = new SessionRules();
        private readonly PenStore _store;
        private readonly LatchKeeper _latches;

        private PenState _state = PenState.Boot;
        private ulong _now;
        private ulong _stateEnteredMicros;
        private int _dtMicros;
        private int _controlDtMicros;
        private bool _calibrationValid;
        private bool _settingsValid;
        private Calibration _calibration;
        private Settings _settings;
        private int _rateLevel;
        private bool _motorCommanded;
        private float _duty;
        private float _targetRate;
        private FaultCode _lastRefusal = FaultCode.None;
        private IndicatorCue _pendingCue = IndicatorCue.None;
        private bool _activity;
        private float _depthLimitSettingMm = DepthController.AbsoluteMaxMm;

        // Cartridge: presence from the switch each tick; identity read in Background() (1-Wire is too slow for the tick).
        private bool _cartridgePresent;
        private bool _cartridgeIdPending;
        private bool _cartridgeIdValid;
        private bool _cartridgeUsedUp;
        private int _cartridgeNeedles;
        private float _cartridgeMaxDepthMm;
        private float _cartridgeNeedleNewtons;
        private CartridgeCheck _cartridgeCheck = CartridgeCheck.NotChecked;
        private FaultCode _lastTrip = FaultCode.None;
        private uint _clearedBy;
        private bool _cartridgePrepareWanted;
        private bool _cartridgePrepared;
        private bool _sessionStartWanted;
        private bool _storageCheckPending;
        private bool _sessionStartLogged;

        /// <summary>Creates the firmware over a board; the motor is held off until Boot() and a start command.</summary>
        public PenFirmware(PenBoard board) : this(board, null)
        {
        }

        /// <summary>Creates the firmware with explicit safety limits (null = the reference pen's defaults).</summary>
        public PenFirmware(PenBoard board, SafetyLimits limits) : this(board, limits, TickPeriodMicros)
        {
        }

        /// <summary>
        /// Creates the firmware with explicit safety limits and control period, microseconds (tests and the platform
        /// model's known-bad configuration; the pen uses TickPeriodMicros). The limits' TickPeriodMicros should match.
        /// </summary>
        public PenFirmware(PenBoard board, SafetyLimits limits, int tickPeriodMicros)
        {
            _board = board;
            _periodMicros = tickPeriodMicros > 0 ? tickPeriodMicros : TickPeriodMicros;
            _scheduler = new TickScheduler(_periodMicros);
            _dtMicros = _periodMicros;
            _controlDtMicros = _periodMicros;
            _gate = new MotorGate(board.MotorPwm, board.MotorEnable);
            _safety = new SafetySupervisor(_gate, limits);
            // The H-bridge PWM peripheral runs from boot at the gate's duty (0, bridge asleep); only the gate sets duty.
            if (board.MotorPwm != null && !board.MotorPwm.Running) board.MotorPwm.Start();
            _current = new CurrentSensor(board.MotorCurrent);
            _loopCurrent = new AveragedCurrentSensor(board.MotorCurrentMean, _current);
            // The rate loop's observer reads the averaged node when the board has it (docs/control.md, "Stroke rate").
            RateLoopAveragedCurrent = true;
            _battery = new BatteryMonitor(board.BatteryVoltage);
            _thermistor = new Thermistor(board.Thermistor, _safety.Limits.ThermistorOpenRaw, _safety.Limits.ThermistorShortRaw);
            _tach = new Tachometer(board.StrokeCounter);
            _depthActuator = new DepthActuator(board.DepthDrive, board.DepthFeedback);
            _motorDriver = new MotorDriver(board.MotorFaultN, board.MotorEnable, board.MotorEnableSense);
            _kicker = new SafetyWatchdogKicker(board.SafetyWatchdogKick);
            _buttons = new Buttons(board);
            _indicator = new Indicator(board);
            _depth = new DepthController(_depthActuator);
            // Without non-volatile storage (bare test boards) there is no store: calibration must then be supplied.
            _store = board.Storage != null ? new PenStore(board) : null;
            _latches = _store != null ? new LatchKeeper(_store.Latches, _safety) : null;
        }

        /// <summary>Persistent calibration, settings, event log and cartridge usage (null on a board without storage).</summary>
        public PenStore Store => _store;

        /// <summary>True until the start-up storage write/read-back check has run (the first Background() job after the clock check).</summary>
        public bool StorageCheckPending => _storageCheckPending;

        /// <summary>Keeps power-cycle and service faults across restarts (null on a board without storage).</summary>
        public LatchKeeper Latches => _latches;

        /// <summary>Verdict on the seated cartridge from its ID memory.</summary>
        public CartridgeCheck CartridgeVerdict => _cartridgeCheck;

        /// <summary>Current control-core state.</summary>
        public PenState State => _state;

        /// <summary>Active fault: the latched trip, else a limiting or warning code, else None.</summary>
        public FaultCode ActiveFault
        {
            get
            {
                if (_safety.Tripped) return _safety.ActiveFault;
                FaultCode limit = _safety.ActiveLimit;
                if (limit != FaultCode.None) return limit;
                return _safety.ActiveWarning;
            }
        }

        /// <summary>
        /// Preallocated status snapshot, refreshed when read: the control tick never pays for a copy nobody reads
        /// (the link reads it a few times a second), and a reader always sees the latest tick and command.
        /// </summary>
        public PenStatus Status
        {
            get
            {
                UpdateStatus();
                return _status;
            }
        }

        /// <summary>The safety supervisor (runs first in every tick).</summary>
        public SafetySupervisor Safety => _safety;

        /// <summary>The gate through which all motor output passes.</summary>
        public MotorGate Gate => _gate;

        /// <summary>Configuration in force (defaults until Boot() loads the stored settings).</summary>
        public PenConfig Config => _config;

        /// <summary>Stroke-rate controller (exposed for bench tools: open-loop comparison, gains).</summary>
        public RateController RateControl => _rate;

        /// <summary>The rate loop's motor current: the IPROPI node averaged by its RC (AveragedCurrentSensor).</summary>
        public AveragedCurrentSensor LoopCurrent => _loopCurrent;

        /// <summary>
        /// True (the default, on a board that has it): the rate loop's load observer reads the averaged current channel,
        /// with the RC's lag on its drive voltage and reads left out for 80 ms after a down-step (LoadObserver.BrakeHoldSeconds:
        /// 0.06-0.08 s passed every down-step of the rate suite). False: it reads the IPROPI node itself, as a board without
        /// the RC does (the rate bench's known-bad).
        /// </summary>
        public bool RateLoopAveragedCurrent
        {
            get => _loopAveraged;
            set
            {
                _loopAveraged = value && _loopCurrent.Available;
                _rate.Load.InputFilterSeconds = _loopAveraged ? AveragedCurrentSensor.FilterSeconds : 0f;
                _rate.Load.BrakeHoldSeconds = _loopAveraged ? 0.08f : 0f;
            }
        }

        /// <summary>Depth controller.</summary>
        public DepthController DepthControl => _depth;

        /// <summary>Session timers and rules.</summary>
        public SessionRules Session => _session;

        /// <summary>Handpiece thermistor reader (its scaling comes from the calibration record).</summary>
        public Thermistor ThermistorSensor => _thermistor;

        /// <summary>Battery voltage reader (its scaling comes from the calibration record).</summary>
        public BatteryMonitor BatterySensor => _battery;

        /// <summary>Tick timing and overrun accounting.</summary>
        public TickScheduler Scheduler => _scheduler;

        /// <summary>State transitions not yet written to the event log.</summary>
        public TransitionLog Transitions => _transitions;

        /// <summary>LED/buzzer driver.</summary>
        public Indicator Indicator => _indicator;

        /// <summary>Why the last start was refused (first blocking pre-run failure), or None.</summary>
        public FaultCode LastRefusalFault => _lastRefusal;

        /// <summary>Every reason of the last pre-run check (all checks run, all failures listed).</summary>
        public CheckReport PreRunReport => _preRunReport;

        /// <summary>
        /// True while the self-test's clock cross-check runs (at boot, and again for a self-test on request): a flash
        /// write stalls the processor for milliseconds, which that check would read as a clock fault, so storage waits.
        /// </summary>
        public bool StorageHeld => !_safety.SelfTestDone;

        /// <summary>Longest a storage hold lasts, milliseconds (the clock check's 100 ticks, with margin).</summary>
        public const int StorageHoldMaxMs = 150;

        /// <summary>Calibration loaded and validated.</summary>
        public bool CalibrationValid => _calibrationValid;

        /// <summary>Settings loaded and validated.</summary>
        public bool SettingsValid => _settingsValid;

        /// <summary>
        /// Supplies the calibration before Boot() (service tools, tests, or a store loaded by the host).
        /// Boot() validates it; an invalid or missing one makes the pen refuse to run.
        /// </summary>
        public void UseCalibration(Calibration calibration)
        {
            _calibration = calibration;
        }

        /// <summary>Supplies the settings before Boot(); invalid or missing settings fall back to nothing: the pen refuses to run.</summary>
        public void UseSettings(Settings settings)
        {
            _settings = settings;
        }

        /// <summary>Runs the self-test, loads calibration and settings and enters SelfTest (then Idle/Ready, Fault or Lockout).</summary>
        public void Boot()
        {
            _now = _board.Clock.NowMicros;
            _stateEnteredMicros = _now;
            Transition(PenState.SelfTest, TransitionReason.PowerUp, FaultCode.None);
            if (_board.System != null) _board.System.HoldPower(true);

            ResetCause cause = _board.System != null ? _board.System.LastResetCause : ResetCause.Unknown;
            bool storedSettingsOk = true;
            if (_store != null)
            {
                _store.Boot((int)cause, FirmwareVersion);
                if (_calibration == null) _calibration = _store.Calibration;
                if (_settings == null) _settings = _store.Settings;
                // Corrupt stored settings leave the defaults in force; the self-test still reports them.
                storedSettingsOk = _store.SettingsValid;
            }
            else if (_settings == null)
            {
                _settings = Settings.CreateDefaults();
            }
            ApplyCalibration(_calibration);
            ApplySettings(_settings);

            // Before the self-test, so the pen shows the same first cause as before the restart.
            if (_latches != null) _latches.Restore(cause, _store.Events);

            _selfTestFacts.ResetCause = cause;
            _selfTestFacts.CalibrationCrcOk = _calibrationValid;
            _selfTestFacts.SettingsCrcOk = _settingsValid && storedSettingsOk;
            // Record CRCs were judged by the loads above; the write/read-back check of the flash itself writes, so it runs
            // as the first Background() job once the clock check is over (StorageCheckPending), before any start is possible.
            _selfTestFacts.StorageOk = true;
            _selfTestFacts.BatteryMillivoltsPerCount = _battery.VoltsPerCount * 1000f;
            _storageCheckPending = _store != null;
            _safety.RunSelfTest(_board, _selfTestFacts);

            _rateLevel = _config.DefaultRateLevel;
            _depth.SetLimit(_depthLimitSettingMm);
            _depth.SetTarget(_config.DefaultDepthMm <= _depth.LimitMm ? _config.DefaultDepthMm : _depth.LimitMm);
            _cartridgePresent = _board.CartridgePresent.Read();
            _cartridgeIdPending = true;
            if (!_cartridgePresent && _store != null) _store.CartridgeRemoved();
            _session.Activity();
            UpdateStatus();
        }

        private void ApplyCalibration(Calibration c)
        {
            _calibrationValid = false;
            // Without a valid record the sensors fall back to their safe-side scales (reading hot and low).
            _thermistor.Configure(Thermistor.UncalibratedRailCounts);
            _battery.Configure(BatteryMonitor.UncalibratedMillivoltsPerCount);
            if (c == null || CalibrationValidator.Validate(c) != null) return;
            bool ok = _rate.Configure(c.FeedForwardRates, c.FeedForwardDuties, c.FeedForwardSupplyVolts, c.RateKp, c.RateKi);
            ok &= _depthActuator.Configure(c.DepthMm, c.DepthDrive, c.DepthFeedbackCounts);
            ApplyMotor(c);
            _current.Configure(c.CurrentOffsetCounts, c.CurrentMilliampsPerCount);
            _thermistor.Configure(c.ThermistorRailCounts);
            _battery.Configure(c.BatteryMillivoltsPerCount);
            _calibrationValid = ok;
        }

        // The pen's own motor, when the station measured it: the rate loop's motor equation on it, and the jam and stroke
        // plausibility checks judging current against its resistance and back-EMF rather than the nominal motor's.
        // Without it the rate loop keeps the pen's air table (RateController.TuneForMotor).
        private void ApplyMotor(Calibration c)
        {
            if (!c.MotorCalibrated)
            {
                _rate.TuneForMotor(0f, 0f);
                return;
            }
            _rate.TuneForMotor(c.MotorBackEmfVoltSecondsPerRad, c.MotorResistanceOhms + _safety.Limits.BridgeOnResistanceOhms);
            SafetyLimits l = _safety.Limits;
            l.MotorResistanceOhms = c.MotorResistanceOhms;
            l.MotorBackEmfVoltSecondsPerRad = c.MotorBackEmfVoltSecondsPerRad;
        }

        private void ApplySettings(Settings s)
        {
            _settingsValid = false;
            if (s == null || s.Validate() != null) return;
            float[] levels = new float[s.RateLevels.Length];
            for (int i = 0; i < levels.Length; i++) levels[i] = s.RateLevels[i];
            _config.RateLevels = levels;
            _config.DefaultRateLevel = s.StartRateLevel;
            _config.MaxContinuousRunSeconds = s.MaxContinuousRunSeconds;
            _config.TreatmentLimitSeconds = s.TreatmentTimerSeconds;
            _config.InactivitySleepSeconds = s.InactivityAutoStopSeconds;
            _config.StopOnButtonRelease = s.StopOnRelease;
            _config.DepthStepMm = s.DepthStepMm;
            _depthLimitSettingMm = s.DepthLimitMm;
            _settingsValid = _config.IsValid();
            ApplyConfig();
        }

        /// <summary>Re-reads Config into the session rules (after tools or tests change it).</summary>
        public void ApplyConfig()
        {
            _session.MaxContinuousRunSeconds = _config.MaxContinuousRunSeconds;
            _session.TreatmentLimitSeconds = _config.TreatmentLimitSeconds;
            _session.InactivitySleepSeconds = _config.InactivitySleepSeconds;
            _session.InactivityStopSeconds = _config.InactivitySleepSeconds;
            _session.SleepPowerOffSeconds = _config.SleepPowerOffSeconds;
            _session.StopOnButtonRelease = _config.StopOnButtonRelease;
            if (_rateLevel >= _config.RateLevels.Length) _rateLevel = _config.RateLevels.Length - 1;
        }

        /// <summary>
        /// Non-real-time work (cartridge identity, usage mark, storage flush), called by the loop after each tick. One job
        /// per call, so the time a call holds the loop is bounded by the longest job (the cartridge read: ~150 1-Wire
        /// bytes at 0.7 ms ≈ 110 ms) and the watchdog is fed between jobs.
        /// </summary>
        public void Background()
        {
            // Nothing here may run while the motor turns: 1-Wire and flash writes take milliseconds.
            // Nor while the gate still brakes a stop or a trip: the driver is then awake, so the window watchdog watches the
            // kicks, and a 1-Wire read holding the loop for longer than its window (tWDU, 46.8 ms at the oscillator's fast
            // limit) latches its fault memory, which only a processor reset clears: the next start would end in
            // HardwareChannelCut. The brake ends within limits.BrakeMaxMicros, so the job only waits for it.
            if (_motorCommanded || _gate.EnableCommanded) return;
            if (_storageCheckPending && !StorageHeld)
            {
                // Part of the start-up self-test: a flash that drops writes or returns stale data locks the pen out
                // before the cartridge is even read (so before any start).
                _storageCheckPending = false;
                if (!_store.StorageCheck.Run((uint)_store.Events.BootNumber ^ (uint)_now)) _safety.Trip(FaultCode.StorageCorrupt);
                return;
            }
            // A new latch reaches flash first: a power cut must not be able to clear it.
            if (_latches != null && !StorageHeld && _latches.Background()) return;
            if (_cartridgeIdPending)
            {
                _cartridgeIdPending = false;
                ReadCartridgeIdentity();
                return;
            }
            if (_cartridgePrepareWanted)
            {
                _cartridgePrepareWanted = false;
                PrepareCartridge();
                if (_sessionStartWanted && _cartridgePrepared)
                {
                    _sessionStartWanted = false;
                    LogSessionStart();
                }
                return;
            }
            if (_sessionStartWanted)
            {
                _sessionStartWanted = false;
                LogSessionStart();
                return;
            }
            if (_store != null && !StorageHeld) _store.Background();
        }

        private void ReadCartridgeIdentity()
        {
            _cartridgeIdValid = false;
            _cartridgeUsedUp = false;
            _cartridgeNeedles = 0;
            _cartridgeMaxDepthMm = 0f;
            _cartridgeNeedleNewtons = 0f;
            _cartridgePrepared = false;
            _cartridgeCheck = CartridgeCheck.NotChecked;
            if (_cartridgePresent && _store != null)
            {
                CartridgeCheck c = _store.CheckCartridge(0);
                _cartridgeCheck = c;
                if (c == CartridgeCheck.Accepted)
                {
                    _cartridgeIdValid = true;
                    _cartridgeNeedles = _store.Cartridge.NeedleCount;
                    _cartridgeMaxDepthMm = _store.Cartridge.MaxDepthMm;
                    _cartridgeNeedleNewtons = _store.Cartridge.NeedlePunctureCentinewtons * 0.01f;
                }
                else if (c == CartridgeCheck.Reused)
                {
                    _cartridgeIdValid = true;
                    _cartridgeUsedUp = true;
                }
            }
            UpdateDepthLimit();
        }

        private void PrepareCartridge()
        {
            if (_store == null || !_cartridgePresent) return;
            CartridgeCheck c = _store.PrepareCartridgeForRun((uint)(_now / 1000000UL));
            _cartridgeCheck = c;
            _cartridgePrepared = c == CartridgeCheck.Accepted;
        }

        // The session's start reaches flash before the motor may turn, so a power loss during the run cannot erase it: the
        // next boot finds it without an end and logs the session as interrupted (PenStore.Boot). A failed write does not
        // hold the start back (the log is a record, not an interlock); the entry stays queued for the next flush.
        private void LogSessionStart()
        {
            if (_store != null)
            {
                _store.Events.Append(EventKind.SessionStart, _rateLevel, _config.RateLevels[_rateLevel], _depth.TargetMm,
                    _current.Amps, _thermistor.Celsius, _battery.Volts, (uint)Settings.ToSteps(_depth.TargetMm));
                _store.Events.Flush();
            }
            _sessionStartLogged = true;
        }

        private void UpdateDepthLimit()
        {
            // Without an accepted cartridge the limit is the user limit; starting is refused anyway.
            float limit = _depthLimitSettingMm;
            if (_cartridgeIdValid && !_cartridgeUsedUp && _cartridgeMaxDepthMm < limit) limit = _cartridgeMaxDepthMm;
            _depth.SetLimit(limit);
        }

        private bool CartridgeAccepted => _cartridgePresent && _cartridgeIdValid && !_cartridgeUsedUp && !_cartridgeIdPending;
    }
}
