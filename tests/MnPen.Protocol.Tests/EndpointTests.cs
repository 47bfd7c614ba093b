using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

public class EndpointTests
{
    [Fact]
    public void Hello_reports_versions_serial_and_schema_hash_and_echoes_the_sequence()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        var got = rig.Exchange(MessageType.Hello, new byte[] { 1, 0 }, seq: 77);
        var reply = Assert.Single(got);
        Assert.Equal(MessageType.ReplyTo(MessageType.Hello), reply.Type);
        Assert.Equal(77, reply.Seq);
        var r = new PayloadReader();
        r.Reset(reply.Payload, 0, reply.Payload.Length);
        Assert.Equal(ProtocolSchema.Version, r.U16());
        Assert.Equal(ProtocolSchema.Hash, r.U32());
        Assert.Equal(FrameFormat.MaxPayload, r.U16());
        Assert.Equal(2, r.U8()); // key provisioned, locked
        Assert.Equal("9.8.7", r.Str());
        Assert.Equal("MNP-000123", r.Str());
        Assert.False(r.Error);
    }

    [Fact]
    public void Unknown_and_malformed_requests_get_explicit_errors()
    {
        var rig = new EndpointRig();
        Assert.Equal(ErrorCode.UnknownCommand, rig.Error(0x55));
        Assert.Equal(ErrorCode.MalformedPayload, rig.Error(MessageType.GetStatus, new byte[] { 1 }));
        Assert.Equal(ErrorCode.MalformedPayload, rig.Error(MessageType.SetSetting, new byte[] { 1, 2 }));
        Assert.Equal(ErrorCode.NotSupported, rig.Error(MessageType.GetSetting, new byte[] { 99 }));
        Assert.Equal(ErrorCode.OutOfRange, rig.Error(MessageType.Telemetry, new byte[] { 0xFF, 0x00 }));
    }

    [Fact]
    public void Replies_sent_to_the_pen_are_ignored()
    {
        var rig = new EndpointRig();
        Assert.Empty(rig.Exchange(MessageType.ReplyTo(MessageType.Hello)));
        Assert.Empty(rig.Exchange(MessageType.Error));
    }

    [Fact]
    public void A_handler_exception_becomes_an_internal_error_and_never_escapes()
    {
        var rig = new EndpointRig();
        rig.Handler.Throw = true;
        Assert.Equal(ErrorCode.Internal, rig.Error(MessageType.GetStatus));
        Assert.Equal(1u, rig.Endpoint.ExceptionsCaught);
        rig.Handler.Throw = false;
        rig.Ok(MessageType.GetStatus);
    }

    [Fact]
    public void Telemetry_streams_at_the_requested_rate_and_stops_on_zero()
    {
        var rig = new EndpointRig();
        var first = rig.Exchange(MessageType.Telemetry, new byte[] { 100, 0 });
        Assert.Contains(first, f => f.Type == MessageType.ReplyTo(MessageType.Telemetry));
        var samples = first.Where(f => f.Type == MessageType.TelemetrySample).ToList();
        for (int i = 0; i < 1000; i++)
        {
            rig.Clock.AdvanceMs(1);
            rig.Endpoint.Poll();
            samples.AddRange(rig.Collect());
        }
        Assert.InRange(samples.Count, 100, 101);
        Assert.All(samples, s => Assert.Equal(MessageType.TelemetrySample, s.Type));
        Assert.All(samples, s => Assert.Equal(StatusCodec.SampleLength, s.Payload.Length));
        Assert.Equal(Enumerable.Range(0, samples.Count).Select(i => (byte)i), samples.Select(s => s.Seq));
        rig.Ok(MessageType.Telemetry, new byte[] { 0, 0 });
        rig.Clock.AdvanceMs(100);
        rig.Endpoint.Poll();
        Assert.Empty(rig.Collect());
    }

    [Fact]
    public void When_the_host_stops_reading_telemetry_is_dropped_not_queued()
    {
        var port = new MnPen.Hal.Simulator.Serial.SimSerialPort(256);
        var clock = new ManualClock();
        var ep = new PenEndpoint(port, clock, new FakeHandler(), new TestRandom(1));
        var req = TestFrames.Frame(MessageType.Telemetry, 1, 200, 0);
        port.PushToPen(req, 0, req.Length);
        for (int i = 0; i < 5000; i++)
        {
            clock.AdvanceMs(1);
            ep.Poll();
            Assert.True(ep.PendingTxBytes <= FrameFormat.MaxFrame * 3);
        }
        Assert.True(ep.FramesDropped > 0);
        Assert.True(port.BytesFromPen <= 256);
    }

    [Fact]
    public void Event_log_is_read_in_pages_from_a_sequence_number()
    {
        var rig = new EndpointRig();
        var w = new PayloadWriter();
        var buf = new byte[8];
        w.Reset(buf, 0, buf.Length);
        w.U32(0);
        w.U8(200);
        var p = rig.Ok(MessageType.ReadEvents, buf.AsSpan(0, w.Length).ToArray());
        var r = new PayloadReader();
        r.Reset(p, 0, p.Length);
        Assert.Equal(30u, r.U32());
        Assert.Equal(5u, r.U32());
        Assert.Equal(ProtocolLimits.MaxEventsPerReply, r.U8());
        Assert.Equal(5u, r.U32()); // oldest held comes first
    }

    [Fact]
    public void Reboot_needs_service_mode_is_answered_first_and_refused_while_the_motor_runs()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.Reboot));
        Assert.True(rig.Unlock(EndpointRig.Key));
        rig.Handler.Motor = true;
        Assert.Equal(ErrorCode.MotorActive, rig.Error(MessageType.Reboot));
        rig.Handler.Motor = false;
        rig.Ok(MessageType.Reboot);
        Assert.Equal(0, rig.Handler.Reboots);
        rig.Endpoint.Poll();
        Assert.Equal(1, rig.Handler.Reboots);
    }

    [Fact]
    public void Stop_is_always_allowed_and_start_needs_service_mode()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        rig.Ok(MessageType.Stop);
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.Start));
        Assert.Equal(0, rig.Handler.Starts);
        Assert.True(rig.Unlock(EndpointRig.Key));
        rig.Ok(MessageType.Start);
        Assert.Equal(1, rig.Handler.Starts);
    }

    [Fact]
    public void A_refused_calibration_carries_the_firmware_s_reason()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        Assert.True(rig.Unlock(EndpointRig.Key));
        var c = CodecTests.SampleCalibration();
        c.RateKp = 0.2f;
        var buf = new byte[FrameFormat.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(buf, 0, buf.Length);
        CalibrationWire.Write(w, c);
        var got = rig.Exchange(MessageType.WriteCalibration, buf.AsSpan(0, w.Length).ToArray()).Single();
        Assert.Equal(MessageType.Error, got.Type);
        var r = new PayloadReader();
        r.Reset(got.Payload, 0, got.Payload.Length);
        r.U8();
        Assert.Equal(ErrorCode.InvalidCalibration, r.U8());
        r.I32();
        Assert.Equal("rate Kp above 0.05", r.Str());
    }
}
