using MnPen.Hal.Simulator.Serial;

namespace MnPen.Protocol.Tests;

public class EndpointBackpressureTests
{
    /// <summary>An endpoint on a 256-byte port (a few frames each way), on a clock the test moves.</summary>
    private static (SimSerialPort Port, ManualClock Clock, PenEndpoint Endpoint) OnSmallPort()
    {
        var port = new SimSerialPort(256);
        var clock = new ManualClock();
        return (port, clock, new PenEndpoint(port, clock, new FakeHandler(), new TestRandom(1)));
    }

    [Fact]
    public void Pipelined_requests_beyond_the_send_buffer_are_all_answered_in_order()
    {
        // A small port and a host that reads slowly: replies outrun every buffer unless the endpoint waits for room.
        var (port, clock, ep) = OnSmallPort();
        var input = new List<byte>();
        for (int i = 0; i < 2000; i++) input.AddRange(TestFrames.Frame(MessageType.GetStatus, (byte)i));
        var bytes = input.ToArray();
        var host = new FrameParser();
        var replies = new List<(byte Type, byte Seq, byte[] Payload)>();
        var chunk = new byte[40];
        int sent = 0;
        for (int poll = 0; poll < 200_000 && replies.Count < 2000; poll++)
        {
            if (sent < bytes.Length) sent += port.PushToPen(bytes, sent, bytes.Length - sent);
            clock.AdvanceMs(1);
            ep.Poll();
            Assert.True(ep.PendingTxBytes <= FrameFormat.MaxFrame * 3);
            int n = port.TakeFromPen(chunk, 0, chunk.Length);
            replies.AddRange(TestFrames.FeedAll(host, chunk.Take(n), idle: false));
        }
        Assert.Equal(2000, replies.Count);
        Assert.All(replies, r => Assert.Equal(MessageType.ReplyTo(MessageType.GetStatus), r.Type));
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (byte)i), replies.Select(r => r.Seq));
        Assert.Equal(0u, ep.FramesDropped);
        Assert.Equal(2000u, ep.RequestsHandled);
    }

    [Fact]
    public void Telemetry_never_takes_the_room_a_reply_needs()
    {
        var (port, clock, ep) = OnSmallPort();
        var on = TestFrames.Frame(MessageType.Telemetry, 1, 200, 0);
        port.PushToPen(on, 0, on.Length);
        // Nobody reads: samples fill what they may, then are dropped.
        for (int i = 0; i < 500; i++)
        {
            clock.AdvanceMs(1);
            ep.Poll();
        }
        Assert.True(ep.FramesDropped > 0);
        var ask = TestFrames.Frame(MessageType.GetStatus, 2);
        port.PushToPen(ask, 0, ask.Length);
        clock.AdvanceMs(1);
        ep.Poll();
        // Handled at once although nobody has read anything: the samples left the room a reply needs.
        Assert.Equal(2u, ep.RequestsHandled);
        var got = new List<(byte Type, byte Seq, byte[] Payload)>();
        var host = new FrameParser();
        for (int i = 0; i < 200; i++)
        {
            got.AddRange(TestFrames.FeedAll(host, port.TakeAllFromPen(), idle: false));
            clock.AdvanceMs(1);
            ep.Poll();
        }
        Assert.Contains(got, f => f.Type == MessageType.ReplyTo(MessageType.Telemetry));
        Assert.Contains(got, f => f.Type == MessageType.ReplyTo(MessageType.GetStatus) && f.Seq == 2);
    }

    [Fact]
    public void A_dropped_link_leaves_no_half_request_or_unsent_reply_for_the_next_host()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        var first = TestFrames.Frame(MessageType.GetStatus, 9);
        rig.Port.PushToPen(first, 0, first.Length / 2);
        rig.Endpoint.Poll();
        Assert.True(rig.Endpoint.Parser.BufferedBytes > 0);
        rig.Endpoint.LinkDropped();
        rig.Endpoint.DiscardLinkBuffers();
        Assert.Equal(0, rig.Endpoint.Parser.BufferedBytes);
        Assert.Equal(0, rig.Endpoint.PendingTxBytes);
        // The next host's request is answered at once, not glued to the old half frame.
        var got = rig.Exchange(MessageType.GetStatus, seq: 1);
        Assert.Equal((MessageType.ReplyTo(MessageType.GetStatus), (byte)1), (got.Single().Type, got.Single().Seq));
    }

    [Fact]
    public void Service_mode_ends_when_its_link_drops()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        Assert.True(rig.Unlock(EndpointRig.Key));
        Assert.True(rig.Endpoint.Service.Unlocked);
        rig.Endpoint.LinkDropped();
        Assert.False(rig.Endpoint.Service.Unlocked);
        Assert.Equal(ErrorCode.ServiceLocked, rig.Error(MessageType.SetSerialNumber, new byte[] { 1, (byte)'X' }));
        Assert.Contains((LinkEvent.ServiceLocked, 2), rig.Handler.Logged);
    }
}
