namespace MnPen.Protocol
{
    /// <summary>Answers the service-access requests: challenge, unlock and lock, and the serial number and key they guard.</summary>
    internal sealed class ServiceRequests
    {
        private readonly RequestContext _request;

        /// <summary>Creates the handlers over the shared request context.</summary>
        public ServiceRequests(RequestContext request)
        {
            _request = request;
        }

        /// <summary>ServiceChallenge: a fresh nonce, the attempts left and any lockout left.</summary>
        public int Challenge(long nowMs, ref int detail)
        {
            ServiceLock service = _request.Service;
            if (_request.Reader.Remaining != 0) return ErrorCode.MalformedPayload;
            // The challenge may write its epoch to flash, which waits while the motor runs; so does unlocking.
            if (_request.Handler.MotorActive) return ErrorCode.MotorActive;
            if (_request.Busy(ref detail)) return ErrorCode.Busy;
            int r = service.Challenge(nowMs);
            if (r != ErrorCode.Ok)
            {
                detail = (int)service.LockoutRemainingMs(nowMs);
                return r;
            }
            PayloadWriter writer = _request.Writer;
            writer.Bytes(service.Nonce, 0, ProtocolLimits.NonceLength);
            writer.U8(service.AttemptsLeft);
            writer.U32((uint)service.LockoutRemainingMs(nowMs));
            return ErrorCode.Ok;
        }

        /// <summary>ServiceUnlock: checks the response to the challenge; the reply carries the session's idle timeout, s.</summary>
        public int Unlock(long nowMs, ref int detail)
        {
            ServiceLock service = _request.Service;
            PayloadReader reader = _request.Reader;
            if (reader.Remaining != ProtocolLimits.KeyLength) return ErrorCode.MalformedPayload;
            if (_request.Handler.MotorActive) return ErrorCode.MotorActive;
            if (_request.Busy(ref detail)) return ErrorCode.Busy;
            int r = service.Unlock(_request.Parser.Buffer, reader.Position, nowMs, _request.Handler);
            if (r != ErrorCode.Ok)
            {
                detail = r == ErrorCode.RateLimited || r == ErrorCode.AuthFailed
                    ? (int)service.LockoutRemainingMs(nowMs) : 0;
                return r;
            }
            _request.Session.Unlocked();
            _request.Writer.U16((int)(ServiceLock.SessionIdleMs / 1000));
            return ErrorCode.Ok;
        }

        /// <summary>ServiceLock: ends service mode if it was on.</summary>
        public int Lock()
        {
            if (_request.Service.Unlocked)
            {
                _request.Service.Lock();
                _request.Session.Locked(LinkEndReason.Command);
            }
            return ErrorCode.Ok;
        }

        /// <summary>SetSerialNumber: only with the motor still and storage free; a written serial is logged.</summary>
        public int SetSerial(ref int detail)
        {
            IPenCommandHandler handler = _request.Handler;
            PayloadReader reader = _request.Reader;
            if (handler.MotorActive) return ErrorCode.MotorActive;
            if (_request.Busy(ref detail)) return ErrorCode.Busy;
            string serial = reader.Str();
            if (reader.Error || reader.Remaining != 0) return ErrorCode.MalformedPayload;
            if (serial.Length < 1 || serial.Length > ProtocolLimits.MaxSerialLength) return ErrorCode.OutOfRange;
            int r = handler.WriteSerialNumber(serial);
            if (r == ErrorCode.Ok) handler.LogLinkEvent(LinkEvent.SerialWritten, serial.Length);
            return r;
        }

        /// <summary>ProvisionKey: the first key is free to set; replacing one needs service mode. Logged either way.</summary>
        public int ProvisionKey(ref int detail)
        {
            IPenCommandHandler handler = _request.Handler;
            PayloadReader reader = _request.Reader;
            if (reader.Remaining != ProtocolLimits.KeyLength) return ErrorCode.MalformedPayload;
            bool has = _request.KeyProvisioned();
            if (has && !_request.Service.Unlocked) return ErrorCode.AlreadyProvisioned;
            if (handler.MotorActive) return ErrorCode.MotorActive;
            if (_request.Busy(ref detail)) return ErrorCode.Busy;
            int r = handler.WriteServiceKey(_request.Parser.Buffer, reader.Position);
            if (r == ErrorCode.Ok) handler.LogLinkEvent(LinkEvent.KeyProvisioned, has ? 1 : 0);
            return r;
        }
    }
}
