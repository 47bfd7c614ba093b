namespace MnPen.Protocol
{
    /// <summary>Answers the requests about the pen itself: handshake, status, telemetry rate, motor, fault, self-test and restart.</summary>
    internal sealed class PenRequests
    {
        private readonly RequestContext _request;
        private readonly StatusSnapshot _status;
        private readonly TelemetryStream _telemetry;
        private readonly SelfTestReport _selfTest = new SelfTestReport();

        /// <summary>A restart was accepted; the endpoint restarts once the reply has been sent.</summary>
        public bool RebootPending;

        /// <summary>Creates the handlers; the self-test report is allocated now.</summary>
        public PenRequests(RequestContext request, StatusSnapshot status, TelemetryStream telemetry)
        {
            _request = request;
            _status = status;
            _telemetry = telemetry;
        }

        /// <summary>Hello: a new session starts and inherits nothing (no service mode, no link-started motor, no stream).</summary>
        public int Hello()
        {
            PayloadReader reader = _request.Reader;
            PayloadWriter writer = _request.Writer;
            IPenCommandHandler handler = _request.Handler;
            if (reader.Remaining != 0 && reader.Remaining != 2) return ErrorCode.MalformedPayload;
            _telemetry.Stop();
            int ended = _request.Session.End(LinkEndReason.NewSession);
            writer.U16(ProtocolSchema.Version);
            writer.U32(ProtocolSchema.Hash);
            writer.U16(FrameFormat.MaxPayload);
            int flags = ended;
            if (_request.KeyProvisioned()) flags |= PenEndpoint.HelloFlagKeyProvisioned;
            writer.U8(flags);
            writer.Str(handler.FirmwareVersion);
            writer.Str(handler.SerialNumber);
            return ErrorCode.Ok;
        }

        /// <summary>GetStatus.</summary>
        public int GetStatus()
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            _status.Fill(_telemetry.Hz > 0);
            StatusCodec.WriteStatus(_request.Writer, _status.Data);
            return ErrorCode.Ok;
        }

        /// <summary>Telemetry: sets the sample rate (0 stops the stream).</summary>
        public int Telemetry()
        {
            PayloadReader reader = _request.Reader;
            int hz = reader.U16();
            if (reader.Error || reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (hz > ProtocolLimits.MaxTelemetryHz) return ErrorCode.OutOfRange;
            _telemetry.SetRate(hz);
            _request.Writer.U16(hz);
            return ErrorCode.Ok;
        }

        /// <summary>AckFault: clears latched faults the firmware allows; the reply carries what it cleared and the fault left.</summary>
        public int AckFault(ref int detail)
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            int r = _request.Handler.AcknowledgeFault(out detail);
            if (r != ErrorCode.Ok) return r;
            _status.Fill(_telemetry.Hz > 0);
            _request.Writer.U8(detail);
            _request.Writer.U16Sat(_status.Data.Fault);
            return ErrorCode.Ok;
        }

        /// <summary>ServiceClear (service mode, checked by the dispatcher): like AckFault, service-policy faults included; logged.</summary>
        public int ServiceClear(ref int detail)
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            int r = _request.Handler.ServiceClearFault(out detail);
            _request.Handler.LogLinkEvent(LinkEvent.FaultServiceCleared, detail);
            if (r != ErrorCode.Ok) return r;
            _status.Fill(_telemetry.Hz > 0);
            _request.Writer.U8(detail);
            _request.Writer.U16Sat(_status.Data.Fault);
            return ErrorCode.Ok;
        }

        /// <summary>Reboot: accepted only with the motor still; the restart waits until the reply is out.</summary>
        public int Reboot()
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (_request.Handler.MotorActive) return ErrorCode.MotorActive;
            _request.Handler.LogLinkEvent(LinkEvent.RebootRequested, 0);
            RebootPending = true;
            return ErrorCode.Ok;
        }

        /// <summary>Stop.</summary>
        public int Stop(ref int detail)
        {
            int r = _request.Handler.Stop(out detail);
            if (r != ErrorCode.Ok) return r;
            _request.Writer.U8(detail);
            return ErrorCode.Ok;
        }

        /// <summary>Start: the session owns the motor (under the keep-alive) unless the pen's button had already started it.</summary>
        public int Start(ref int detail)
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            // A motor already turning was started by the pen's own button: the link does not take it over.
            bool wasActive = _request.Handler.MotorActive;
            int r = _request.Handler.Start(out detail);
            if (r != ErrorCode.Ok) return r;
            _request.Session.MotorStarted(wasActive);
            _request.Writer.U8(detail);
            return ErrorCode.Ok;
        }

        /// <summary>SelfTest: runs the firmware's self-test with the motor still; the reply lists the faults found.</summary>
        public int SelfTest(ref int detail)
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (_request.Handler.MotorActive) return ErrorCode.MotorActive;
            _selfTest.Clear();
            int r = _request.Handler.RunSelfTest(_selfTest, out detail);
            if (r != ErrorCode.Ok) return r;
            PayloadWriter writer = _request.Writer;
            writer.U8(_selfTest.Passed ? 1 : 0);
            writer.U8(_selfTest.Count);
            for (int i = 0; i < _selfTest.Count; i++) writer.U16Sat(_selfTest.Faults[i]);
            return ErrorCode.Ok;
        }
    }
}
