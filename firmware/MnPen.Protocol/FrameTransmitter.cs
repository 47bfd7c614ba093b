using MnPen.Hal;

namespace MnPen.Protocol
{
    /// <summary>The endpoint's send buffer: encodes frames into it and writes them out as fast as the serial port takes them.</summary>
    internal sealed class FrameTransmitter
    {
        private readonly ISerialPort _serial;
        private readonly byte[] _tx = new byte[FrameFormat.MaxFrame * 3];
        private int _start;
        private int _end;

        /// <summary>Creates the send buffer over the serial port; its one buffer is allocated now.</summary>
        public FrameTransmitter(ISerialPort serial)
        {
            _serial = serial;
        }

        /// <summary>Bytes waiting to be sent.</summary>
        public int Pending => _end - _start;

        /// <summary>Bytes the buffer can still take (Send moves the pending bytes to its start if needed).</summary>
        public int Free => _tx.Length - (_end - _start);

        /// <summary>True when the send buffer can take the largest reply.</summary>
        public bool RoomForReply => Free >= FrameFormat.MaxFrame;

        /// <summary>Frames payload[0..payloadLength) and starts sending it; false (nothing queued) if it does not fit.</summary>
        public bool Send(byte type, byte seq, byte[] payload, int payloadLength)
        {
            int need = FrameFormat.HeaderSize + payloadLength + FrameFormat.CrcSize;
            if (_tx.Length - _end < need && _start > 0)
            {
                int pending = _end - _start;
                System.Array.Copy(_tx, _start, _tx, 0, pending);
                _start = 0;
                _end = pending;
            }
            if (_tx.Length - _end < need) return false;
            _end += FrameWriter.Encode(type, seq, payload, 0, payloadLength, _tx, _end);
            Flush();
            return true;
        }

        /// <summary>Writes what the serial port takes now of the pending bytes.</summary>
        public void Flush()
        {
            if (_end == _start) return;
            int n = _serial.Write(_tx, _start, _end - _start);
            if (n > 0) _start += n;
            if (_start >= _end)
            {
                _start = 0;
                _end = 0;
            }
        }

        /// <summary>Forgets every byte not yet sent.</summary>
        public void Discard()
        {
            _start = 0;
            _end = 0;
        }
    }
}
