namespace MnPen.Protocol
{
    /// <summary>
    /// What one host connection owns on the pen: its service session and a motor it started. Both end with the
    /// connection (LinkDropped), with a new Hello, or — for the motor — when the host falls silent for
    /// <see cref="KeepAliveMs"/>; a motor started by the pen's own button is never the link's. Rules: docs/safety/link-threats.md.
    /// </summary>
    public sealed class LinkSession
    {
        /// <summary>
        /// A motor started over the link stops when no valid request has come from the host for this long, milliseconds.
        /// Any valid request counts. 1 s: a tool polls status at 2 Hz or faster (mnpen monitor: 10 Hz), so a live host never
        /// comes near it, and a needle left running by a crashed host or a pulled cable stops within about a second, the
        /// order of a motor controller's command watchdog.
        /// </summary>
        public const int KeepAliveMs = 1000;

        private readonly ServiceLock _service;
        private readonly IPenCommandHandler _handler;
        private long _lastRequestMs;
        private bool _linkMotor;
        private int _endReason = -1;

        /// <summary>Creates the session tracker over the endpoint's service lock and firmware handler.</summary>
        public LinkSession(ServiceLock service, IPenCommandHandler handler)
        {
            _service = service;
            _handler = handler;
        }

        /// <summary>Sessions ended by a new Hello while service mode was unlocked.</summary>
        public uint Takeovers;

        /// <summary>True while a motor started over the link runs under the keep-alive.</summary>
        public bool OwnsMotor => _linkMotor;

        /// <summary>A valid request arrived (the keep-alive).</summary>
        public void RequestSeen(long nowMs)
        {
            _lastRequestMs = nowMs;
        }

        /// <summary>Start was accepted; wasActive: the motor already turned (the button's, not the link's).</summary>
        public void MotorStarted(bool wasActive)
        {
            if (!wasActive) _linkMotor = true;
        }

        /// <summary>Service mode was unlocked: the session starts afresh.</summary>
        public void Unlocked()
        {
            _endReason = -1;
        }

        /// <summary>Records why service mode ended (and logs it) when it ended outside <see cref="End"/>.</summary>
        public void Locked(int reason)
        {
            _endReason = reason;
            _handler.LogLinkEvent(LinkEvent.ServiceLocked, reason);
        }

        /// <summary>
        /// Ends the session: service mode locks and a motor this link started stops, each logged with the reason. Returns
        /// Hello reply flags for what it ended (PenEndpoint.HelloFlagTookOver, HelloFlagStoppedMotor).
        /// </summary>
        public int End(int reason)
        {
            int flags = 0;
            if (_service.Unlocked)
            {
                _service.Lock();
                flags |= PenEndpoint.HelloFlagTookOver;
                if (reason == LinkEndReason.NewSession) Takeovers++;
                Locked(reason);
            }
            if (StopMotor(reason)) flags |= PenEndpoint.HelloFlagStoppedMotor;
            return flags;
        }

        /// <summary>Stops a link-started motor once the host has been silent for KeepAliveMs; forgets one that stopped otherwise.</summary>
        public void Check(long nowMs)
        {
            if (!_linkMotor) return;
            if (!_handler.MotorActive) _linkMotor = false;
            else if (nowMs - _lastRequestMs > KeepAliveMs) StopMotor(LinkEndReason.HostSilent);
        }

        /// <summary>Message for a ServiceLocked refusal that says why the session ended (null if it never began).</summary>
        public string LockedMessage()
        {
            if (_endReason == LinkEndReason.NewSession)
                return "service mode ended: a new Hello began another session (takeover); unlock again";
            if (_endReason == LinkEndReason.IdleTimeout)
                return "service mode ended after " + (ServiceLock.SessionIdleMs / 60000).ToString() + " minutes without a service command; unlock again";
            if (_endReason == LinkEndReason.LinkDropped)
                return "service mode ended when the previous connection dropped; unlock again";
            return null;
        }

        private bool StopMotor(int reason)
        {
            if (!_linkMotor) return false;
            _linkMotor = false;
            if (!_handler.MotorActive) return false;
            int detail;
            _handler.Stop(out detail);
            _handler.LogLinkEvent(LinkEvent.LinkMotorStopped, reason);
            return true;
        }
    }
}
