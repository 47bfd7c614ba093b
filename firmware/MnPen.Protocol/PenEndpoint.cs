using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>
    /// The pen's side of the protocol: reads the serial port, parses frames, checks access, dispatches to the firmware
    /// through <see cref="IPenCommandHandler"/> and sends replies and telemetry. Polled from the host loop (never from
    /// the control tick). Every buffer is allocated once, when the endpoint is created; receiving costs no allocation per byte.
    /// The work is done by collaborators: <see cref="FrameReceiver"/> (input under backpressure), <see cref="FrameTransmitter"/>
    /// (the send buffer), <see cref="RequestDispatcher"/> and its request handlers, and <see cref="TelemetryStream"/>.
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

        private readonly IClock _clock;
        private readonly IPenCommandHandler _handler;
        private readonly FrameParser _parser = new FrameParser();
        private readonly ServiceLock _service;
        private readonly LinkSession _session;
        private readonly FrameTransmitter _tx;
        private readonly FrameReceiver _rx;
        private readonly RequestContext _request;
        private readonly TelemetryStream _telemetry;
        private readonly PenRequests _pen;
        private readonly RequestDispatcher _dispatcher;

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
            _clock = clock;
            _handler = handler;
            _service = new ServiceLock(random);
            _service.Restore(handler.ServiceGuard, NowMs());
            _session = new LinkSession(_service, handler);
            _tx = new FrameTransmitter(serial);
            _request = new RequestContext(_parser, handler, _service, _session, clock);
            StatusSnapshot status = new StatusSnapshot(handler, clock, _service, _session);
            _telemetry = new TelemetryStream(clock, _tx, status, _request.Writer, _request.Payload);
            _pen = new PenRequests(_request, status, _telemetry);
            _dispatcher = new RequestDispatcher(_request, _pen);
            _rx = new FrameReceiver(serial, clock, _parser, _tx, this);
        }

        /// <summary>What the connected host owns: service session, link-started motor, keep-alive.</summary>
        public LinkSession Session => _session;

        /// <summary>
        /// The host link ended (the cable, the port's DTR or the server's client went away): service mode ends and a motor
        /// started over the link stops.
        /// </summary>
        public void LinkDropped()
        {
            _telemetry.Stop();
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
        public int TelemetryHz => _telemetry.Hz;

        /// <summary>Bytes waiting to be sent.</summary>
        public int PendingTxBytes => _tx.Pending;

        /// <summary>Reads and handles waiting input, sends due telemetry and flushes output. Never throws.</summary>
        public void Poll()
        {
            _tx.Flush();
            if (_pen.RebootPending && _tx.Pending == 0)
            {
                _pen.RebootPending = false;
                _handler.Reboot();
                return;
            }
            _rx.Receive();
            long nowMs = NowMs();
            if (_service.CheckTimeout(nowMs)) _session.Locked(LinkEndReason.IdleTimeout);
            _session.Check(nowMs);
            int sample = _telemetry.SendIfDue();
            if (sample == TelemetryStream.Sent) SamplesSent++;
            else if (sample == TelemetryStream.Dropped) FramesDropped++;
            else if (sample == TelemetryStream.Failed) ExceptionsCaught++;
            _tx.Flush();
        }

        /// <summary>
        /// Forgets input not yet handled and output not yet sent: the link they belonged to has ended (a new host must
        /// not receive answers meant for the previous one, nor have its first request glued to the previous one's tail).
        /// </summary>
        public void DiscardLinkBuffers()
        {
            _rx.Discard();
            _tx.Discard();
        }

        // Answers the complete frame the parser holds; the receiver calls it only while the send buffer can take a reply.
        internal void HandleFrame()
        {
            byte type = _parser.FrameType;
            byte seq = _parser.FrameSeq;
            // Replies and samples echoed back (a loop-back cable, or another pen) are not requests: ignore them.
            if ((type & MessageType.ReplyFlag) != 0 || type == MessageType.Error) return;
            RequestsHandled++;
            _session.RequestSeen(NowMs());
            _request.Begin();
            int detail = 0;
            int code;
            try
            {
                code = _dispatcher.Dispatch(type, ref detail);
            }
            catch (System.Exception)
            {
                ExceptionsCaught++;
                code = ErrorCode.Internal;
            }
            if (code == ErrorCode.Ok && _request.Writer.Overflow) code = ErrorCode.TooLarge;
            if (code == ErrorCode.Ok)
            {
                Reply(MessageType.ReplyTo(type), seq);
                return;
            }
            ErrorsSent++;
            _request.WriteError(type, code, detail);
            Reply(MessageType.Error, seq);
        }

        private void Reply(byte type, byte seq)
        {
            if (!_tx.Send(type, seq, _request.Payload, _request.Writer.Length)) FramesDropped++;
        }

        private long NowMs()
        {
            return (long)(_clock.NowMicros / 1000UL);
        }
    }
}
