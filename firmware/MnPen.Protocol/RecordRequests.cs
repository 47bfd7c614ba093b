namespace MnPen.Protocol
{
    /// <summary>Answers the requests on the pen's records: reading the event logs, reading and writing the calibration.</summary>
    internal sealed class RecordRequests
    {
        private readonly RequestContext _request;
        private readonly EventRecord _event = new EventRecord();

        /// <summary>Creates the handlers; the event record read into is allocated now.</summary>
        public RecordRequests(RequestContext request)
        {
            _request = request;
        }

        /// <summary>ReadEvents: up to ProtocolLimits.MaxEventsPerReply events of one log from a sequence number on.</summary>
        public int ReadEvents()
        {
            PayloadReader reader = _request.Reader;
            PayloadWriter writer = _request.Writer;
            IPenCommandHandler handler = _request.Handler;
            uint from = reader.U32();
            int max = reader.U8();
            int log = reader.Remaining == 1 ? reader.U8() : EventLogId.Main;
            if (reader.Error || reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (log != EventLogId.Main && log != EventLogId.Security) return ErrorCode.OutOfRange;
            if (max > ProtocolLimits.MaxEventsPerReply) max = ProtocolLimits.MaxEventsPerReply;
            int total = handler.EventCount(log);
            uint first = handler.FirstEventSequence(log);
            uint end = first + (uint)(total < 0 ? 0 : total);
            if (from < first) from = first;
            writer.U32((uint)total);
            writer.U32(first);
            int countPos = writer.Length;
            writer.U8(0);
            int count = 0;
            for (uint s = from; s < end && count < max; s++)
            {
                if (handler.ReadEvent(log, s, _event) != ErrorCode.Ok) break;
                writer.U32(_event.Sequence);
                writer.U16Sat(_event.BootNumber);
                writer.U32(_event.UptimeMs);
                writer.U8(_event.Kind);
                writer.U16Sat(_event.Code);
                writer.U32(_event.Argument);
                writer.U8(_event.Repeats > 255 ? 255 : _event.Repeats);
                count++;
            }
            _request.Payload[countPos] = (byte)count;
            return ErrorCode.Ok;
        }

        /// <summary>ReadCalibration.</summary>
        public int ReadCalibration()
        {
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            MnPen.Storage.Calibration c = _request.Handler.ReadCalibration();
            if (c == null) return ErrorCode.NotSupported;
            CalibrationWire.Write(_request.Writer, c);
            return ErrorCode.Ok;
        }

        /// <summary>WriteCalibration: only with the motor still and storage free; a written calibration is logged.</summary>
        public int WriteCalibration(ref int detail)
        {
            IPenCommandHandler handler = _request.Handler;
            if (handler.MotorActive) return ErrorCode.MotorActive;
            if (_request.Busy(ref detail)) return ErrorCode.Busy;
            MnPen.Storage.Calibration c = CalibrationWire.Read(_request.Reader);
            if (c == null || _request.Reader.Error) return ErrorCode.MalformedPayload;
            int r = handler.WriteCalibration(c, out _request.ErrorMessage);
            if (r == ErrorCode.Ok) handler.LogLinkEvent(LinkEvent.CalibrationWritten, 0);
            return r;
        }
    }
}
