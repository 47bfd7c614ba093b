using MnPen.Hal;
using MnPen.Protocol;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware.Link
{
    /// <summary>
    /// The firmware's answers to protocol requests, over PenFirmware and its PenStore. Every change goes through the
    /// firmware's own command methods and the store's validation, so the link can never pass a hard limit or an
    /// interlock. Settings take effect the moment they are stored (the motor is stopped for every stored setting);
    /// a calibration takes effect at the next boot. Link events go to the security log, on flash before the reply.
    /// </summary>
    public sealed class PenCommandHandler : IPenCommandHandler
    {
        private readonly PenFirmware _fw;
        private readonly PenBoard _board;
        private readonly ServiceKeyFile _key;
        private readonly string _version;
        private readonly EventEntry _entry = new EventEntry();
        private readonly SelfTestFacts _facts = new SelfTestFacts();

        /// <summary>Creates the handler for one firmware instance.</summary>
        public PenCommandHandler(PenFirmware firmware, PenBoard board)
        {
            _fw = firmware;
            _board = board;
            _key = new ServiceKeyFile(board.Storage);
            uint v = PenFirmware.FirmwareVersion;
            _version = ((v >> 16) & 0xFF).ToString() + "." + ((v >> 8) & 0xFF).ToString() + "." + (v & 0xFF).ToString();
        }

        /// <summary>Reboots requested over the link (the board's reboot is also called).</summary>
        public int RebootRequests;

        /// <inheritdoc />
        public string FirmwareVersion => _version;

        /// <inheritdoc />
        public string SerialNumber
        {
            get
            {
                Calibration c = _fw.Store != null ? _fw.Store.Calibration : null;
                return c != null && c.SerialNumber != null ? c.SerialNumber : "";
            }
        }

        /// <inheritdoc />
        public bool MotorActive
        {
            get
            {
                PenState s = _fw.State;
                return s == PenState.Starting || s == PenState.Running || s == PenState.Stopping || _fw.Gate.AppliedDuty > 0f;
            }
        }

        /// <inheritdoc />
        public void ReadStatus(PenStatusData d)
        {
            PenStatus s = _fw.Status;
            d.State = (int)_fw.State;
            d.Fault = (int)_fw.ActiveFault;
            d.RateLevel = s.RateLevel;
            d.RateLevelCount = s.RateLevelCount;
            int flags = 0;
            if (s.CartridgePresent) flags |= PenStatusData.FlagCartridgePresent;
            if (s.CartridgeAccepted) flags |= PenStatusData.FlagCartridgeAccepted;
            d.Flags = flags;
            d.TargetRateCenti = FixedPoint.ToInt(s.TargetStrokeRate, 100f);
            d.LevelRateCenti = FixedPoint.ToInt(s.LevelStrokeRate, 100f);
            d.MeasuredRateCenti = FixedPoint.ToInt(s.MeasuredStrokeRate, 100f);
            d.DutyBasisPoints = FixedPoint.ToInt(s.MotorDuty, 10000f);
            d.DepthTargetUm = FixedPoint.ToInt(s.DepthTargetMm, 1000f);
            d.DepthMeasuredUm = FixedPoint.ToInt(s.DepthMeasuredMm, 1000f);
            d.DepthLimitUm = FixedPoint.ToInt(s.DepthLimitMm, 1000f);
            d.MotorCurrentMa = FixedPoint.ToInt(s.MotorCurrentAmps, 1000f);
            d.HandpieceCentiC = FixedPoint.ToInt(s.HandpieceCelsius, 100f);
            d.BatteryMv = FixedPoint.ToInt(s.BatteryVolts, 1000f);
            d.RunMs = (uint)FixedPoint.ToInt(s.RunSeconds, 1000f);
            d.TreatmentMs = (uint)FixedPoint.ToInt(s.TreatmentSeconds, 1000f);
            d.CartridgeNeedles = s.CartridgeNeedles;
            d.CartridgeMaxDepthUm = FixedPoint.ToInt(s.CartridgeMaxDepthMm, 1000f);
            d.TickCount = s.TickCount;
            d.OverrunCount = s.OverrunCount;
        }

        /// <inheritdoc />
        public int ReadSetting(int id, out int value)
        {
            value = 0;
            if (id == SettingId.RateLevel) { value = _fw.Status.RateLevel; return ErrorCode.Ok; }
            if (id == SettingId.DepthTargetUm) { value = FixedPoint.ToInt(_fw.DepthControl.TargetMm, 1000f); return ErrorCode.Ok; }
            PenStore store = _fw.Store;
            if (store == null) return ErrorCode.NotSupported;
            if (id == SettingId.CartridgeUsageSeconds) { value = (int)store.CartridgeRunSeconds; return ErrorCode.Ok; }
            Settings s = store.Settings;
            if (s == null) return ErrorCode.NotSupported;
            switch (id)
            {
                case SettingId.StartRateLevel: value = s.StartRateLevel; return ErrorCode.Ok;
                case SettingId.DepthStepUm: value = FixedPoint.ToInt(s.DepthStepMm, 1000f); return ErrorCode.Ok;
                case SettingId.TreatmentTimerSeconds: value = s.TreatmentTimerSeconds; return ErrorCode.Ok;
                case SettingId.InactivityAutoStopSeconds: value = s.InactivityAutoStopSeconds; return ErrorCode.Ok;
                case SettingId.StopOnRelease: value = s.StopOnRelease ? 1 : 0; return ErrorCode.Ok;
                case SettingId.DepthLimitUm: value = FixedPoint.ToInt(s.DepthLimitMm, 1000f); return ErrorCode.Ok;
                case SettingId.MaxContinuousRunSeconds: value = s.MaxContinuousRunSeconds; return ErrorCode.Ok;
            }
            int level = id - SettingId.RateLevel1;
            if (level >= 0 && level < SettingTable.RateLevelCount && s.RateLevels != null && level < s.RateLevels.Length)
            {
                value = s.RateLevels[level];
                return ErrorCode.Ok;
            }
            return ErrorCode.NotSupported;
        }

        /// <inheritdoc />
        public int WriteSetting(int id, int value, out string reason)
        {
            reason = null;
            if (id == SettingId.RateLevel) return FromResult(_fw.SetRateLevel(value), out reason);
            if (id == SettingId.DepthTargetUm)
            {
                if (value < 0) { reason = "depth must be >= 0 um"; return ErrorCode.OutOfRange; }
                if (value % ProtocolLimits.DepthGridUm != 0)
                {
                    // Never rounded: a rounded depth can be up to half a step deeper than the one asked for.
                    int below = value - value % ProtocolLimits.DepthGridUm;
                    reason = "depth " + value.ToString() + " um is off the pen's " + ProtocolLimits.DepthGridUm.ToString() + " um grid; send "
                        + below.ToString() + " or " + (below + ProtocolLimits.DepthGridUm).ToString() + " (the pen never rounds a depth)";
                    return ErrorCode.OutOfRange;
                }
                if (value > (int)(Settings.DepthLimitMaxMm * 1000f + 0.5f))
                {
                    reason = "depth above the pen's 2500 um hard limit";
                    return ErrorCode.AboveHardLimit;
                }
                return FromResult(_fw.SetDepthMm(value / 1000f), out reason);
            }
            PenStore store = _fw.Store;
            if (store == null || store.Settings == null) { reason = "this pen has no settings storage"; return ErrorCode.NotSupported; }
            if (MotorActive) return ErrorCode.MotorActive;
            if (id == SettingId.CartridgeUsageSeconds)
            {
                reason = "cartridge usage is recorded by the pen itself and on the cartridge; it cannot be written";
                return ErrorCode.NotSupported;
            }
            Settings s = store.Settings.Clone();
            int level = id - SettingId.RateLevel1;
            switch (id)
            {
                case SettingId.StartRateLevel: s.StartRateLevel = value; break;
                case SettingId.DepthStepUm: s.DepthStepMm = value / 1000f; break;
                case SettingId.TreatmentTimerSeconds: s.TreatmentTimerSeconds = value; break;
                case SettingId.InactivityAutoStopSeconds: s.InactivityAutoStopSeconds = value; break;
                case SettingId.StopOnRelease:
                    if (value != 0 && value != 1) { reason = "stop-on-release is 0 or 1"; return ErrorCode.OutOfRange; }
                    s.StopOnRelease = value == 1;
                    break;
                case SettingId.DepthLimitUm:
                    if (value > (int)(Settings.DepthLimitMaxMm * 1000f + 0.5f))
                    {
                        reason = "depth limit above the pen's 2500 um hard limit";
                        return ErrorCode.AboveHardLimit;
                    }
                    int targetUm = FixedPoint.ToInt(_fw.DepthControl.TargetMm, 1000f);
                    if (value < targetUm)
                    {
                        reason = "the depth is set to " + targetUm.ToString() + " um, above the new limit; lower the depth to "
                            + value.ToString() + " um or less first (the pen never changes the depth on its own)";
                        return ErrorCode.OutOfRange;
                    }
                    s.DepthLimitMm = value / 1000f;
                    break;
                case SettingId.MaxContinuousRunSeconds: s.MaxContinuousRunSeconds = value; break;
                default:
                    if (level < 0 || level >= SettingTable.RateLevelCount || s.RateLevels == null || level >= s.RateLevels.Length)
                        return ErrorCode.NotSupported;
                    if (value > Settings.RateMax)
                    {
                        reason = "stroke rate above the pen's 150 strokes/s hard limit";
                        return ErrorCode.AboveHardLimit;
                    }
                    s.RateLevels[level] = value;
                    break;
            }
            string invalid = s.Validate();
            if (invalid != null) { reason = "settings refused: " + invalid; return ErrorCode.OutOfRange; }
            if (_fw.StorageHeld) { reason = "the pen is finishing its self-test; retry in 100 ms"; return ErrorCode.Busy; }
            StoreWriteResult r = store.SaveSettings(s);
            if (r != StoreWriteResult.Ok)
            {
                reason = store.LastError;
                return r == StoreWriteResult.Invalid ? ErrorCode.OutOfRange : ErrorCode.StorageFailed;
            }
            // In force at once: the reply's value is the one the pen now runs with.
            CommandResult applied = _fw.ApplySettingsNow(store.Settings);
            if (applied == CommandResult.Accepted) return ErrorCode.Ok;
            reason = "stored, but the pen could not put it in force (CommandResult " + ((int)applied).ToString() + "); it applies at the next boot";
            return ErrorCode.Refused;
        }


        /// <inheritdoc />
        public int EventCount(int log)
        {
            EventLog l = Log(log);
            // A log read starts here: entries still pending in RAM (the background flush waits for the motor to stop)
            // are written first, so the reader sees the session that just ended. Only with the driver asleep and the
            // storage free: a flash write while driving would stall the loop.
            if (l != null && l.Pending > 0 && !_fw.StorageHeld && !_fw.Gate.EnableCommanded) l.Flush();
            return l != null ? l.Count : 0;
        }

        /// <inheritdoc />
        public uint FirstEventSequence(int log)
        {
            EventLog l = Log(log);
            return l != null ? l.OldestSequence : 0;
        }

        /// <inheritdoc />
        public int ReadEvent(int log, uint sequence, EventRecord e)
        {
            EventLog l = Log(log);
            if (l == null || !l.TryRead(sequence, _entry)) return ErrorCode.OutOfRange;
            e.Sequence = _entry.Sequence;
            e.BootNumber = _entry.BootNumber;
            e.UptimeMs = _entry.UptimeMillis;
            e.Kind = (int)_entry.Kind;
            e.Code = _entry.Code;
            e.Argument = _entry.Argument;
            e.Repeats = _entry.Repeats;
            return ErrorCode.Ok;
        }

        /// <inheritdoc />
        public Calibration ReadCalibration()
        {
            return _fw.Store != null ? _fw.Store.Calibration : null;
        }

        /// <inheritdoc />
        public int WriteCalibration(Calibration calibration, out string reason)
        {
            reason = null;
            PenStore store = _fw.Store;
            if (store == null) { reason = "this pen has no calibration storage"; return ErrorCode.NotSupported; }
            if (MotorActive) return ErrorCode.MotorActive;
            StoreWriteResult r = store.SaveCalibration(calibration);
            if (r == StoreWriteResult.Ok) return ErrorCode.Ok;
            reason = store.LastError;
            return r == StoreWriteResult.Invalid ? ErrorCode.InvalidCalibration : ErrorCode.StorageFailed;
        }

        /// <inheritdoc />
        public int WriteSerialNumber(string serial)
        {
            PenStore store = _fw.Store;
            Calibration c = store != null ? store.Calibration : null;
            if (c == null) return ErrorCode.NotSupported;
            Calibration n = new Calibration();
            n.FeedForwardRates = c.FeedForwardRates;
            n.FeedForwardDuties = c.FeedForwardDuties;
            n.FeedForwardSupplyVolts = c.FeedForwardSupplyVolts;
            n.RateKp = c.RateKp;
            n.RateKi = c.RateKi;
            n.DepthMm = c.DepthMm;
            n.DepthDrive = c.DepthDrive;
            n.DepthFeedbackCounts = c.DepthFeedbackCounts;
            n.CurrentOffsetCounts = c.CurrentOffsetCounts;
            n.CurrentMilliampsPerCount = c.CurrentMilliampsPerCount;
            n.ThermistorRailCounts = c.ThermistorRailCounts;
            n.BatteryMillivoltsPerCount = c.BatteryMillivoltsPerCount;
            n.SensingCalibrated = c.SensingCalibrated;
            n.MotorResistanceOhms = c.MotorResistanceOhms;
            n.MotorBackEmfVoltSecondsPerRad = c.MotorBackEmfVoltSecondsPerRad;
            n.MotorCalibrated = c.MotorCalibrated;
            n.SerialNumber = serial;
            n.CalibratedOnDay = c.CalibratedOnDay;
            n.NextDueDay = c.NextDueDay;
            n.TechnicianId = c.TechnicianId;
            StoreWriteResult r = store.SaveCalibration(n);
            if (r == StoreWriteResult.Ok) return ErrorCode.Ok;
            return r == StoreWriteResult.Invalid ? ErrorCode.OutOfRange : ErrorCode.StorageFailed;
        }

        /// <inheritdoc />
        public int RunSelfTest(SelfTestReport report, out int detail)
        {
            detail = 0;
            PenState s = _fw.State;
            if (MotorActive) return ErrorCode.MotorActive;
            if (s == PenState.Boot || s == PenState.SelfTest || s == PenState.PowerOff)
            {
                detail = (int)CommandResult.RefusedWrongState;
                return ErrorCode.Refused;
            }
            // The reset cause was judged at boot; a test on request checks the hardware and stored records again.
            _facts.ResetCause = ResetCause.PowerOn;
            _facts.CalibrationCrcOk = _fw.CalibrationValid;
            _facts.SettingsCrcOk = _fw.SettingsValid;
            _facts.StorageOk = _fw.Store == null || _fw.Store.StorageCheck.Run((uint)_board.Clock.NowMicros ^ (uint)_fw.Store.Events.BootNumber);
            CheckReport r = _fw.Safety.RunSelfTest(_board, _facts);
            for (int i = 0; i < r.Count; i++) report.Add((int)r[i]);
            return ErrorCode.Ok;
        }

        /// <inheritdoc />
        public int AcknowledgeFault(out int detail)
        {
            CommandResult r = _fw.AcknowledgeFault();
            detail = (int)r;
            return r == CommandResult.Accepted || r == CommandResult.AlreadyDone ? ErrorCode.Ok : ErrorCode.Refused;
        }

        /// <inheritdoc />
        public int ServiceClearFault(out int detail)
        {
            CommandResult r = _fw.ServiceClearFault();
            detail = (int)r;
            return r == CommandResult.Accepted || r == CommandResult.AlreadyDone ? ErrorCode.Ok : ErrorCode.Refused;
        }

        /// <inheritdoc />
        public int Stop(out int detail)
        {
            detail = (int)_fw.RequestStop();
            return ErrorCode.Ok;
        }

        /// <inheritdoc />
        public int Start(out int detail)
        {
            CommandResult r = _fw.RequestStart();
            detail = (int)r;
            return r == CommandResult.Accepted || r == CommandResult.AlreadyDone ? ErrorCode.Ok : ErrorCode.Refused;
        }

        /// <inheritdoc />
        public void Reboot()
        {
            RebootRequests++;
            if (_board.System != null) _board.System.Reboot();
        }

        /// <inheritdoc />
        public bool ReadServiceKey(byte[] key, int offset)
        {
            return _key.Read(key, offset);
        }

        /// <inheritdoc />
        public int WriteServiceKey(byte[] key, int offset)
        {
            return _key.Write(key, offset) ? ErrorCode.Ok : ErrorCode.StorageFailed;
        }

        /// <inheritdoc />
        public void LogLinkEvent(int kind, int detail)
        {
            if (_fw.Store == null) return;
            _fw.Store.Security.Append(EventKind.ServiceAccess, kind, (uint)detail);
            // Written before the reply, so no reset after it can lose the event; during the self-test's clock check the
            // write waits for Background (a flash stall there would latch ClockMismatch).
            if (!_fw.StorageHeld) _fw.Store.Security.Flush();
        }

        /// <inheritdoc />
        public LinkGuardStore ServiceGuard => _fw.Store != null ? _fw.Store.LinkGuard : null;

        /// <inheritdoc />
        public int StorageBusyMs => _fw.StorageHeld ? PenFirmware.StorageHoldMaxMs : 0;

        private EventLog Log(int log)
        {
            if (_fw.Store == null) return null;
            if (log == EventLogId.Main) return _fw.Store.Events;
            return log == EventLogId.Security ? _fw.Store.Security : null;
        }

        private static int FromResult(CommandResult r, out string reason)
        {
            reason = null;
            switch (r)
            {
                case CommandResult.Accepted:
                case CommandResult.AlreadyDone:
                    return ErrorCode.Ok;
                case CommandResult.RefusedOutOfRange:
                    reason = "value outside its range";
                    return ErrorCode.OutOfRange;
                case CommandResult.RefusedAboveDepthLimit:
                    reason = "depth above the limit of the seated cartridge or the pen";
                    return ErrorCode.AboveHardLimit;
                default:
                    reason = "refused by the firmware (CommandResult " + ((int)r).ToString() + ")";
                    return ErrorCode.Refused;
            }
        }
    }
}
