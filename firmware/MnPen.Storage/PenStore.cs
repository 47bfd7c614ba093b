using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// Everything the control core persists, behind one object: calibration, settings, event log and cartridge usage.
    /// Boot() loads; the tick may only call the allocation-free members (MotorRunning, AddRunMicros, CartridgeRemoved,
    /// Events.Append*); Background() does the writing, and only while the motor is stopped.
    /// </summary>
    public sealed class PenStore
    {
        /// <summary>File name prefix of the calibration record.</summary>
        public const string CalibrationName = "calib";

        /// <summary>File name prefix of the settings record.</summary>
        public const string SettingsName = "settings";

        /// <summary>File of the security log (link events kept apart so no flood of other events can evict them).</summary>
        public const string SecurityLogName = "security.log";

        /// <summary>Entries of the security log. Keyless clients can add only unlock failures, which fold into one entry per lockout step.</summary>
        public const int SecurityLogCapacity = 64;

        private readonly WriteGuard _guard = new WriteGuard();
        private readonly RecordStore _calibrationStore;
        private readonly RecordStore _settingsStore;
        private readonly byte[] _encodeBuffer = new byte[CalibrationCodec.MaxPayload];

        /// <summary>Creates the store on the board's storage, cartridge bus and clock.</summary>
        public PenStore(PenBoard board) : this(board.Storage, board.CartridgeBus, board.Clock)
        {
        }

        /// <summary>Creates the store from its three HAL parts (cartridgeBus and clock may be null in tests).</summary>
        public PenStore(INonVolatileStorage storage, IOneWireBus cartridgeBus, IClock clock)
        {
            _calibrationStore = new RecordStore(storage, CalibrationName, CalibrationCodec.RecordType, CalibrationCodec.MaxPayload, _guard);
            _settingsStore = new RecordStore(storage, SettingsName, SettingsCodec.RecordType, 64, _guard);
            Events = new EventLog(storage, _guard, clock, EventLog.DefaultCapacity, EventLog.DefaultQueueSize);
            Security = new EventLog(storage, _guard, clock, SecurityLogCapacity, 8, SecurityLogName);
            LinkGuard = new LinkGuardStore(storage, _guard);
            Latches = new LatchStore(storage, _guard);
            StorageCheck = new StorageSelfTest(storage, _guard);
            Cartridges = new CartridgeRegistry(storage, _guard);
            CartridgeMemory = new CartridgeMemory(cartridgeBus, clock);
            Usage = new CartridgeUsage(Cartridges, CartridgeMemory, Events, _guard);
            Settings = Settings.CreateDefaults();
            SettingsValid = true;
            SettingsReason = "";
            CalibrationResult = new CalibrationLoadResult(CalibrationStatus.Missing, "calibration not loaded yet", null, 0);
            LastError = "";
        }

        /// <summary>The shared write guard.</summary>
        public WriteGuard Guard
        {
            get { return _guard; }
        }

        /// <summary>Set by the core every tick: while true nothing is written (writes wait for Background with the motor stopped).</summary>
        public bool MotorRunning
        {
            get { return _guard.MotorRunning; }
            set { _guard.MotorRunning = value; }
        }

        /// <summary>The event log (Append* are safe in the tick).</summary>
        public EventLog Events { get; private set; }

        /// <summary>The security log: service-access events of the link, in their own ring (docs/safety/link-threats.md).</summary>
        public EventLog Security { get; private set; }

        /// <summary>The service lock's persisted state (challenge epoch, failures, lockout); loaded by the link.</summary>
        public LinkGuardStore LinkGuard { get; private set; }

        /// <summary>Latched power-cycle and service faults, kept across restarts (loaded and saved by the control core).</summary>
        public LatchStore Latches { get; private set; }

        /// <summary>The self-test's scratch-record write/read-back check.</summary>
        public StorageSelfTest StorageCheck { get; private set; }

        /// <summary>The pen's list of run cartridges.</summary>
        public CartridgeRegistry Cartridges { get; private set; }

        /// <summary>The 1-Wire driver for the cartridge's ID memory.</summary>
        public CartridgeMemory CartridgeMemory { get; private set; }

        /// <summary>Outcome of the last calibration load or save.</summary>
        public CalibrationLoadResult CalibrationResult { get; private set; }

        /// <summary>The calibration in force, or null: the pen must not run without one.</summary>
        public Calibration Calibration
        {
            get { return CalibrationResult.Calibration; }
        }

        /// <summary>Settings in force (defaults if none were stored or the stored ones were unusable). Never null.</summary>
        public Settings Settings { get; private set; }

        /// <summary>How the stored settings were found at load.</summary>
        public RecordStatus SettingsStatus { get; private set; }

        /// <summary>False if stored settings existed but were corrupt or out of bounds (defaults are in force; report it).</summary>
        public bool SettingsValid { get; private set; }

        /// <summary>Why the stored settings were not used (empty if they were).</summary>
        public string SettingsReason { get; private set; }

        /// <summary>Reason of the last refused save.</summary>
        public string LastError { get; private set; }

        /// <summary>Single-use enforcement and run-time accounting of the seated cartridge.</summary>
        public CartridgeUsage Usage { get; private set; }

        /// <summary>Verdict on the seated cartridge.</summary>
        public CartridgeCheck CartridgeStatus
        {
            get { return Usage.Status; }
        }

        /// <summary>Decoded ID memory of the seated cartridge (valid after <see cref="CheckCartridge"/>).</summary>
        public CartridgeImage Cartridge
        {
            get { return Usage.Image; }
        }

        /// <summary>Run time of the seated cartridge including the unsaved part (s).</summary>
        public uint CartridgeRunSeconds
        {
            get { return Usage.RunSeconds; }
        }

        /// <summary>Run-time updates that could not be written to the cartridge since boot (the registry still has them).</summary>
        public int UsageWriteFailures
        {
            get { return Usage.UsageWriteFailures; }
        }

        /// <summary>This pen's identity as written into cartridges: CRC32 of its serial number.</summary>
        public uint PenId
        {
            get { return Usage.PenId; }
        }

        /// <summary>Loads everything at power-up, continues the event log, logs the boot, migrates or repairs damaged records.</summary>
        public void Boot(int resetCause, uint firmwareVersion)
        {
            LoadCalibration();
            LoadSettings();
            Events.Load();
            Events.BootNumber = Events.LastBootNumber + 1;
            Security.Load();
            Security.BootNumber = Events.BootNumber;
            RecordStatus reg = Cartridges.Load();
            uint previousFirmware = PreviousFirmwareVersion();
            uint openSession = OpenSessionStart();
            Events.Append(EventKind.Boot, resetCause, firmwareVersion);
            if (openSession != 0)
            {
                Events.Append(EventKind.SessionInterrupted, resetCause, openSession);
            }
            if (previousFirmware != 0 && previousFirmware != firmwareVersion)
            {
                Events.Append(EventKind.FirmwareUpdated, 0, firmwareVersion);
            }
            if (Events.DamagedAtLoad > 0)
            {
                Events.Append(EventKind.StorageRepaired, EventLog.RecordType, (uint)Events.DamagedAtLoad);
            }
            if (reg == RecordStatus.Corrupt)
            {
                Events.Append(EventKind.StorageRepaired, CartridgeRegistry.RecordType, 0);
            }

            // Rewrite what was migrated or found with a damaged slot, so both slots hold the current record again.
            if (CalibrationResult.IsValid && (_calibrationStore.SlotDamaged || CalibrationResult.StoredVersion != CalibrationCodec.CurrentVersion))
            {
                int n = CalibrationCodec.Encode(CalibrationResult.Calibration, _encodeBuffer);
                if (n > 0 && _calibrationStore.Save(CalibrationCodec.CurrentVersion, _encodeBuffer, n) == StoreWriteResult.Ok)
                {
                    Events.Append(EventKind.StorageRepaired, CalibrationCodec.RecordType, (uint)CalibrationResult.StoredVersion);
                }
            }
            if (SettingsStatus == RecordStatus.Ok && SettingsValid && (_settingsStore.SlotDamaged || _settingsStore.Version != SettingsCodec.CurrentVersion))
            {
                int version = _settingsStore.Version;
                int n = SettingsCodec.Encode(Settings, _encodeBuffer);
                if (_settingsStore.Save(SettingsCodec.CurrentVersion, _encodeBuffer, n) == StoreWriteResult.Ok)
                {
                    Events.Append(EventKind.StorageRepaired, SettingsCodec.RecordType, (uint)version);
                }
            }
            if (reg == RecordStatus.Ok && Cartridges.Store.SlotDamaged)
            {
                Cartridges.Save();
            }
            Events.Flush();
        }

        /// <summary>Loads and validates the calibration. Never substitutes values: anything but Valid leaves Calibration null.</summary>
        public CalibrationLoadResult LoadCalibration()
        {
            RecordStatus s = _calibrationStore.Load();
            if (s == RecordStatus.Missing)
            {
                return SetCalibration(CalibrationStatus.Missing, "calibration missing: this pen has not been calibrated; calibrate it before use", null, 0);
            }
            if (s == RecordStatus.Corrupt)
            {
                return SetCalibration(CalibrationStatus.Corrupt, "calibration corrupt in both stored copies; recalibrate the pen", null, 0);
            }
            int version = _calibrationStore.Version;
            if (!CalibrationCodec.IsKnownVersion(version))
            {
                return SetCalibration(CalibrationStatus.UnknownVersion, "calibration schema v" + version + " is newer than this firmware reads; update the firmware or recalibrate", null, version);
            }
            Calibration c = CalibrationCodec.Decode(version, _calibrationStore.Payload, _calibrationStore.PayloadLength);
            if (c == null)
            {
                return SetCalibration(CalibrationStatus.Corrupt, "calibration record malformed; recalibrate the pen", null, version);
            }
            string why = CalibrationValidator.Validate(c);
            if (why != null)
            {
                return SetCalibration(CalibrationStatus.Invalid, "calibration invalid: " + why, null, version);
            }
            if (!c.SensingCalibrated)
            {
                // Usable (the conservative coefficients err safe) but not what the pen could do: say so, never silently.
                return SetCalibration(CalibrationStatus.Valid, CalibrationLoadResult.NeedsSensingText, c, version);
            }
            return SetCalibration(CalibrationStatus.Valid, "", c, version);
        }

        /// <summary>Validates and stores a new calibration (refused while the motor runs or if invalid; see <see cref="LastError"/>).</summary>
        public StoreWriteResult SaveCalibration(Calibration c)
        {
            string why = CalibrationValidator.Validate(c);
            if (why != null)
            {
                LastError = "calibration refused: " + why;
                return StoreWriteResult.Invalid;
            }
            int n = CalibrationCodec.Encode(c, _encodeBuffer);
            if (n < 0)
            {
                LastError = "calibration refused: tables malformed";
                return StoreWriteResult.Invalid;
            }
            StoreWriteResult r = _calibrationStore.Save(CalibrationCodec.CurrentVersion, _encodeBuffer, n);
            if (r != StoreWriteResult.Ok)
            {
                LastError = "calibration not saved: " + WriteResultText(r);
                return r;
            }
            LoadCalibration();
            Events.Append(EventKind.CalibrationChanged, 0, (uint)c.CalibratedOnDay);
            return StoreWriteResult.Ok;
        }

        /// <summary>Loads settings; missing gives defaults (valid), corrupt or out-of-bounds gives defaults with <see cref="SettingsValid"/> false.</summary>
        public RecordStatus LoadSettings()
        {
            RecordStatus s = _settingsStore.Load();
            SettingsStatus = s;
            Settings = Settings.CreateDefaults();
            SettingsValid = true;
            SettingsReason = "";
            if (s == RecordStatus.Missing)
            {
                return s;
            }
            if (s == RecordStatus.Corrupt)
            {
                SettingsValid = false;
                SettingsReason = "settings corrupt in both stored copies; defaults in use; save settings again";
                return s;
            }
            Settings loaded = SettingsCodec.Decode(_settingsStore.Version, _settingsStore.Payload, _settingsStore.PayloadLength);
            string why = loaded == null ? "settings record unreadable (schema v" + _settingsStore.Version + ")" : loaded.Validate();
            if (why != null)
            {
                SettingsValid = false;
                SettingsReason = why + "; defaults in use; save settings again";
                return s;
            }
            Settings = loaded;
            return s;
        }

        /// <summary>Stores new settings if every value is within bounds; otherwise refuses (Invalid) and says why in <see cref="LastError"/>.</summary>
        public StoreWriteResult SaveSettings(Settings requested)
        {
            string why = requested == null ? "no settings given" : requested.Validate();
            if (why != null)
            {
                LastError = "settings refused: " + why;
                return StoreWriteResult.Invalid;
            }
            int n = SettingsCodec.Encode(requested, _encodeBuffer);
            StoreWriteResult r = _settingsStore.Save(SettingsCodec.CurrentVersion, _encodeBuffer, n);
            if (r != StoreWriteResult.Ok)
            {
                LastError = "settings not saved: " + WriteResultText(r);
                return r;
            }
            Settings = requested.Clone();
            SettingsStatus = RecordStatus.Ok;
            SettingsValid = true;
            SettingsReason = "";
            Events.Append(EventKind.SettingsChanged, 0, 0);
            return StoreWriteResult.Ok;
        }

        /// <summary>
        /// Reads and judges the seated cartridge (call when the presence switch closes, motor stopped). Any other cartridge
        /// the registry still shows in use is marked removed, since only one can be seated. today: days since 2000-01-01, 0 = unknown.
        /// </summary>
        public CartridgeCheck CheckCartridge(int today)
        {
            return Usage.Check(today);
        }

        /// <summary>
        /// Before the first start with this cartridge (motor stopped): records first use in the pen and writes the usage
        /// mark to the cartridge. Returns Accepted when it may run; anything else refuses the start. nowSeconds: seconds
        /// since 2000-01-01 UTC, 0 if the pen does not know the date.
        /// </summary>
        public CartridgeCheck PrepareCartridgeForRun(uint nowSeconds)
        {
            return Usage.PrepareForRun(nowSeconds);
        }

        /// <summary>Adds motor run time to the seated cartridge. Allocation-free; call from the tick while the motor runs.</summary>
        public void AddRunMicros(int micros)
        {
            Usage.AddRunMicros(micros);
        }

        /// <summary>The presence switch reads no cartridge (on removal, and at boot when none is seated). Allocation-free; the write happens in Background.</summary>
        public void CartridgeRemoved()
        {
            Usage.Removed();
        }

        /// <summary>Non-real-time work, called after ticks: writes run time, removals and log entries, only while the motor is stopped.</summary>
        public void Background()
        {
            if (_guard.MotorRunning)
            {
                return;
            }
            Usage.Background();
            Events.Flush();
            Security.Flush();
        }

        /// <summary>Newest entries searched for a session left open (a session writes few entries before its end: the tick only queues).</summary>
        public const int OpenSessionSearch = 64;

        // Sequence of the newest session start with no end or interruption after it (0 if none): a session cut by a power
        // loss or a reset. Session entries carry measurements, so they are never folded out of order.
        private uint OpenSessionStart()
        {
            EventEntry e = new EventEntry();
            uint seq = Events.NewestSequence;
            for (int i = 0; i < OpenSessionSearch && seq != 0; i++, seq--)
            {
                if (!Events.TryRead(seq, e)) continue;
                if (e.Kind == EventKind.SessionStart) return seq;
                if (e.Kind == EventKind.SessionEnd || e.Kind == EventKind.SessionInterrupted) return 0;
            }
            return 0;
        }

        private uint PreviousFirmwareVersion()
        {
            EventEntry e = new EventEntry();
            uint seq = Events.NewestSequence;
            for (int i = 0; i < Events.Capacity && seq != 0; i++, seq--)
            {
                if (Events.TryRead(seq, e) && e.Kind == EventKind.Boot)
                {
                    return e.Argument;
                }
            }
            return 0;
        }

        private CalibrationLoadResult SetCalibration(CalibrationStatus status, string reason, Calibration c, int version)
        {
            CalibrationResult = new CalibrationLoadResult(status, reason, c, version);
            Usage.PenId = c == null ? 0u : SerialId(c.SerialNumber);
            return CalibrationResult;
        }

        /// <summary>CRC32 of a serial number's ASCII characters (the pen id written into cartridges).</summary>
        public static uint SerialId(string serial)
        {
            if (serial == null)
            {
                return 0;
            }
            byte[] b = new byte[serial.Length];
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (byte)serial[i];
            }
            return Crc32.Compute(b, 0, b.Length);
        }

        /// <summary>Text for a write result (enum ToString is unreliable on the pen).</summary>
        public static string WriteResultText(StoreWriteResult r)
        {
            switch (r)
            {
                case StoreWriteResult.Ok: return "ok";
                case StoreWriteResult.RefusedMotorRunning: return "refused while the motor runs; stop the motor and retry";
                case StoreWriteResult.TooLarge: return "record too large";
                case StoreWriteResult.StorageError: return "storage error; retry, and service the pen if it persists";
                case StoreWriteResult.VerifyFailed: return "read-back did not match; retry, and service the pen if it persists";
                default: return "invalid data";
            }
        }
    }
}
