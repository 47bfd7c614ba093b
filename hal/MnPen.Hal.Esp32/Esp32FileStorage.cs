using System.IO;

namespace MnPen.Hal.Esp32
{
    /// <summary>Named files on the internal LittleFS flash drive I:\ (nanoFramework System.IO.FileSystem).</summary>
    public sealed class Esp32FileStorage : INonVolatileStorage
    {
        private readonly string _root;

        /// <summary>Stores files under the given folder of drive I: (created if missing).</summary>
        public Esp32FileStorage(string folder)
        {
            _root = "I:\\" + folder;
            if (!Directory.Exists(_root)) Directory.CreateDirectory(_root);
            _root += "\\";
        }

        /// <summary>Length in bytes, or -1 when absent.</summary>
        public int Length(string name)
        {
            var path = _root + name;
            if (!File.Exists(path)) return -1;
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read))
                return (int)fs.Length;
        }

        /// <summary>Reads up to count bytes at offset; 0 past the end or if absent.</summary>
        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
        {
            var path = _root + name;
            if (!File.Exists(path)) return 0;
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (offset >= fs.Length) return 0;
                fs.Seek(offset, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    var n = fs.Read(buffer, bufferOffset + total, count - total);
                    if (n <= 0) break;
                    total += n;
                }
                return total;
            }
        }

        /// <summary>Writes count bytes at offset (creating/extending the file) and flushes to flash before returning.</summary>
        public void Write(string name, int offset, byte[] data, int dataOffset, int count)
        {
            using (var fs = new FileStream(_root + name, FileMode.OpenOrCreate, FileAccess.ReadWrite))
            {
                fs.Seek(offset, SeekOrigin.Begin);
                fs.Write(data, dataOffset, count);
                fs.Flush();
            }
        }

        /// <summary>Deletes the file if present.</summary>
        public void Delete(string name)
        {
            var path = _root + name;
            if (File.Exists(path)) File.Delete(path);
        }
    }
}
