using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>
    /// The pen's side of the protocol: reads the serial port, parses frames, checks access, dispatches to the firmware
    /// through <see cref="IPenCommandHandler"/> and sends replies and telemetry. Polled from the host loop (never from
    /// the control tick). Every buffer is allocated once here; receiving costs no allocation per byte.
    /// </summary>
    public sealed class PenEndpoint
    {
        /// <summary>Most bytes read from the port in one Poll (bounds the time a Poll can take).</summary>
        public const int MaxBytesPerPoll = 1024;

        /// <summary>A partial frame with no further input for this long is abandoned and its bytes rescanned, microseconds.</summary>
        public const int IdleFlushMicros = 50000;

        /// <summary>Hello reply flag: service unlocked (always 0 now: a Hello ends any session).</summary>
        public const int HelloFlagUnlocked = 1;
        /// <summary>Hello reply flag: a service key is provisioned.</summary>
        public const int HelloFlagKeyProvisioned = 2;
        /// <summary>Hello reply flag: this Hello ended an unlocked service session (a takeover, logged).</summary>
        public const int HelloFlagTookOver = 4;
        /// <summary>Hello reply flag: this Hello stopped a motor the previous session had started over the link.</summary>
        public const int HelloFlagStoppedMotor = 8;

        private readonly ISerialPort _serial;
        private readonly IClock _clock;
        private readonly IPenCommandHandler _handler;
        private readonly FrameParser _parser = new FrameParser();
        private readonly PayloadReader _reader = new PayloadReader();
        private readonly PayloadWriter _writer = new PayloadWriter();
        private readonly byte[] _rx = new byte[128];
        private readonly byte[] _payload = new byte[FrameFormat.MaxPayload];
        private readonly byte[] _tx = new byte[FrameFormat.MaxFrame * 3];
        private readonly byte[] _scratch = new byte[ProtocolLimits.KeyLength];
        private readonly PenStatusData _status = new PenStatusData();
        private readonly EventRecord _event = new EventRecord();
        private readonly SelfTestReport _selfTest = new SelfTestReport();
        private readonly ServiceLock _service;
        private int _txStart;
        private int _txEnd;
        private int _rxPos;
        private int _rxLen;
        private bool _framesHeld;
        private bool _rebootPending;
        private int _telemetryHz;
        private ulong _telemetryPeriodMicros;
        private ulong _nextTelemetryMicros;
        private byte _telemetrySeq;
        private string _errorMessage;
        private ulong _lastRxMicros;
        private readonly LinkSession _session;

        /// <summary>Requests dispatched (valid frames of request types).</summary>
        public uint RequestsHandled;
        /// <summary>Requests answered with an Error frame.</summary>
        public uint ErrorsSent;
        /// <summary>
        /// Telemetry samples dropped because the send buffer was full. Replies are never dropped: while the send buffer
        /// cannot take a whole reply the endpoint stops reading input, so a host that pipelines requests faster than
        /// it reads replies is slowed down (the serial link's own buffers push back) instead of losing answers.
        /// </summary>
        public uint FramesDropped;
        /// <summary>Exceptions caught around a handler call (a firmware bug; the reply is Internal).</summary>
        public uint ExceptionsCaught;
        /// <summary>Telemetry samples sent.</summary>
        public uint SamplesSent;

        /// <summary>Creates the endpoint; random is the hardware RNG for service nonces; the service lock's saved state is loaded now.</summary>
        public PenEndpoint(ISerialPort serial, IClock clock, IPenCommandHandler handler, IRandomSource random)
        {
            _serial = serial;
            _clock = clock;
            _handler = handler;
            _service = new ServiceLock(random);
            _service.Restore(handler.ServiceGuard, NowMs());
            _session = new LinkSession(_service, handler);
        }

        /// <summary>What the connected host owns: service session, link-started motor, keep-alive.</summary>
        public LinkSession Session => _session;

        /// <summary>
        /// The host link ended (the cable, the port's DTR or the server's client went away): service mode ends and a motor
        /// started over the link stops.
        /// </summary>
        public void LinkDropped()
        {
            _telemetryHz = 0;
            _session.End(LinkEndReason.LinkDropped);
            // Nothing of the old connection may reach the next one: half a frame in, replies not yet sent out.
            DiscardLinkBuffers();
            // A restart already accepted still happens: the technician was answered, and a restart ends every session anyway.
        }

        /// <summary>The frame receiver (counters, buffered bytes).</summary>
        public FrameParser Parser => _parser;

        /// <summary>The service-mode gate.</summary>
        public ServiceLock Service => _service;

        /// <summary>Telemetry rate now streaming, samples/s (0 = off).</summary>
        public int TelemetryHz => _telemetryHz;

        /// <summary>Bytes waiting to be sent.</summary>
        public int PendingTxBytes => _txEnd - _txStart;

        /// <summary>Reads and handles waiting input, sends due telemetry and flushes output. Never throws.</summary>
        public void Poll()
        {
            FlushTx();
            if (_rebootPending && _txEnd == _txStart)
            {
                _rebootPending = false;
                _handler.Reboot();
                return;
            }
            ReceiveInput();
            long nowMs = NowMs();
            if (_service.CheckTimeout(nowMs)) _session.Locked(LinkEndReason.IdleTimeout);
            _session.Check(nowMs);
            SendTelemetryIfDue();
            FlushTx();
        }

        // Reads, frames and handles input while the send buffer can take a reply; what cannot be handled yet stays
        // where it is (the frame receiver, _rx, the serial port) until a later Poll, so no request goes unanswered.
        private void ReceiveInput()
        {
            int budget = MaxBytesPerPoll;
            bool received = false;
            bool drained = false;
            if (HandleHeldFrames() && FeedHeldBytes())
            {
                while (budget > 0)
                {
                    int n = _serial.Read(_rx, 0, budget < _rx.Length ? budget : _rx.Length);
                    if (n <= 0)
                    {
                        drained = true;
                        break;
                    }
                    received = true;
                    budget -= n;
                    _rxPos = 0;
                    _rxLen = n;
                    if (!FeedHeldBytes()) break;
                }
            }
            ulong nowUs = _clock.NowMicros;
            if (received || !drained)
            {
                // Input arrived, or is waiting behind a full send buffer: the line is not quiet.
                _lastRxMicros = nowUs;
            }
            else if (_parser.BufferedBytes > 0 && nowUs - _lastRxMicros > IdleFlushMicros && RoomForReply())
            {
                _lastRxMicros = nowUs;
                if (_parser.Flush())
                {
                    HandleFrame();
                    _framesHeld = true;
                    HandleHeldFrames();
                }
            }
        }

        // Feeds the bytes read but not yet framed; false if it had to stop because a reply would not fit.
        private bool FeedHeldBytes()
        {
            while (_rxPos < _rxLen)
            {
                if (!RoomForReply()) return false;
                if (_parser.Feed(_rx[_rxPos++]))
                {
                    HandleFrame();
                    _framesHeld = true;
                    if (!HandleHeldFrames()) return false;
                }
            }
            return true;
        }

        // Handles further complete frames the receiver holds after the last one; false if a reply would not fit.
        private bool HandleHeldFrames()
        {
            while (_framesHeld)
            {
                if (!RoomForReply()) return false;
                if (_parser.Drain()) HandleFrame();
                else _framesHeld = false;
            }
            return true;
        }

        // True when the send buffer can take the largest reply (Send moves the pending bytes to its start if needed).
        private bool RoomForReply()
        {
            return TxFree() >= FrameFormat.MaxFrame;
        }

        private int TxFree()
        {
            return _tx.Length - (_txEnd - _txStart);
        }

        /// <summary>
        /// Forgets input not yet handled and output not yet sent: the link they belonged to has ended (a new host must
        /// not receive answers meant for the previous one, nor have its first request glued to the previous one's tail).
        /// </summary>
        public void DiscardLinkBuffers()
        {
            _parser.Reset();
            _rxPos = 0;
            _rxLen = 0;
            _framesHeld = false;
            _txStart = 0;
            _txEnd = 0;
        }

        private long NowMs()
        {
            return (long)(_clock.NowMicros / 1000UL);
        }

        private void HandleFrame()
        {
            byte type = _parser.FrameType;
            byte seq = _parser.FrameSeq;
            // Replies and samples echoed back (a loop-back cable, or another pen) are not requests: ignore them.
            if ((type & MessageType.ReplyFlag) != 0 || type == MessageType.Error) return;
            RequestsHandled++;
            _session.RequestSeen(NowMs());
            _reader.Reset(_parser.Buffer, _parser.PayloadOffset, _parser.PayloadLength);
            _writer.Reset(_payload, 0, _payload.Length);
            int detail = 0;
            _errorMessage = null;
            int code;
            try
            {
                code = Dispatch(type, ref detail);
            }
            catch (System.Exception)
            {
                ExceptionsCaught++;
                code = ErrorCode.Internal;
            }
            if (code == ErrorCode.Ok && _writer.Overflow) code = ErrorCode.TooLarge;
            if (code == ErrorCode.Ok)
            {
                Send(MessageType.ReplyTo(type), seq, _writer.Length);
                return;
            }
            ErrorsSent++;
            _writer.Reset(_payload, 0, _payload.Length);
            _writer.U8(type);
            _writer.U8(code);
            _writer.I32(detail);
            if (_errorMessage != null) _writer.Text(_errorMessage, ProtocolLimits.MaxMessageLength);
            Send(MessageType.Error, seq, _writer.Length);
        }

        private int Dispatch(byte type, ref int detail)
        {
            long nowMs = NowMs();
            MessageSpec spec = ProtocolSchema.Find(type);
            if (spec == null) return ErrorCode.UnknownCommand;
            if (spec.ServiceOnly)
            {
                if (!_service.Unlocked) return Locked();
                _service.Touch(nowMs);
            }
            switch (type)
            {
                case MessageType.Hello: return DoHello();
                case MessageType.GetStatus:
                    if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
                    FillStatus();
                    StatusCodec.WriteStatus(_writer, _status);
                    return ErrorCode.Ok;
                case MessageType.GetSetting: return DoGetSetting();
                case MessageType.SetSetting: return DoSetSetting(nowMs, ref detail);
                case MessageType.Telemetry: return DoTelemetry();
                case MessageType.ReadEvents: return DoReadEvents();
                case MessageType.ReadCalibration: return DoReadCalibration();
                case MessageType.WriteCalibration: return DoWriteCalibration(ref detail);
                case MessageType.SelfTest: return DoSelfTest(ref detail);
                case MessageType.AckFault:
                    {
                        if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
                        int r = _handler.AcknowledgeFault(out detail);
                        if (r != ErrorCode.Ok) return r;
                        FillStatus();
                        _writer.U8(detail);
                        _writer.U16Sat(_status.Fault);
                        return ErrorCode.Ok;
                    }
                case MessageType.Reboot:
                    if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
                    if (_handler.MotorActive) return ErrorCode.MotorActive;
                    _handler.LogLinkEvent(LinkEvent.RebootRequested, 0);
                    _rebootPending = true;
                    return ErrorCode.Ok;
                case MessageType.Stop:
                    {
                        int r = _handler.Stop(out detail);
                        if (r != ErrorCode.Ok) return r;
                        _writer.U8(detail);
                        return ErrorCode.Ok;
                    }
                case MessageType.Start:
                    {
                        if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
                        // A motor already turning was started by the pen's own button: the link does not take it over.
                        bool wasActive = _handler.MotorActive;
                        int r = _handler.Start(out detail);
                        if (r != ErrorCode.Ok) return r;
                        _session.MotorStarted(wasActive);
                        _writer.U8(detail);
                        return ErrorCode.Ok;
                    }
                case MessageType.ServiceChallenge:
                    {
                        if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
                        // The challenge may write its epoch to flash, which waits while the motor runs; so does unlocking.
                        if (_handler.MotorActive) return ErrorCode.MotorActive;
                        if (Busy(ref detail)) return ErrorCode.Busy;
                        int r = _service.Challenge(nowMs);
                        if (r != ErrorCode.Ok)
                        {
                            detail = (int)_service.LockoutRemainingMs(nowMs);
                            return r;
                        }
                        _writer.Bytes(_service.Nonce, 0, ProtocolLimits.NonceLength);
                        _writer.U8(_service.AttemptsLeft);
                        _writer.U32((uint)_service.LockoutRemainingMs(nowMs));
                        return ErrorCode.Ok;
                    }
                case MessageType.ServiceUnlock:
                    {
                        if (_reader.Remaining != ProtocolLimits.KeyLength) return ErrorCode.MalformedPayload;
                        if (_handler.MotorActive) return ErrorCode.MotorActive;
                        if (Busy(ref detail)) return ErrorCode.Busy;
                        int r = _service.Unlock(_parser.Buffer, _reader.Position, nowMs, _handler);
                        if (r != ErrorCode.Ok)
                        {
                            detail = r == ErrorCode.RateLimited || r == ErrorCode.AuthFailed
                                ? (int)_service.LockoutRemainingMs(nowMs) : 0;
                            return r;
                        }
                        _session.Unlocked();
                        _writer.U16((int)(ServiceLock.SessionIdleMs / 1000));
                        return ErrorCode.Ok;
                    }
                case MessageType.ServiceLock:
                    if (_service.Unlocked)
                    {
                        _service.Lock();
                        _session.Locked(LinkEndReason.Command);
                    }
                    return ErrorCode.Ok;
                case MessageType.SetSerialNumber: return DoSetSerial(ref detail);
                case MessageType.ProvisionKey: return DoProvisionKey(ref detail);
                default: return ErrorCode.UnknownCommand;
            }
        }

        private int DoHello()
        {
            if (_reader.Remaining != 0 && _reader.Remaining != 2) return ErrorCode.MalformedPayload;
            // A new session starts with a handshake and inherits nothing: no service mode, no link-started motor, no stream.
            _telemetryHz = 0;
            int ended = _session.End(LinkEndReason.NewSession);
            _writer.U16(ProtocolSchema.Version);
            _writer.U32(ProtocolSchema.Hash);
            _writer.U16(FrameFormat.MaxPayload);
            int flags = ended;
            if (_handler.ReadServiceKey(_scratch, 0)) flags |= HelloFlagKeyProvisioned;
            System.Array.Clear(_scratch, 0, _scratch.Length);
            _writer.U8(flags);
            _writer.Str(_handler.FirmwareVersion);
            _writer.Str(_handler.SerialNumber);
            return ErrorCode.Ok;
        }

        private int DoGetSetting()
        {
            int id = _reader.U8();
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (!SettingTable.IsKnown(id)) return ErrorCode.NotSupported;
            int value;
            int r = _handler.ReadSetting(id, out value);
            if (r != ErrorCode.Ok) return r;
            _writer.U8(id);
            _writer.I32(value);
            _writer.U8(SettingTable.Access(id));
            return ErrorCode.Ok;
        }

        private int DoSetSetting(long nowMs, ref int detail)
        {
            int id = _reader.U8();
            int value = _reader.I32();
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (!SettingTable.IsKnown(id)) return ErrorCode.NotSupported;
            if (SettingTable.ReadOnly(id))
            {
                _errorMessage = SettingTable.Name(id) + " is read-only: the pen and the cartridge record it themselves";
                return ErrorCode.NotSupported;
            }
            if (SettingTable.NeedsService(id))
            {
                if (!_service.Unlocked) return Locked();
                if (_handler.MotorActive) return ErrorCode.MotorActive;
                _service.Touch(nowMs);
            }
            int r = _handler.WriteSetting(id, value, out _errorMessage);
            // Busy carries the hold left in its detail, as every Busy does, so a host knows when to send it again.
            if (r == ErrorCode.Busy) detail = _handler.StorageBusyMs;
            if (r != ErrorCode.Ok) return r;
            if (SettingTable.NeedsService(id)) _handler.LogLinkEvent(LinkEvent.LimitWritten, id);
            int now;
            r = _handler.ReadSetting(id, out now);
            _writer.U8(id);
            _writer.I32(r == ErrorCode.Ok ? now : value);
            return ErrorCode.Ok;
        }

        private int DoTelemetry()
        {
            int hz = _reader.U16();
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (hz > ProtocolLimits.MaxTelemetryHz) return ErrorCode.OutOfRange;
            _telemetryHz = hz;
            if (hz > 0)
            {
                _telemetryPeriodMicros = (ulong)(1000000 / hz);
                _nextTelemetryMicros = _clock.NowMicros;
            }
            _writer.U16(hz);
            return ErrorCode.Ok;
        }

        private int DoReadEvents()
        {
            uint from = _reader.U32();
            int max = _reader.U8();
            int log = _reader.Remaining == 1 ? _reader.U8() : EventLogId.Main;
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (log != EventLogId.Main && log != EventLogId.Security) return ErrorCode.OutOfRange;
            if (max > ProtocolLimits.MaxEventsPerReply) max = ProtocolLimits.MaxEventsPerReply;
            int total = _handler.EventCount(log);
            uint first = _handler.FirstEventSequence(log);
            uint end = first + (uint)(total < 0 ? 0 : total);
            if (from < first) from = first;
            _writer.U32((uint)total);
            _writer.U32(first);
            int countPos = _writer.Length;
            _writer.U8(0);
            int count = 0;
            for (uint s = from; s < end && count < max; s++)
            {
                if (_handler.ReadEvent(log, s, _event) != ErrorCode.Ok) break;
                _writer.U32(_event.Sequence);
                _writer.U16Sat(_event.BootNumber);
                _writer.U32(_event.UptimeMs);
                _writer.U8(_event.Kind);
                _writer.U16Sat(_event.Code);
                _writer.U32(_event.Argument);
                _writer.U8(_event.Repeats > 255 ? 255 : _event.Repeats);
                count++;
            }
            _payload[countPos] = (byte)count;
            return ErrorCode.Ok;
        }

        private int DoReadCalibration()
        {
            if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
            MnPen.Storage.Calibration c = _handler.ReadCalibration();
            if (c == null) return ErrorCode.NotSupported;
            CalibrationWire.Write(_writer, c);
            return ErrorCode.Ok;
        }

        private int DoWriteCalibration(ref int detail)
        {
            if (_handler.MotorActive) return ErrorCode.MotorActive;
            if (Busy(ref detail)) return ErrorCode.Busy;
            MnPen.Storage.Calibration c = CalibrationWire.Read(_reader);
            if (c == null || _reader.Error) return ErrorCode.MalformedPayload;
            int r = _handler.WriteCalibration(c, out _errorMessage);
            if (r == ErrorCode.Ok) _handler.LogLinkEvent(LinkEvent.CalibrationWritten, 0);
            return r;
        }

        private int DoSelfTest(ref int detail)
        {
            if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (_handler.MotorActive) return ErrorCode.MotorActive;
            _selfTest.Clear();
            int r = _handler.RunSelfTest(_selfTest, out detail);
            if (r != ErrorCode.Ok) return r;
            _writer.U8(_selfTest.Passed ? 1 : 0);
            _writer.U8(_selfTest.Count);
            for (int i = 0; i < _selfTest.Count; i++) _writer.U16Sat(_selfTest.Faults[i]);
            return ErrorCode.Ok;
        }

        private int DoSetSerial(ref int detail)
        {
            if (_handler.MotorActive) return ErrorCode.MotorActive;
            if (Busy(ref detail)) return ErrorCode.Busy;
            string serial = _reader.Str();
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (serial.Length < 1 || serial.Length > ProtocolLimits.MaxSerialLength) return ErrorCode.OutOfRange;
            int r = _handler.WriteSerialNumber(serial);
            if (r == ErrorCode.Ok) _handler.LogLinkEvent(LinkEvent.SerialWritten, serial.Length);
            return r;
        }

        private int DoProvisionKey(ref int detail)
        {
            if (_reader.Remaining != ProtocolLimits.KeyLength) return ErrorCode.MalformedPayload;
            bool has = _handler.ReadServiceKey(_scratch, 0);
            System.Array.Clear(_scratch, 0, _scratch.Length);
            if (has && !_service.Unlocked) return ErrorCode.AlreadyProvisioned;
            if (_handler.MotorActive) return ErrorCode.MotorActive;
            if (Busy(ref detail)) return ErrorCode.Busy;
            int r = _handler.WriteServiceKey(_parser.Buffer, _reader.Position);
            if (r == ErrorCode.Ok) _handler.LogLinkEvent(LinkEvent.KeyProvisioned, has ? 1 : 0);
            return r;
        }

        private bool Busy(ref int detail)
        {
            int wait = _handler.StorageBusyMs;
            if (wait <= 0) return false;
            detail = wait;
            _errorMessage = "the pen is finishing its boot self-test; retry in " + wait.ToString() + " ms";
            return true;
        }

        private int Locked()
        {
            _errorMessage = _session.LockedMessage();
            return ErrorCode.ServiceLocked;
        }

        private void FillStatus()
        {
            _handler.ReadStatus(_status);
            _status.UptimeMs = (uint)NowMs();
            int flags = _status.Flags & ~(PenStatusData.FlagServiceUnlocked | PenStatusData.FlagTelemetryOn);
            if (_service.Unlocked) flags |= PenStatusData.FlagServiceUnlocked;
            if (_telemetryHz > 0) flags |= PenStatusData.FlagTelemetryOn;
            if (_session.OwnsMotor) flags |= PenStatusData.FlagLinkMotor;
            _status.Flags = flags;
        }

        private void SendTelemetryIfDue()
        {
            if (_telemetryHz <= 0) return;
            ulong now = _clock.NowMicros;
            if (now < _nextTelemetryMicros) return;
            _nextTelemetryMicros += _telemetryPeriodMicros;
            // After a long stall skip the missed samples rather than bursting them.
            if (_nextTelemetryMicros <= now) _nextTelemetryMicros = now + _telemetryPeriodMicros;
            try
            {
                FillStatus();
            }
            catch (System.Exception)
            {
                ExceptionsCaught++;
                return;
            }
            _writer.Reset(_payload, 0, _payload.Length);
            StatusCodec.WriteSample(_writer, _status);
            // A sample may only use space beyond what the next reply needs: samples are dropped, replies never.
            int need = FrameFormat.HeaderSize + _writer.Length + FrameFormat.CrcSize;
            if (TxFree() - need < FrameFormat.MaxFrame) FramesDropped++;
            else if (Send(MessageType.TelemetrySample, _telemetrySeq, _writer.Length)) SamplesSent++;
            // The sequence advances even when a sample is dropped, so the host sees the gap.
            _telemetrySeq++;
        }

        private bool Send(byte type, byte seq, int payloadLength)
        {
            int need = FrameFormat.HeaderSize + payloadLength + FrameFormat.CrcSize;
            if (_tx.Length - _txEnd < need && _txStart > 0)
            {
                int pending = _txEnd - _txStart;
                System.Array.Copy(_tx, _txStart, _tx, 0, pending);
                _txStart = 0;
                _txEnd = pending;
            }
            if (_tx.Length - _txEnd < need)
            {
                FramesDropped++;
                return false;
            }
            _txEnd += FrameWriter.Encode(type, seq, _payload, 0, payloadLength, _tx, _txEnd);
            FlushTx();
            return true;
        }

        private void FlushTx()
        {
            if (_txEnd == _txStart) return;
            int n = _serial.Write(_tx, _txStart, _txEnd - _txStart);
            if (n > 0) _txStart += n;
            if (_txStart >= _txEnd)
            {
                _txStart = 0;
                _txEnd = 0;
            }
        }
    }
}
