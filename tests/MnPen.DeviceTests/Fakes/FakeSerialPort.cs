using System;
using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>
    /// Both ends of a USB serial line in memory: the test plays the host (SendToPen, TakeFromPen), the pen's endpoint
    /// reads and writes through ISerialPort.
    /// </summary>
    public sealed class FakeSerialPort : ISerialPort
    {
        private readonly byte[] _toPen = new byte[4096];
        private readonly byte[] _fromPen = new byte[8192];
        private int _toPenStart;
        private int _toPenEnd;
        private int _fromPenEnd;

        /// <summary>Queues bytes for the pen to read.</summary>
        public void SendToPen(byte[] data, int offset, int count)
        {
            if (_toPenStart == _toPenEnd) _toPenStart = _toPenEnd = 0;
            Array.Copy(data, offset, _toPen, _toPenEnd, count);
            _toPenEnd += count;
        }

        /// <summary>Bytes the pen has written and the test not yet taken.</summary>
        public int PendingFromPen
        {
            get { return _fromPenEnd; }
        }

        /// <summary>Copies what the pen wrote into buffer and forgets it; returns the count.</summary>
        public int TakeFromPen(byte[] buffer, int offset)
        {
            int n = _fromPenEnd;
            Array.Copy(_fromPen, 0, buffer, offset, n);
            _fromPenEnd = 0;
            return n;
        }

        /// <summary>Bytes waiting for the pen.</summary>
        public int BytesToRead
        {
            get { return _toPenEnd - _toPenStart; }
        }

        /// <summary>The pen reads waiting bytes.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _toPenEnd - _toPenStart;
            if (n > count) n = count;
            Array.Copy(_toPen, _toPenStart, buffer, offset, n);
            _toPenStart += n;
            return n;
        }

        /// <summary>The pen writes; the line accepts what fits.</summary>
        public int Write(byte[] buffer, int offset, int count)
        {
            int room = _fromPen.Length - _fromPenEnd;
            int n = count < room ? count : room;
            Array.Copy(buffer, offset, _fromPen, _fromPenEnd, n);
            _fromPenEnd += n;
            return n;
        }
    }
}
