using System.Net;
using System.Net.Sockets;
using MnPen.Protocol;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// A served pen behind a loopback relay whose status replies always show the motor Running, driven, at 90 strokes/s:
/// a pen whose readings never say it stands (a tachometer that counts noise, a state that never leaves Running). Every
/// other frame, stop included, reaches the pen and its reply comes back unchanged, so a test can still judge the
/// simulated pen (Server) behind it.
/// </summary>
internal sealed class RestlessPen : IDisposable
{
    private readonly ServedPen _served = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _pen;
    private readonly List<TcpClient> _open = new();
    private readonly Thread _accept;

    public RestlessPen()
    {
        _pen = new Uri(_served.Target);
        _listener.Start();
        Target = $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accept = new Thread(Accept) { IsBackground = true, Name = "restless relay" };
        _accept.Start();
    }

    /// <summary>The relay's target: the pen with its restless readings.</summary>
    public string Target { get; }

    /// <summary>The simulated pen behind the relay.</summary>
    public PenServer Server => _served.Server;

    private void Accept()
    {
        try
        {
            while (true)
            {
                var host = _listener.AcceptTcpClient();
                var pen = new TcpClient(_pen.Host, _pen.Port);
                lock (_open) _open.AddRange(new[] { host, pen });
                Pump(host.GetStream(), pen.GetStream(), null);
                Pump(pen.GetStream(), host.GetStream(), Rewrite);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException) { }
    }

    // Copies from one side to the other until either closes; rewrite, when given, gets each whole frame.
    private static void Pump(Stream from, Stream to, Func<byte, byte, byte[], byte[]>? rewrite) => new Thread(() =>
    {
        var parser = new FrameParser();
        var buf = new byte[1024];
        try
        {
            for (int n; (n = from.Read(buf, 0, buf.Length)) > 0;)
            {
                if (rewrite == null)
                {
                    to.Write(buf, 0, n);
                    continue;
                }
                for (int i = 0; i < n; i++)
                {
                    if (!parser.Feed(buf[i])) continue;
                    do
                    {
                        var payload = parser.Buffer.AsSpan(parser.PayloadOffset, parser.PayloadLength).ToArray();
                        byte[] body = rewrite(parser.FrameType, parser.FrameSeq, payload);
                        var frame = new byte[FrameFormat.MaxFrame];
                        int len = FrameWriter.Encode(parser.FrameType, parser.FrameSeq, body, 0, body.Length, frame, 0);
                        to.Write(frame, 0, len);
                    } while (parser.Drain());
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException) { }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }) { IsBackground = true, Name = "restless relay pump" }.Start();

    private static byte[] Rewrite(byte type, byte seq, byte[] payload)
    {
        if (type != MessageType.ReplyTo(MessageType.GetStatus)) return payload;
        var s = new PenStatusData();
        var r = new PayloadReader();
        r.Reset(payload, 0, payload.Length);
        StatusCodec.ReadStatus(r, s);
        s.State = 5; // Running
        s.DutyBasisPoints = 5000;
        s.MeasuredRateCenti = 9000;
        var buf = new byte[FrameFormat.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(buf, 0, buf.Length);
        StatusCodec.WriteStatus(w, s);
        return buf.AsSpan(0, w.Length).ToArray();
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_open)
            foreach (var c in _open) c.Dispose();
        _served.Dispose();
    }
}
