namespace MnPen.Protocol
{
    /// <summary>Routes a request to its handler after the access check: unknown types refused, service-only ones need service mode.</summary>
    internal sealed class RequestDispatcher
    {
        private readonly RequestContext _request;
        private readonly PenRequests _pen;
        private readonly SettingRequests _settings;
        private readonly RecordRequests _records;
        private readonly ServiceRequests _service;

        /// <summary>Creates the router over the pen's own handlers; the setting, record and service handlers are created now.</summary>
        public RequestDispatcher(RequestContext request, PenRequests pen)
        {
            _request = request;
            _pen = pen;
            _settings = new SettingRequests(request);
            _records = new RecordRequests(request);
            _service = new ServiceRequests(request);
        }

        /// <summary>Answers the request of this type in the context: an ErrorCode, with detail for an Error reply.</summary>
        public int Dispatch(byte type, ref int detail)
        {
            long nowMs = _request.NowMs();
            MessageSpec spec = ProtocolSchema.Find(type);
            if (spec == null) return ErrorCode.UnknownCommand;
            if (spec.ServiceOnly)
            {
                if (!_request.Service.Unlocked) return _request.Locked();
                _request.Service.Touch(nowMs);
            }
            switch (type)
            {
                case MessageType.Hello: return _pen.Hello();
                case MessageType.GetStatus: return _pen.GetStatus();
                case MessageType.GetSetting: return _settings.Get();
                case MessageType.SetSetting: return _settings.Set(nowMs, ref detail);
                case MessageType.Telemetry: return _pen.Telemetry();
                case MessageType.ReadEvents: return _records.ReadEvents();
                case MessageType.ReadCalibration: return _records.ReadCalibration();
                case MessageType.WriteCalibration: return _records.WriteCalibration(ref detail);
                case MessageType.SelfTest: return _pen.SelfTest(ref detail);
                case MessageType.AckFault: return _pen.AckFault(ref detail);
                case MessageType.ServiceClear: return _pen.ServiceClear(ref detail);
                case MessageType.Reboot: return _pen.Reboot();
                case MessageType.Stop: return _pen.Stop(ref detail);
                case MessageType.Start: return _pen.Start(ref detail);
                case MessageType.ServiceChallenge: return _service.Challenge(nowMs, ref detail);
                case MessageType.ServiceUnlock: return _service.Unlock(nowMs, ref detail);
                case MessageType.ServiceLock: return _service.Lock();
                case MessageType.SetSerialNumber: return _service.SetSerial(ref detail);
                case MessageType.ProvisionKey: return _service.ProvisionKey(ref detail);
                default: return ErrorCode.UnknownCommand;
            }
        }
    }
}
