using MnPen.DeviceTests.Fakes;
using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Protocol;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>
    /// The pen's protocol endpoint on a booted pen, over a fake USB serial line, on the device runtime: the test plays
    /// the host tool, frames requests and parses the pen's replies with the same framing code.
    /// </summary>
    [TestClass]
    public class EndpointTests
    {
        private static FakePenBoard s_pen;
        private static PenFirmware s_fw;
        private static PenLink s_link;
        private static FrameParser s_host;
        private static byte[] s_rx;
        private static byte s_seq;

        private static void BootPenWithLink()
        {
            s_pen = new FakePenBoard();
            s_fw = new PenFirmware(s_pen.Board);
            s_fw.Boot();
            s_link = new PenLink(s_fw, s_pen.Board);
            s_pen.RunThroughSelfTest(s_fw);
            s_host = new FrameParser();
            s_rx = new byte[8192];
        }

        /// <summary>Sends one request, lets the pen poll its link, and leaves the first frame of the answer in s_host.</summary>
        private static void Request(byte type, byte[] payload, int length)
        {
            var frame = new byte[FrameFormat.MaxFrame];
            s_seq++;
            int n = FrameWriter.Encode(type, s_seq, payload, 0, length, frame, 0);
            s_pen.Serial.SendToPen(frame, 0, n);
            s_link.Poll();
            int got = s_pen.Serial.TakeFromPen(s_rx, 0);
            bool complete = false;
            for (int i = 0; i < got && !complete; i++) complete = s_host.Feed(s_rx[i]);
            Assert.IsTrue(complete, "the pen answered request 0x" + type.ToString("X2") + " with a whole frame");
            Assert.AreEqual(s_seq, s_host.FrameSeq, "the answer carries the request's sequence number");
        }

        private static PayloadReader Reply()
        {
            var r = new PayloadReader();
            r.Reset(s_host.Buffer, s_host.PayloadOffset, s_host.PayloadLength);
            return r;
        }

        private static void AssertError(byte request, int code)
        {
            Assert.AreEqual(MessageType.Error, s_host.FrameType, "an Error frame");
            PayloadReader r = Reply();
            Assert.AreEqual((int)request, r.U8());
            Assert.AreEqual(code, r.U8());
        }

        [TestMethod]
        public void Hello_answers_the_protocol_version_and_the_pens_serial_number()
        {
            BootPenWithLink();
            Request(MessageType.Hello, new byte[0], 0);
            Assert.AreEqual(MessageType.ReplyTo(MessageType.Hello), s_host.FrameType);
            PayloadReader r = Reply();
            Assert.AreEqual(ProtocolSchema.Version, r.U16());
            Assert.AreEqual(ProtocolSchema.Hash, r.U32());
            Assert.AreEqual(FrameFormat.MaxPayload, r.U16());
            r.U8();
            Assert.IsTrue(r.Str().Length > 0, "firmware version");
            Assert.AreEqual("MNP-DEV-0001", r.Str());
            Assert.IsFalse(r.Error);
        }

        [TestMethod]
        public void Status_reports_a_ready_pen_with_its_cartridge_accepted()
        {
            BootPenWithLink();
            Request(MessageType.GetStatus, new byte[0], 0);
            Assert.AreEqual(MessageType.ReplyTo(MessageType.GetStatus), s_host.FrameType);
            var status = new PenStatusData();
            StatusCodec.ReadStatus(Reply(), status);
            Assert.AreEqual((int)PenState.Ready, status.State);
            Assert.IsTrue((status.Flags & PenStatusData.FlagCartridgeAccepted) != 0);
            Assert.AreEqual(0, status.DutyBasisPoints);
        }

        [TestMethod]
        public void Start_is_refused_outside_service_mode_and_the_motor_stays_off()
        {
            BootPenWithLink();
            Request(MessageType.Start, new byte[0], 0);
            AssertError(MessageType.Start, ErrorCode.ServiceLocked);
            s_pen.Run(s_fw, 50);
            Assert.AreEqual((int)PenState.Ready, (int)s_fw.State);
            Assert.IsFalse(s_pen.MotorEnable.Level);
        }

        [TestMethod]
        public void Stop_over_the_link_ends_a_running_session()
        {
            BootPenWithLink();
            Assert.AreEqual((int)CommandResult.Accepted, (int)s_fw.RequestStart());
            s_pen.Run(s_fw, 400);
            Assert.AreEqual((int)PenState.Running, (int)s_fw.State);
            Request(MessageType.Stop, new byte[0], 0);
            Assert.AreEqual(MessageType.ReplyTo(MessageType.Stop), s_host.FrameType);
            s_pen.Run(s_fw, 300);
            Assert.AreEqual((int)PenState.Ready, (int)s_fw.State);
            Assert.IsFalse(s_pen.MotorEnable.Level);
        }

        [TestMethod]
        public void Unknown_and_malformed_requests_get_an_error_not_a_crash()
        {
            BootPenWithLink();
            Request(0x3E, new byte[0], 0);
            AssertError(0x3E, ErrorCode.UnknownCommand);
            Request(MessageType.GetStatus, new byte[] { 1, 2, 3 }, 3);
            AssertError(MessageType.GetStatus, ErrorCode.MalformedPayload);
            Assert.AreEqual(0u, s_link.Endpoint.ExceptionsCaught);
        }

        [TestMethod]
        public void Telemetry_streams_samples_at_the_requested_rate()
        {
            BootPenWithLink();
            Request(MessageType.Telemetry, new byte[] { 50, 0 }, 2);
            Assert.AreEqual(MessageType.ReplyTo(MessageType.Telemetry), s_host.FrameType);
            uint before = s_link.Endpoint.SamplesSent;
            // The link is polled once per control tick, as the device loop does.
            for (int t = 0; t < FakePenBoard.Ticks(200); t++)
            {
                s_pen.Tick(s_fw);
                s_link.Poll();
            }
            uint sent = s_link.Endpoint.SamplesSent - before;
            Assert.IsTrue(sent >= 9 && sent <= 11, "50 Hz for 200 ms sent " + sent + " samples");
        }
    }
}
