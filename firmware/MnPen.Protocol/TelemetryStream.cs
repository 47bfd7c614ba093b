using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>
    /// The telemetry sample stream: its rate, schedule and sequence; a sample only uses send-buffer space beyond what the
    /// next reply needs, so samples are dropped under backpressure and replies never are.
    /// </summary>
    internal sealed class TelemetryStream
    {
        /// <summary>SendIfDue: no sample was due.</summary>
        public const int NotDue = 0;
        /// <summary>SendIfDue: a sample was queued.</summary>
        public const int Sent = 1;
        /// <summary>SendIfDue: a sample was due but the send buffer had no room beyond a reply (its sequence is skipped).</summary>
        public const int Dropped = 2;
        /// <summary>SendIfDue: reading the status threw (a firmware bug); no sample, the sequence is kept.</summary>
        public const int Failed = 3;

        private readonly IClock _clock;
        private readonly FrameTransmitter _tx;
        private readonly StatusSnapshot _status;
        private readonly PayloadWriter _writer;
        private readonly byte[] _payload;
        private int _hz;
        private ulong _periodMicros;
        private ulong _nextMicros;
        private byte _seq;

        /// <summary>Creates the stream (off); samples are written with the shared payload writer and buffer.</summary>
        public TelemetryStream(IClock clock, FrameTransmitter tx, StatusSnapshot status, PayloadWriter writer, byte[] payload)
        {
            _clock = clock;
            _tx = tx;
            _status = status;
            _writer = writer;
            _payload = payload;
        }

        /// <summary>Samples/s now streaming (0 = off).</summary>
        public int Hz => _hz;

        /// <summary>Streams hz samples/s from now (0 stops); hz is already checked against ProtocolLimits.MaxTelemetryHz.</summary>
        public void SetRate(int hz)
        {
            _hz = hz;
            if (hz > 0)
            {
                _periodMicros = (ulong)(1000000 / hz);
                _nextMicros = _clock.NowMicros;
            }
        }

        /// <summary>Stops the stream.</summary>
        public void Stop()
        {
            _hz = 0;
        }

        /// <summary>Sends a sample if one is due: NotDue, Sent, Dropped or Failed.</summary>
        public int SendIfDue()
        {
            if (_hz <= 0) return NotDue;
            ulong now = _clock.NowMicros;
            if (now < _nextMicros) return NotDue;
            _nextMicros += _periodMicros;
            // After a long stall skip the missed samples rather than bursting them.
            if (_nextMicros <= now) _nextMicros = now + _periodMicros;
            try
            {
                _status.Fill(_hz > 0);
            }
            catch (System.Exception)
            {
                return Failed;
            }
            _writer.Reset(_payload, 0, _payload.Length);
            StatusCodec.WriteSample(_writer, _status.Data);
            int need = FrameFormat.HeaderSize + _writer.Length + FrameFormat.CrcSize;
            int result;
            if (_tx.Free - need < FrameFormat.MaxFrame) result = Dropped;
            else result = _tx.Send(MessageType.TelemetrySample, _seq, _payload, _writer.Length) ? Sent : Dropped;
            // The sequence advances even when a sample is dropped, so the host sees the gap.
            _seq++;
            return result;
        }
    }
}
