using MnPen.Protocol;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>Protocol framing: what the pen writes, the pen's own parser reads back; damage is rejected.</summary>
    [TestClass]
    public class FramingTests
    {
        private static byte[] Payload(int n)
        {
            var p = new byte[n];
            for (int i = 0; i < n; i++) p[i] = (byte)(i * 7 + 3);
            return p;
        }

        [TestMethod]
        public void Crc16_of_the_standard_check_string_is_29B1()
        {
            var data = new byte[] { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };
            Assert.AreEqual((ushort)0x29B1, Crc16.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void Encoded_frame_parses_back_with_type_sequence_and_payload()
        {
            var frame = new byte[FrameFormat.MaxFrame];
            int n = FrameWriter.Encode(0x21, 7, Payload(40), 0, 40, frame, 0);
            Assert.AreEqual(FrameFormat.HeaderSize + 40 + FrameFormat.CrcSize, n);

            var parser = new FrameParser();
            int completed = 0;
            for (int i = 0; i < n; i++)
                if (parser.Feed(frame[i])) completed++;
            Assert.AreEqual(1, completed);
            Assert.AreEqual((byte)0x21, parser.FrameType);
            Assert.AreEqual((byte)7, parser.FrameSeq);
            Assert.AreEqual(40, parser.PayloadLength);
            for (int i = 0; i < 40; i++) Assert.AreEqual((byte)(i * 7 + 3), parser.Buffer[parser.PayloadOffset + i]);
        }

        [TestMethod]
        public void Frame_with_a_damaged_byte_is_rejected_and_counted()
        {
            var frame = new byte[FrameFormat.MaxFrame];
            int n = FrameWriter.Encode(0x21, 1, Payload(10), 0, 10, frame, 0);
            frame[FrameFormat.HeaderSize + 4] ^= 0x40;
            var parser = new FrameParser();
            for (int i = 0; i < n; i++) Assert.IsFalse(parser.Feed(frame[i]));
            Assert.AreEqual(1u, parser.CrcErrors);
        }

        [TestMethod]
        public void Garbage_before_a_frame_is_skipped()
        {
            var buf = new byte[FrameFormat.MaxFrame + 8];
            buf[0] = 0x00; buf[1] = FrameFormat.Sync0; buf[2] = 0x13; buf[3] = 0xFF;
            int n = FrameWriter.Encode(0x05, 2, Payload(3), 0, 3, buf, 4);
            var parser = new FrameParser();
            int completed = 0;
            for (int i = 0; i < 4 + n; i++)
                if (parser.Feed(buf[i])) completed++;
            Assert.AreEqual(1, completed);
            Assert.AreEqual((byte)0x05, parser.FrameType);
        }

        [TestMethod]
        public void Oversized_payload_is_refused_by_the_writer()
        {
            var frame = new byte[FrameFormat.MaxFrame + 16];
            Assert.AreEqual(0, FrameWriter.Encode(1, 1, new byte[FrameFormat.MaxPayload + 1], 0, FrameFormat.MaxPayload + 1, frame, 0));
        }
    }
}
