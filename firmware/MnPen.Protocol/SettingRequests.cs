namespace MnPen.Protocol
{
    /// <summary>Answers GetSetting and SetSetting: read-only settings refused, limits only in service mode with the motor still.</summary>
    internal sealed class SettingRequests
    {
        private readonly RequestContext _request;

        /// <summary>Creates the handlers over the shared request context.</summary>
        public SettingRequests(RequestContext request)
        {
            _request = request;
        }

        /// <summary>GetSetting: the value and its access class.</summary>
        public int Get()
        {
            PayloadReader reader = _request.Reader;
            int id = reader.U8();
            if (reader.Error || reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (!SettingTable.IsKnown(id)) return ErrorCode.NotSupported;
            int value;
            int r = _request.Handler.ReadSetting(id, out value);
            if (r != ErrorCode.Ok) return r;
            PayloadWriter writer = _request.Writer;
            writer.U8(id);
            writer.I32(value);
            writer.U8(SettingTable.Access(id));
            return ErrorCode.Ok;
        }

        /// <summary>SetSetting: writes the value; the reply carries the value now in force.</summary>
        public int Set(long nowMs, ref int detail)
        {
            PayloadReader reader = _request.Reader;
            IPenCommandHandler handler = _request.Handler;
            int id = reader.U8();
            int value = reader.I32();
            if (reader.Error || reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (!SettingTable.IsKnown(id)) return ErrorCode.NotSupported;
            if (SettingTable.ReadOnly(id))
            {
                _request.ErrorMessage = SettingTable.Name(id) + " is read-only: the pen and the cartridge record it themselves";
                return ErrorCode.NotSupported;
            }
            if (SettingTable.NeedsService(id))
            {
                if (!_request.Service.Unlocked) return _request.Locked();
                if (handler.MotorActive) return ErrorCode.MotorActive;
                _request.Service.Touch(nowMs);
            }
            int r = handler.WriteSetting(id, value, out _request.ErrorMessage);
            // Busy carries the hold left in its detail, as every Busy does, so a host knows when to send it again.
            if (r == ErrorCode.Busy) detail = handler.StorageBusyMs;
            if (r != ErrorCode.Ok) return r;
            if (SettingTable.NeedsService(id)) handler.LogLinkEvent(LinkEvent.LimitWritten, id);
            int now;
            r = handler.ReadSetting(id, out now);
            _request.Writer.U8(id);
            _request.Writer.I32(r == ErrorCode.Ok ? now : value);
            return ErrorCode.Ok;
        }
    }
}
