using MnPen.Client;
using MnPen.Client.Transports;
using MnPen.Protocol;
using MnPen.VirtualPen.Serve;

namespace MnPen.Protocol.Tests;

public class EndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Status_of_a_virtual_pen_is_read_over_loopback_tcp()
    {
        using var pen = new ServedPen(seed: 11);
        using var client = PenClient.Connect(pen.Target, Timeout);
        Assert.Equal(ProtocolSchema.Version, client.Hello!.ProtocolVersion);
        Assert.Equal("SIM-11", client.Hello.SerialNumber);
        Assert.True(client.Hello.KeyProvisioned);
        var s = client.GetStatus();
        Assert.Contains(ProtocolSchema.StateName(s.State), new[] { "Idle", "Ready", "SelfTest" });
        Assert.InRange(s.BatteryMv, 6000, 8500);
        Assert.Equal(0, s.DutyBasisPoints);
    }

    [Fact]
    public void Telemetry_samples_arrive_in_sequence()
    {
        using var pen = new ServedPen();
        using var client = PenClient.Connect(pen.Target, Timeout);
        Assert.Equal(50, client.SetTelemetry(50));
        var samples = new List<TelemetrySample>();
        while (samples.Count < 10)
        {
            var s = client.ReadSample(Timeout);
            Assert.NotNull(s);
            samples.Add(s!);
        }
        client.SetTelemetry(0);
        for (int i = 1; i < samples.Count; i++) Assert.Equal((byte)(samples[i - 1].Seq + 1), samples[i].Seq);
        Assert.True(samples[^1].Data.UptimeMs > samples[0].Data.UptimeMs);
    }

    [Fact]
    public void Calibration_needs_the_key_is_validated_and_is_stored()
    {
        using var pen = new ServedPen();
        using var client = PenClient.Connect(pen.Target, Timeout);
        var c = client.ReadCalibration();
        c.TechnicianId = "e2e-tech";
        var locked = Assert.Throws<PenCommandException>(() => client.WriteCalibration(c));
        Assert.Equal(ErrorCode.ServiceLocked, locked.Code);

        var wrong = Assert.Throws<PenCommandException>(() => client.Unlock(new byte[32]));
        Assert.Equal(ErrorCode.AuthFailed, wrong.Code);
        client.Unlock(DevelopmentServiceKey.Bytes);

        c.RateKp = 1f;
        var invalid = Assert.Throws<PenCommandException>(() => client.WriteCalibration(c));
        Assert.Equal(ErrorCode.InvalidCalibration, invalid.Code);
        Assert.Contains("Kp", invalid.Message);

        // A table out of order is a value the validator refuses (with its reason), not a framing error.
        var descending = client.ReadCalibration();
        (descending.DepthMm[1], descending.DepthMm[2]) = (descending.DepthMm[2], descending.DepthMm[1]);
        var outOfOrder = Assert.Throws<PenCommandException>(() => client.WriteCalibration(descending));
        Assert.Equal(ErrorCode.InvalidCalibration, outOfOrder.Code);
        Assert.Contains("not strictly ascending", outOfOrder.Message);

        c = client.ReadCalibration();
        c.TechnicianId = "e2e-tech";
        client.WriteCalibration(c);
        Assert.Equal("e2e-tech", client.ReadCalibration().TechnicianId);
        var events = client.ReadEvents(0, 24, EventLogId.Security);
        Assert.Contains(events.Entries, e => e.Kind == (int)MnPen.Storage.EventKind.ServiceAccess && e.Code == LinkEvent.ServiceUnlockFailed);
    }

    [Fact]
    public void Start_over_the_link_still_obeys_the_interlocks()
    {
        using var pen = new ServedPen();
        using var client = PenClient.Connect(pen.Target, Timeout);
        client.Unlock(DevelopmentServiceKey.Bytes);
        pen.Server.Invoke(p => p.RemoveCartridge());
        Thread.Sleep(100);
        var refused = Assert.Throws<PenCommandException>(() => client.Start());
        Assert.Equal(ErrorCode.Refused, refused.Code);
        Assert.Equal("RefusedNoCartridge", CommandResultNames.Name(refused.Detail));
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
    }

    [Fact]
    public void An_injected_fault_shows_in_status_and_acknowledging_it_never_starts_the_motor()
    {
        using var pen = new ServedPen();
        using var client = PenClient.Connect(pen.Target, Timeout);
        pen.Server.Invoke(p => p.InjectFault("ntc-open", Array.Empty<KeyValuePair<string, double>>()));
        PenStatusData s;
        var deadline = DateTime.UtcNow + Timeout;
        do { s = client.GetStatus(); } while (s.Fault != (int)MnPen.Safety.FaultCode.ThermistorOpen && DateTime.UtcNow < deadline);
        Assert.Equal((int)MnPen.Safety.FaultCode.ThermistorOpen, s.Fault);
        // An open thermistor needs service: acknowledging over the link is refused, even once the cause is gone.
        var ack = Assert.Throws<PenCommandException>(() => client.AcknowledgeFault());
        Assert.Equal(ErrorCode.Refused, ack.Code);
        pen.Server.Invoke(p => p.ClearFault(null));
        Assert.Throws<PenCommandException>(() => client.AcknowledgeFault());
        client.Unlock(DevelopmentServiceKey.Bytes);
        Assert.Throws<PenCommandException>(() => client.Start());
        Assert.Equal(0, client.GetStatus().DutyBasisPoints);
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
    }

    [Fact]
    public void Nobody_listening_gives_advice_instead_of_a_stack_trace()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var ex = Assert.Throws<PenUnavailableException>(() => PenClient.Connect($"tcp://127.0.0.1:{port}", TimeSpan.FromSeconds(2)));
        Assert.Contains("mnpen sim --serve", ex.Message);
    }

    [Fact]
    public void A_pen_with_another_schema_is_refused_with_both_hashes_named()
    {
        var hello = new byte[64];
        var w = new PayloadWriter();
        w.Reset(hello, 0, hello.Length);
        w.U16(ProtocolSchema.Version);
        w.U32(ProtocolSchema.Hash ^ 1);
        w.U16(FrameFormat.MaxPayload);
        w.U8(0);
        w.Str("0.0.1");
        w.Str("OLD-1");
        var transport = new ScriptedTransport(req => TestFrames.Frame(MessageType.ReplyTo(req.Type), req.Seq, hello.AsSpan(0, w.Length).ToArray()));
        using var client = new PenClient(transport, Timeout);
        var ex = Assert.Throws<PenIncompatibleException>(() => client.Handshake());
        Assert.Contains((ProtocolSchema.Hash ^ 1).ToString("x8"), ex.Message);
        Assert.Contains(ProtocolSchema.Hash.ToString("x8"), ex.Message);
    }

    [Theory]
    [InlineData(MessageType.ProvisionKey)]
    [InlineData(MessageType.SetSetting)]
    [InlineData(MessageType.SetSerialNumber)]
    public void A_write_answered_busy_during_the_boot_self_test_is_sent_again_until_the_pen_takes_it(byte type)
    {
        int busy = 2;
        var sent = new List<byte>();
        using var client = new PenClient(new ScriptedTransport(req =>
        {
            sent.Add(req.Type);
            return busy-- > 0 ? Busy(req, 20) : TestFrames.Frame(MessageType.ReplyTo(req.Type), req.Seq, new byte[] { SettingId.RateLevel, 2, 0, 0, 0 });
        }), Timeout);

        Write(client, type);

        Assert.Equal(new[] { type, type, type }, sent);
    }

    [Fact]
    public void A_pen_that_stays_busy_is_reported_busy_after_a_bounded_number_of_tries()
    {
        int tries = 0;
        using var client = new PenClient(new ScriptedTransport(req => { tries++; return Busy(req, 1); }), Timeout);
        var ex = Assert.Throws<PenCommandException>(() => client.ProvisionKey(new byte[32]));
        Assert.Equal(ErrorCode.Busy, ex.Code);
        Assert.Equal(PenClient.BusyRetries + 1, tries);
    }

    private static void Write(PenClient client, byte type)
    {
        if (type == MessageType.ProvisionKey) client.ProvisionKey(new byte[32]);
        else if (type == MessageType.SetSetting) Assert.Equal(2, client.SetSetting(SettingId.RateLevel, 2));
        else client.SetSerialNumber("MNP-1");
    }

    // The pen's Busy answer: request type, code, the hold left in milliseconds.
    private static byte[] Busy((byte Type, byte Seq) req, int ms) =>
        TestFrames.Frame(MessageType.Error, req.Seq, new[] { req.Type, (byte)ErrorCode.Busy }.Concat(BitConverter.GetBytes(ms)).ToArray());

    [Fact]
    public void Target_uris_are_checked_with_helpful_messages()
    {
        Assert.Null(TargetUri.Validate("tcp://127.0.0.1:7755"));
        Assert.Null(TargetUri.Validate("serial:/dev/ttyACM0"));
        Assert.Contains("tcp://HOST:PORT", TargetUri.Validate("tcp://127.0.0.1")!);
        Assert.Contains("not a target", TargetUri.Validate("http://x")!);
        Assert.NotNull(ServeEndpoint.Parse("tcp://127.0.0.1:7755", out _));
        Assert.Null(ServeEndpoint.Parse("tcp://0.0.0.0:7755", out var why));
        Assert.Contains("loopback", why);
    }

    /// <summary>A transport that answers each request frame with a scripted reply.</summary>
    private sealed class ScriptedTransport(Func<(byte Type, byte Seq), byte[]> reply) : ITransport
    {
        private readonly Queue<byte> _in = new();
        private readonly FrameParser _parser = new();

        public string Target => "test://scripted";

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
                if (_parser.Feed(buffer[offset + i]))
                    foreach (var b in reply((_parser.FrameType, _parser.FrameSeq))) _in.Enqueue(b);
        }

        public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
        {
            int n = 0;
            while (n < count && _in.Count > 0) buffer[offset + n++] = _in.Dequeue();
            return n;
        }

        public void Dispose() { }
    }
}
