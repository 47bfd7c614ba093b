using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>
    /// The request being answered and what every request handler shares: its payload reader, the reply being written,
    /// the error message, and the refusals common to several requests. Every buffer is allocated once here.
    /// </summary>
    internal sealed class RequestContext
    {
        /// <summary>The frame parser holding the request (its buffer carries keys read in place).</summary>
        public readonly FrameParser Parser;
        /// <summary>Reads the request's payload.</summary>
        public readonly PayloadReader Reader = new PayloadReader();
        /// <summary>Writes the reply's payload into <see cref="Payload"/>.</summary>
        public readonly PayloadWriter Writer = new PayloadWriter();
        /// <summary>The reply payload buffer (also used for telemetry samples).</summary>
        public readonly byte[] Payload = new byte[FrameFormat.MaxPayload];
        /// <summary>The firmware.</summary>
        public readonly IPenCommandHandler Handler;
        /// <summary>The service-mode gate.</summary>
        public readonly ServiceLock Service;
        /// <summary>What the connected host owns.</summary>
        public readonly LinkSession Session;
        /// <summary>Text for the Error reply, or null.</summary>
        public string ErrorMessage;

        private readonly IClock _clock;
        private readonly byte[] _key = new byte[ProtocolLimits.KeyLength];

        /// <summary>Creates the context over the endpoint's parser, firmware, service lock, session and clock.</summary>
        public RequestContext(FrameParser parser, IPenCommandHandler handler, ServiceLock service, LinkSession session, IClock clock)
        {
            Parser = parser;
            Handler = handler;
            Service = service;
            Session = session;
            _clock = clock;
        }

        /// <summary>Starts answering the frame the parser holds: its payload to read, an empty reply, no error message.</summary>
        public void Begin()
        {
            Reader.Reset(Parser.Buffer, Parser.PayloadOffset, Parser.PayloadLength);
            Writer.Reset(Payload, 0, Payload.Length);
            ErrorMessage = null;
        }

        /// <summary>Replaces the reply with an Error payload: the request type, the code, its detail and the message if any.</summary>
        public void WriteError(byte type, int code, int detail)
        {
            Writer.Reset(Payload, 0, Payload.Length);
            Writer.U8(type);
            Writer.U8(code);
            Writer.I32(detail);
            if (ErrorMessage != null) Writer.Text(ErrorMessage, ProtocolLimits.MaxMessageLength);
        }

        /// <summary>Milliseconds since boot.</summary>
        public long NowMs()
        {
            return (long)(_clock.NowMicros / 1000UL);
        }

        /// <summary>True (detail = the hold left, ms) while storage is held by the boot self-test.</summary>
        public bool Busy(ref int detail)
        {
            int wait = Handler.StorageBusyMs;
            if (wait <= 0) return false;
            detail = wait;
            ErrorMessage = "the pen is finishing its boot self-test; retry in " + wait.ToString() + " ms";
            return true;
        }

        /// <summary>The ServiceLocked refusal, with the session's explanation.</summary>
        public int Locked()
        {
            ErrorMessage = Session.LockedMessage();
            return ErrorCode.ServiceLocked;
        }

        /// <summary>True if a service key is provisioned (the key is read into a scratch buffer and wiped at once).</summary>
        public bool KeyProvisioned()
        {
            bool has = Handler.ReadServiceKey(_key, 0);
            System.Array.Clear(_key, 0, _key.Length);
            return has;
        }
    }
}
