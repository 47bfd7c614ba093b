using System.Net.Sockets;
using MnPen.Protocol;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// The protocol fuzz over the wire: a served virtual pen (unpaced, on a free loopback port) gets the same mix as
/// <see cref="ProtocolFuzzer"/> from one TCP client that writes without waiting for answers while a second thread
/// reads them. Counts what only a connection can show: connections dropped while the client was still sending, and
/// requests the pen handled whose reply never arrived.
/// </summary>
public static class ServedFuzzer
{
    /// <summary>The pen is idle when nothing changed for this long after the last frame was written, milliseconds.</summary>
    public const int SettleMs = 1000;

    /// <summary>Sends the given number of fuzz units; progress (units sent) every 10,000.</summary>
    public static FuzzReport Run(long frames, int seed, Action<long>? progress = null, CancellationToken cancel = default)
    {
        var report = new FuzzReport { Transport = "served virtual pen over loopback TCP", ReceiverCapacity = FrameFormat.MaxFrame, LinkFiguresOnly = true };
        var endpoint = ServeEndpoint.Parse("tcp://127.0.0.1:0", out _)!;
        using var server = new PenServer(new VirtualPenOptions { Seed = (ulong)seed }, endpoint, realTimeFactor: 0);
        server.Start();
        var source = new FuzzFrameSource(new Random(seed), () => server.Pen.FactoryCalibration);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var reader = new ReplyCounter();
        Socket socket = reader.Connect(server.Target);
        long sent = 0;
        for (; sent < frames && !cancel.IsCancellationRequested; sent++)
        {
            int n = source.Next(report);
            report.Bytes += n;
            try
            {
                int off = 0;
                while (off < n) off += socket.Send(source.Frame, off, n - off, SocketFlags.None);
            }
            catch (SocketException)
            {
                reader.Broken = true;
            }
            if (reader.Broken)
            {
                // Count it and carry on with a new connection, so one drop does not hide the rest of the run.
                report.DroppedConnections++;
                socket = reader.Connect(server.Target);
            }
            if (progress != null && sent % 10000 == 9999) progress(sent + 1);
            if (sent % 1000 == 999 && !server.Running) break;   // the pen thread died: its Failure is reported below
        }
        // Wait until the pen has handled everything and every reply has arrived (nothing changes any more).
        long lastHandled = -1, lastReplies = -1;
        var quietSince = System.Diagnostics.Stopwatch.StartNew();
        while (quietSince.ElapsedMilliseconds < SettleMs && server.Running && !reader.Broken)
        {
            Thread.Sleep(50);
            long handled = server.Query(_ => server.RequestsHandled), replies = reader.Replies;
            if (handled != lastHandled || replies != lastReplies) quietSince.Restart();
            lastHandled = handled;
            lastReplies = replies;
        }
        if (reader.Broken) report.DroppedConnections++;
        report.Frames = sent;
        report.Seconds = started.Elapsed.TotalSeconds;
        report.RequestsDispatched = server.Query(_ => server.RequestsHandled);
        report.RepliesReceived = reader.TotalReplies;
        report.LostReplies = report.RequestsDispatched - report.RepliesReceived;
        report.Reboots = server.Query(p => p.FirmwareRestarts);
        report.SamplesDropped = server.Query(_ => server.Link.Endpoint.FramesDropped);
        if (server.Failure != null) report.ExceptionsEscaped++;
        reader.Close();
        return report;
    }

    /// <summary>Reads one connection's byte stream on its own thread and counts the replies in it.</summary>
    private sealed class ReplyCounter
    {
        private Socket? _socket;
        private Thread? _thread;
        private long _earlier;

        public volatile bool Broken;
        private long _replies;

        public long Replies => Interlocked.Read(ref _replies);

        public long TotalReplies => _earlier + Replies;

        public Socket Connect(string target)
        {
            Close();
            _earlier += Replies;
            Interlocked.Exchange(ref _replies, 0);
            Broken = false;
            var uri = new Uri(target);
            // A pen that stops reading would otherwise block the writer for ever once the socket buffers are full.
            var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = 10_000 };
            s.Connect(uri.Host, uri.Port);
            _socket = s;
            _thread = new Thread(() => Read(s)) { IsBackground = true, Name = "fuzz-replies" };
            _thread.Start();
            return s;
        }

        private void Read(Socket s)
        {
            var parser = new FrameParser();
            var buf = new byte[65536];
            try
            {
                while (true)
                {
                    int n = s.Receive(buf);
                    if (n == 0) break;
                    for (int i = 0; i < n; i++)
                        if (parser.Feed(buf[i]) && FuzzReport.IsReply(parser.FrameType)) Interlocked.Increment(ref _replies);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
            if (ReferenceEquals(s, _socket)) Broken = true;
        }

        public void Close()
        {
            var s = _socket;
            _socket = null;
            if (s == null) return;
            s.Dispose();
            _thread?.Join(TimeSpan.FromSeconds(2));
        }
    }
}
