using System;
using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>In-memory named files (a few fixed slots; no generic collections on nanoFramework v1).</summary>
    public sealed class FakeStorage : INonVolatileStorage
    {
        private const int Slots = 16;
        private readonly string[] _names = new string[Slots];
        private readonly byte[][] _data = new byte[Slots][];
        private readonly int[] _length = new int[Slots];

        /// <summary>Length, or -1 when absent.</summary>
        public int Length(string name)
        {
            int i = Find(name);
            return i < 0 ? -1 : _length[i];
        }

        /// <summary>Reads up to count bytes from offset.</summary>
        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
        {
            int i = Find(name);
            if (i < 0 || offset >= _length[i]) return 0;
            int n = _length[i] - offset;
            if (n > count) n = count;
            Array.Copy(_data[i], offset, buffer, bufferOffset, n);
            return n;
        }

        /// <summary>Writes count bytes at offset, growing the file.</summary>
        public void Write(string name, int offset, byte[] data, int dataOffset, int count)
        {
            int i = Find(name);
            if (i < 0)
            {
                i = Find(null);
                _names[i] = name;
                _data[i] = new byte[0];
                _length[i] = 0;
            }
            int end = offset + count;
            if (end > _data[i].Length)
            {
                var grown = new byte[end];
                Array.Copy(_data[i], 0, grown, 0, _length[i]);
                _data[i] = grown;
            }
            Array.Copy(data, dataOffset, _data[i], offset, count);
            if (end > _length[i]) _length[i] = end;
        }

        /// <summary>Deletes the file.</summary>
        public void Delete(string name)
        {
            int i = Find(name);
            if (i >= 0) _names[i] = null;
        }

        /// <summary>Flips one bit of a stored file (to simulate flash corruption).</summary>
        public void CorruptByte(string name, int offset)
        {
            int i = Find(name);
            _data[i][offset] ^= 0x10;
        }

        private int Find(string name)
        {
            for (int i = 0; i < Slots; i++)
                if (_names[i] == name) return i;
            if (name == null) throw new InvalidOperationException("fake storage full");
            return -1;
        }
    }
}
