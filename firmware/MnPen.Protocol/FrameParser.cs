namespace MnPen.Protocol
{
    /// <summary>
    /// Byte-at-a-time frame receiver over one preallocated buffer (no allocation after construction).
    /// Garbage is skipped until a sync pair; a length above the maximum or a CRC mismatch drops only the first sync
    /// byte and rescans the bytes already held, so a valid frame hidden behind a false start is still found.
    /// </summary>
    public sealed class FrameParser
    {
        private readonly byte[] _buf = new byte[FrameFormat.MaxFrame];
        private int _count;
        private int _frameLength;
        private bool _ready;

        /// <summary>Frames received with a good CRC.</summary>
        public uint FramesOk;

        /// <summary>Candidate frames dropped because their CRC did not match.</summary>
        public uint CrcErrors;

        /// <summary>Candidate frames dropped because their length was above the maximum or failed the header check.</summary>
        public uint HeaderErrors;

        /// <summary>Bytes skipped while looking for a frame.</summary>
        public uint BytesDiscarded;

        /// <summary>Type byte of the frame just completed.</summary>
        public byte FrameType => _buf[5];

        /// <summary>Sequence byte of the frame just completed.</summary>
        public byte FrameSeq => _buf[6];

        /// <summary>Payload length of the frame just completed.</summary>
        public int PayloadLength => _buf[2] | (_buf[3] << 8);

        /// <summary>Buffer holding the completed frame; the payload starts at <see cref="PayloadOffset"/>.</summary>
        public byte[] Buffer => _buf;

        /// <summary>Offset of the payload within <see cref="Buffer"/>.</summary>
        public int PayloadOffset => FrameFormat.HeaderSize;

        /// <summary>Bytes currently buffered toward a frame (never more than FrameFormat.MaxFrame).</summary>
        public int BufferedBytes => _count;

        /// <summary>Capacity of the receive buffer, bytes (fixed).</summary>
        public int Capacity => _buf.Length;

        /// <summary>Forgets any partial frame.</summary>
        public void Reset()
        {
            _count = 0;
            _frameLength = 0;
            _ready = false;
        }

        /// <summary>
        /// Feeds one received byte. Returns true when it completes a frame with a valid CRC; the frame stays readable
        /// until the next call.
        /// </summary>
        public bool Feed(byte b)
        {
            ReleaseFrame();
            _buf[_count++] = b;
            return Evaluate();
        }

        /// <summary>
        /// Completes a frame from bytes already held (a valid frame found while rescanning after a false start may be
        /// followed by more held bytes). Call when input runs dry; returns true if a frame is ready.
        /// </summary>
        public bool Drain()
        {
            if (!_ready) return false;
            ReleaseFrame();
            return Evaluate();
        }

        /// <summary>
        /// Input has gone quiet in the middle of a candidate frame (a false start, or a sender that gave up): abandon it
        /// and rescan the held bytes. Returns true if that completes a frame (then call <see cref="Drain"/> as usual).
        /// </summary>
        public bool Flush()
        {
            if (_ready || _count == 0) return false;
            DropLeading();
            return Evaluate();
        }

        // Drops the frame last returned, keeping any bytes held after it.
        private void ReleaseFrame()
        {
            if (!_ready) return;
            _ready = false;
            int rest = _count - _frameLength;
            if (rest > 0) System.Array.Copy(_buf, _frameLength, _buf, 0, rest);
            _count = rest;
        }

        // Examines the held bytes; drops a leading byte and re-examines until the buffer is a valid prefix.
        private bool Evaluate()
        {
            while (_count > 0)
            {
                if (_buf[0] != FrameFormat.Sync0)
                {
                    DropLeading();
                    continue;
                }
                if (_count < 2) return false;
                if (_buf[1] != FrameFormat.Sync1)
                {
                    DropLeading();
                    continue;
                }
                if (_count < 5) return false;
                int len = _buf[2] | (_buf[3] << 8);
                if (len > FrameFormat.MaxPayload || _buf[4] != FrameFormat.HeaderCheck(len))
                {
                    HeaderErrors++;
                    DropLeading();
                    continue;
                }
                int total = FrameFormat.HeaderSize + len + FrameFormat.CrcSize;
                if (_count < total) return false;
                ushort expected = (ushort)(_buf[total - 2] | (_buf[total - 1] << 8));
                if (Crc16.Compute(_buf, 2, FrameFormat.HeaderSize - 2 + len) == expected)
                {
                    FramesOk++;
                    _frameLength = total;
                    _ready = true;
                    return true;
                }
                CrcErrors++;
                DropLeading();
            }
            return false;
        }

        // Discards the first held byte and everything up to the next possible sync byte.
        private void DropLeading()
        {
            int next = 1;
            while (next < _count && _buf[next] != FrameFormat.Sync0) next++;
            BytesDiscarded += (uint)next;
            int remaining = _count - next;
            if (remaining > 0) System.Array.Copy(_buf, next, _buf, 0, remaining);
            _count = remaining;
        }
    }
}
