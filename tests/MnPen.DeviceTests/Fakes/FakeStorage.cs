using System;
using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>
    /// In-memory named files (a few fixed slots; no generic collections on nanoFramework v1) with an armed power cut:
    /// the write that crosses the byte budget stores only the bytes before the cut and throws.
    /// </summary>
    public sealed class FakeStorage : INonVolatileStorage
    {
        private const int Slots = 32;
        private readonly string[] _names = new string[Slots];
        private readonly byte[][] _data = new byte[Slots][];
        private readonly int[] _length = new int[Slots];
        private long _cutAt = -1;

        /// <summary>Bytes written since creation.</summary>
        public long BytesWritten;

        /// <summary>True once an armed cut has happened (until <see cref="RestorePower"/>).</summary>
        public bool PowerIsCut;

        /// <summary>Creates empty storage.</summary>
        public FakeStorage()
        {
            // nanoFramework leaves the elements of a new string[] as text-less strings, not null references:
            // comparing one with == crashes the interpreter (docs/device.md, portable code rules). Assign every element.
            for (int i = 0; i < Slots; i++) _names[i] = null;
        }

        /// <summary>Cuts the power after this many more bytes have been written.</summary>
        public void ArmPowerCut(long afterBytes)
        {
            _cutAt = BytesWritten + afterBytes;
        }

        /// <summary>Powers up again: writes work, the files hold whatever the cut left.</summary>
        public void RestorePower()
        {
            _cutAt = -1;
            PowerIsCut = false;
        }

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

        /// <summary>Writes count bytes at offset, growing the file; an armed cut stores only the bytes before it.</summary>
        public void Write(string name, int offset, byte[] data, int dataOffset, int count)
        {
            if (PowerIsCut) throw new PowerCutException();
            bool cut = false;
            if (_cutAt >= 0 && BytesWritten + count > _cutAt)
            {
                count = (int)(_cutAt - BytesWritten);
                cut = true;
            }
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
            BytesWritten += count;
            if (cut)
            {
                PowerIsCut = true;
                throw new PowerCutException();
            }
        }

        /// <summary>Deletes the file.</summary>
        public void Delete(string name)
        {
            if (PowerIsCut) throw new PowerCutException();
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
