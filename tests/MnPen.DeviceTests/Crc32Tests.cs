using MnPen.Storage;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>CRC-32 on the nanoFramework runtime (integer shifts and table lookups as the interpreter runs them).</summary>
    [TestClass]
    public class Crc32Tests
    {
        private static byte[] Ascii(string s)
        {
            var b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++) b[i] = (byte)s[i];
            return b;
        }

        [TestMethod]
        public void Crc32_of_the_standard_check_string_is_CBF43926()
        {
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(Ascii("123456789"), 0, 9));
        }

        [TestMethod]
        public void Crc32_in_pieces_equals_crc32_in_one_go()
        {
            var data = Ascii("microneedling pen record");
            uint running = Crc32.Update(Crc32.Start, data, 0, 7);
            running = Crc32.Update(running, data, 7, data.Length - 7);
            Assert.AreEqual(Crc32.Compute(data, 0, data.Length), Crc32.Finish(running));
        }

        [TestMethod]
        public void Crc32_changes_when_one_bit_flips()
        {
            var data = Ascii("123456789");
            uint before = Crc32.Compute(data, 0, 9);
            data[4] ^= 0x01;
            Assert.AreNotEqual(before, Crc32.Compute(data, 0, 9));
        }
    }
}
