using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>
    /// Reads the serial port into the frame parser and has each complete frame handled, but only while the send buffer can
    /// take a reply: what cannot be handled yet stays where it is (parsed frames, read bytes, the serial port) until a later
    /// Receive, so no request goes unanswered and a host that outruns its own reading is pushed back by the link.
    /// </summary>
    internal sealed class FrameReceiver
    {
        private readonly ISerialPort _serial;
        private readonly IClock _clock;
        private readonly FrameParser _parser;
        private readonly FrameTransmitter _tx;
        private readonly PenEndpoint _endpoint;
        private readonly byte[] _rx = new byte[128];
        private int _rxPos;
        private int _rxLen;
        private bool _framesHeld;
        private ulong _lastRxMicros;

        /// <summary>Creates the receiver; complete frames go to the endpoint's frame handler.</summary>
        public FrameReceiver(ISerialPort serial, IClock clock, FrameParser parser, FrameTransmitter tx, PenEndpoint endpoint)
        {
            _serial = serial;
            _clock = clock;
            _parser = parser;
            _tx = tx;
            _endpoint = endpoint;
        }

        /// <summary>Reads, frames and handles waiting input (at most PenEndpoint.MaxBytesPerPoll bytes read).</summary>
        public void Receive()
        {
            int budget = PenEndpoint.MaxBytesPerPoll;
            bool received = false;
            bool drained = false;
            if (HandleHeldFrames() && FeedHeldBytes())
            {
                while (budget > 0)
                {
                    int n = _serial.Read(_rx, 0, budget < _rx.Length ? budget : _rx.Length);
                    if (n <= 0)
                    {
                        drained = true;
                        break;
                    }
                    received = true;
                    budget -= n;
                    _rxPos = 0;
                    _rxLen = n;
                    if (!FeedHeldBytes()) break;
                }
            }
            ulong nowUs = _clock.NowMicros;
            if (received || !drained)
            {
                // Input arrived, or is waiting behind a full send buffer: the line is not quiet.
                _lastRxMicros = nowUs;
            }
            else if (_parser.BufferedBytes > 0 && nowUs - _lastRxMicros > PenEndpoint.IdleFlushMicros && _tx.RoomForReply)
            {
                _lastRxMicros = nowUs;
                if (_parser.Flush())
                {
                    _endpoint.HandleFrame();
                    _framesHeld = true;
                    HandleHeldFrames();
                }
            }
        }

        /// <summary>Forgets bytes and frames not yet handled, and the parser's partial frame.</summary>
        public void Discard()
        {
            _parser.Reset();
            _rxPos = 0;
            _rxLen = 0;
            _framesHeld = false;
        }

        // Feeds the bytes read but not yet framed; false if it had to stop because a reply would not fit.
        private bool FeedHeldBytes()
        {
            while (_rxPos < _rxLen)
            {
                if (!_tx.RoomForReply) return false;
                if (_parser.Feed(_rx[_rxPos++]))
                {
                    _endpoint.HandleFrame();
                    _framesHeld = true;
                    if (!HandleHeldFrames()) return false;
                }
            }
            return true;
        }

        // Handles further complete frames the parser holds after the last one; false if a reply would not fit.
        private bool HandleHeldFrames()
        {
            while (_framesHeld)
            {
                if (!_tx.RoomForReply) return false;
                if (_parser.Drain()) _endpoint.HandleFrame();
                else _framesHeld = false;
            }
            return true;
        }
    }
}
