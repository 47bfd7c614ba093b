using MnPen.Storage;
using MnPen.Client;
using MnPen.Hal.Simulator.Serial;

namespace MnPen.Protocol.Tests;

/// <summary>An endpoint on a simulated serial port with a fake firmware, driven frame by frame.</summary>
internal sealed class EndpointRig
{
    public readonly SimSerialPort Port = new();
    public readonly ManualClock Clock = new();
    public readonly FakeHandler Handler = new();
    public readonly TestRandom Random = new();
    public readonly PenEndpoint Endpoint;
    private readonly FrameParser _host = new();
    private byte _seq;

    public EndpointRig(byte[]? key = null, LinkGuardStore? guard = null)
    {
        Handler.Key = key;
        Handler.Guard = guard;
        Endpoint = new PenEndpoint(Port, Clock, Handler, Random);
    }

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    /// <summary>Sends one request, polls, and returns every frame the pen sent back.</summary>
    public List<(byte Type, byte Seq, byte[] Payload)> Exchange(byte type, byte[]? payload = null, byte? seq = null)
    {
        var frame = TestFrames.Frame(type, seq ?? ++_seq, payload ?? Array.Empty<byte>());
        Port.PushToPen(frame, 0, frame.Length);
        Endpoint.Poll();
        return Collect();
    }

    public List<(byte Type, byte Seq, byte[] Payload)> Collect() => TestFrames.FeedAll(_host, Port.TakeAllFromPen(), idle: false);

    /// <summary>Sends and expects exactly one reply of the matching type; returns its payload.</summary>
    public byte[] Ok(byte type, byte[]? payload = null)
    {
        var got = Exchange(type, payload);
        var reply = Assert.Single(got, f => f.Type != MessageType.TelemetrySample);
        if (reply.Type == MessageType.Error) Assert.Fail($"expected a reply to 0x{type:X2}, got error {ErrorText.Name(reply.Payload[1])}");
        Assert.Equal(MessageType.ReplyTo(type), reply.Type);
        return reply.Payload;
    }

    /// <summary>Sends and expects an Error frame; returns its code.</summary>
    public int Error(byte type, byte[]? payload = null)
    {
        var got = Exchange(type, payload);
        var reply = Assert.Single(got, f => f.Type != MessageType.TelemetrySample);
        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Equal(type, reply.Payload[0]);
        return reply.Payload[1];
    }

    public bool Unlock(byte[] key)
    {
        var challenge = Ok(MessageType.ServiceChallenge);
        var mac = PenClient.ComputeUnlockMac(key, challenge.AsSpan(0, 16).ToArray(), Handler.SerialNumber);
        var got = Exchange(MessageType.ServiceUnlock, mac);
        return got.Single().Type == MessageType.ReplyTo(MessageType.ServiceUnlock);
    }
}
