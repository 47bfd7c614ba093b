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

        /// <summary>Creates the endpoint; seed varies service nonces between boots (e.g. a reading of a noisy ADC).</summary>
        public PenEndpoint(ISerialPort serial, IClock clock, IPenCommandHandler handler, int seed)
        {
            _serial = serial;
            _clock = clock;
            _handler = handler;
            _service = new ServiceLock(seed ^ (int)clock.NowMicros);
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
            if (_service.CheckTimeout(nowMs)) _handler.LogLinkEvent(LinkEvent.ServiceLocked, 1);
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

        /// <summary>The host link ended (the cable, the port's DTR or the server's client went away): service mode ends and a motor started over the link stops.</summary>
        public void LinkDropped()
        {
            // Minimal form: the session belongs to the link that opened it (detail 2 = the link ended).
            if (_service.Unlocked) _handler.LogLinkEvent(LinkEvent.ServiceLocked, 2);
            _service.Lock();
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
            if (_errorMessage != null) _writer.Str(_errorMessage);
            Send(MessageType.Error, seq, _writer.Length);
        }

        private int Dispatch(byte type, ref int detail)
        {
            long nowMs = NowMs();
            MessageSpec spec = ProtocolSchema.Find(type);
            if (spec == null) return ErrorCode.UnknownCommand;
            if (spec.ServiceOnly)
            {
                if (!_service.Unlocked) return ErrorCode.ServiceLocked;
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
                case MessageType.SetSetting: return DoSetSetting(nowMs);
                case MessageType.Telemetry: return DoTelemetry();
                case MessageType.ReadEvents: return DoReadEvents();
                case MessageType.ReadCalibration: return DoReadCalibration();
                case MessageType.WriteCalibration: return DoWriteCalibration();
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
                        int r = _handler.Start(out detail);
                        if (r != ErrorCode.Ok) return r;
                        _writer.U8(detail);
                        return ErrorCode.Ok;
                    }
                case MessageType.ServiceChallenge:
                    {
                        if (_reader.Remaining != 0) return ErrorCode.MalformedPayload;
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
                        int r = _service.Unlock(_parser.Buffer, _reader.Position, nowMs, _handler);
                        if (r != ErrorCode.Ok)
                        {
                            detail = r == ErrorCode.RateLimited || r == ErrorCode.AuthFailed
                                ? (int)_service.LockoutRemainingMs(nowMs) : 0;
                            return r;
                        }
                        _writer.U16((int)(ServiceLock.SessionIdleMs / 1000));
                        return ErrorCode.Ok;
                    }
                case MessageType.ServiceLock:
                    if (_service.Unlocked) _handler.LogLinkEvent(LinkEvent.ServiceLocked, 0);
                    _service.Lock();
                    return ErrorCode.Ok;
                case MessageType.SetSerialNumber: return DoSetSerial();
                case MessageType.ProvisionKey: return DoProvisionKey();
                default: return ErrorCode.UnknownCommand;
            }
        }

        private int DoHello()
        {
            if (_reader.Remaining != 0 && _reader.Remaining != 2) return ErrorCode.MalformedPayload;
            // A new session starts with a handshake: an old stream would only confuse the new tool.
            _telemetryHz = 0;
            _writer.U16(ProtocolSchema.Version);
            _writer.U32(ProtocolSchema.Hash);
            _writer.U16(FrameFormat.MaxPayload);
            int flags = 0;
            if (_service.Unlocked) flags |= 1;
            if (_handler.ReadServiceKey(_scratch, 0)) flags |= 2;
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
            _writer.U8(SettingTable.NeedsService(id) ? 1 : 0);
            return ErrorCode.Ok;
        }

        private int DoSetSetting(long nowMs)
        {
            int id = _reader.U8();
            int value = _reader.I32();
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (!SettingTable.IsKnown(id)) return ErrorCode.NotSupported;
            if (SettingTable.NeedsService(id))
            {
                if (!_service.Unlocked) return ErrorCode.ServiceLocked;
                if (_handler.MotorActive) return ErrorCode.MotorActive;
                _service.Touch(nowMs);
            }
            int r = _handler.WriteSetting(id, value, out _errorMessage);
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
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (max > ProtocolLimits.MaxEventsPerReply) max = ProtocolLimits.MaxEventsPerReply;
            int total = _handler.EventCount;
            uint first = _handler.FirstEventSequence;
            uint end = first + (uint)(total < 0 ? 0 : total);
            if (from < first) from = first;
            _writer.U32((uint)total);
            _writer.U32(first);
            int countPos = _writer.Length;
            _writer.U8(0);
            int count = 0;
            for (uint s = from; s < end && count < max; s++)
            {
                if (_handler.ReadEvent(s, _event) != ErrorCode.Ok) break;
                _writer.U32(_event.Sequence);
                _writer.U16Sat(_event.BootNumber);
                _writer.U32(_event.UptimeMs);
                _writer.U8(_event.Kind);
                _writer.U16Sat(_event.Code);
                _writer.U32(_event.Argument);
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

        private int DoWriteCalibration()
        {
            if (_handler.MotorActive) return ErrorCode.MotorActive;
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

        private int DoSetSerial()
        {
            if (_handler.MotorActive) return ErrorCode.MotorActive;
            string serial = _reader.Str();
            if (_reader.Error || _reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (serial.Length < 1 || serial.Length > ProtocolLimits.MaxSerialLength) return ErrorCode.OutOfRange;
            int r = _handler.WriteSerialNumber(serial);
            if (r == ErrorCode.Ok) _handler.LogLinkEvent(LinkEvent.SerialWritten, serial.Length);
            return r;
        }

        private int DoProvisionKey()
        {
            if (_reader.Remaining != ProtocolLimits.KeyLength) return ErrorCode.MalformedPayload;
            bool has = _handler.ReadServiceKey(_scratch, 0);
            System.Array.Clear(_scratch, 0, _scratch.Length);
            if (has && !_service.Unlocked) return ErrorCode.AlreadyProvisioned;
            if (_handler.MotorActive) return ErrorCode.MotorActive;
            int r = _handler.WriteServiceKey(_parser.Buffer, _reader.Position);
            if (r == ErrorCode.Ok) _handler.LogLinkEvent(LinkEvent.KeyProvisioned, has ? 1 : 0);
            return r;
        }

        private void FillStatus()
        {
            _handler.ReadStatus(_status);
            _status.UptimeMs = (uint)NowMs();
            int flags = _status.Flags & ~(PenStatusData.FlagServiceUnlocked | PenStatusData.FlagTelemetryOn);
            if (_service.Unlocked) flags |= PenStatusData.FlagServiceUnlocked;
            if (_telemetryHz > 0) flags |= PenStatusData.FlagTelemetryOn;
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
