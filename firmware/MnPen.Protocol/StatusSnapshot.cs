using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>The pen's status as the link reports it: the firmware's own status with the link's flags and the uptime added.</summary>
    internal sealed class StatusSnapshot
    {
        private readonly PenStatusData _data = new PenStatusData();
        private readonly IPenCommandHandler _handler;
        private readonly IClock _clock;
        private readonly ServiceLock _service;
        private readonly LinkSession _session;

        /// <summary>Creates the snapshot; its one status record is allocated now and refilled by every Fill.</summary>
        public StatusSnapshot(IPenCommandHandler handler, IClock clock, ServiceLock service, LinkSession session)
        {
            _handler = handler;
            _clock = clock;
            _service = service;
            _session = session;
        }

        /// <summary>The status last filled.</summary>
        public PenStatusData Data => _data;

        /// <summary>Reads the firmware's status now; telemetryOn says whether a sample stream runs.</summary>
        public void Fill(bool telemetryOn)
        {
            _handler.ReadStatus(_data);
            _data.UptimeMs = (uint)(long)(_clock.NowMicros / 1000UL);
            int flags = _data.Flags & ~(PenStatusData.FlagServiceUnlocked | PenStatusData.FlagTelemetryOn);
            if (_service.Unlocked) flags |= PenStatusData.FlagServiceUnlocked;
            if (telemetryOn) flags |= PenStatusData.FlagTelemetryOn;
            if (_session.OwnsMotor) flags |= PenStatusData.FlagLinkMotor;
            _data.Flags = flags;
        }
    }
}
