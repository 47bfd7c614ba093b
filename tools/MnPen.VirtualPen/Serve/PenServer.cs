using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Hal.Simulator.Serial;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// A virtual pen on the wire: firmware + simulator stepped on one thread (paced to real time unless told otherwise),
/// the firmware's own protocol link on the simulated serial port, and that port bridged byte for byte to one client
/// at a time on loopback TCP or a Linux pseudo-terminal. Fault injection stays on this side (<see cref="Invoke"/>).
/// </summary>
public sealed class PenServer : IDisposable
{
    /// <summary>The link is polled every this many control ticks (2 ms at 1 kHz), as a pen's host loop would.</summary>
    public const int PollEveryTicks = 2;

    private readonly ServeEndpoint _endpoint;
    private readonly ConcurrentQueue<Action<VirtualPen>> _actions = new();
    private readonly List<(double AtSeconds, Action<VirtualPen> Action)> _scheduled = new();
    private readonly byte[] _buf = new byte[4096];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Socket? _client;
    private PtyBridge? _pty;
    private Thread? _thread;
    private PenLink _link;
    private PenFirmware _linkFirmware;
    private Exception? _failure;

    /// <summary>Creates (and boots) the virtual pen; call <see cref="Start"/> to listen.</summary>
    public PenServer(VirtualPenOptions options, ServeEndpoint endpoint, double realTimeFactor = 1.0)
    {
        _endpoint = endpoint;
        Pen = VirtualPen.Create(options);
        ProvisionDevelopmentKey();
        Pen.Boot();
        Pen.RealTimeFactor = realTimeFactor;
        _linkFirmware = Pen.Firmware;
        _link = new PenLink(_linkFirmware, Pen.Board.Pen);
    }

    /// <summary>The virtual pen (touch it only through <see cref="Invoke"/> while the server runs).</summary>
    public VirtualPen Pen { get; }

    /// <summary>The link now answering (replaced after each processor reset).</summary>
    public PenLink Link => _link;

    /// <summary>The simulated serial port the link speaks on.</summary>
    public SimSerialPort Serial => Pen.Board.Serial;

    /// <summary>Target URI tools should use to reach this server (valid after Start).</summary>
    public string Target { get; private set; } = "";

    /// <summary>Clients accepted so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Set if the stepping thread died; the server has then stopped.</summary>
    public Exception? Failure => _failure;

    /// <summary>True while the stepping thread runs.</summary>
    public bool Running => _thread is { IsAlive: true };

    /// <summary>Opens the listener (or pseudo-terminal) and starts stepping on a background thread.</summary>
    public void Start()
    {
        if (_endpoint.Kind == "tcp")
        {
            _listener = new TcpListener(_endpoint.Tcp!);
            try
            {
                _listener.Start(1);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException(
                    $"cannot listen on {_endpoint.Tcp}: {ex.Message} — is another `mnpen sim --serve` using that port? pick another port", ex);
            }
            var bound = (IPEndPoint)_listener.LocalEndpoint;
            Target = bound.AddressFamily == AddressFamily.InterNetworkV6 ? $"tcp://[{bound.Address}]:{bound.Port}" : $"tcp://{bound.Address}:{bound.Port}";
        }
        else
        {
            _pty = PtyBridge.Open(_endpoint.PtyLink);
            Target = "serial:" + (_endpoint.PtyLink ?? _pty.SlavePath);
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "virtual-pen" };
        _thread.Start();
    }

    /// <summary>Runs an action on the stepping thread between two steps (fault injection, user actions); thread-safe.</summary>
    public void Invoke(Action<VirtualPen> action) => _actions.Enqueue(action);

    /// <summary>Runs an action on the stepping thread once the simulated clock reaches atSeconds (fault injection at a time).</summary>
    public void At(double atSeconds, Action<VirtualPen> action) => Invoke(p =>
    {
        if (p.NowSeconds >= atSeconds) action(p);
        else _scheduled.Add((atSeconds, action));
    });

    /// <summary>Runs a function on the stepping thread and waits for its result (up to timeout).</summary>
    public T Query<T>(Func<VirtualPen, T> query, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Invoke(p =>
        {
            try { done.SetResult(query(p)); }
            catch (Exception ex) { done.SetException(ex); }
        });
        if (!done.Task.Wait(timeout ?? TimeSpan.FromSeconds(10)))
            throw new TimeoutException("the virtual pen did not run the query in time (is the server running?)");
        return done.Task.Result;
    }

    /// <summary>Blocks until cancelled or the stepping thread stops.</summary>
    public void WaitUntilStopped(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested && Running) cancel.WaitHandle.WaitOne(200);
    }

    private void Run()
    {
        try
        {
            int tick = 0;
            while (!_stop.IsCancellationRequested)
            {
                while (_actions.TryDequeue(out var action)) action(Pen);
                for (int i = _scheduled.Count - 1; i >= 0; i--)
                {
                    if (Pen.NowSeconds < _scheduled[i].AtSeconds) continue;
                    var due = _scheduled[i].Action;
                    _scheduled.RemoveAt(i);
                    due(Pen);
                }
                Pen.Step();
                if (!ReferenceEquals(Pen.Firmware, _linkFirmware))
                {
                    // The processor restarted: a fresh firmware gets a fresh link, as on the pen.
                    _linkFirmware = Pen.Firmware;
                    _link = new PenLink(_linkFirmware, Pen.Board.Pen);
                }
                if (++tick >= PollEveryTicks)
                {
                    tick = 0;
                    Bridge();
                    if (Pen.Board.ProcessorRunning) _link.Poll();
                    Bridge();
                }
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }

    // Moves bytes between the client and the simulated serial port without ever blocking the pen.
    private void Bridge()
    {
        if (_pty != null)
        {
            int free = Serial.FreeToPen;
            if (free > 0)
            {
                int n = _pty.Read(_buf, Math.Min(free, _buf.Length));
                if (n > 0) Serial.PushToPen(_buf, 0, n);
            }
            int m = Serial.TakeFromPen(_buf, 0, _buf.Length);
            if (m > 0) _pty.Write(_buf, m);
            return;
        }
        AcceptIfPending();
        var c = _client;
        if (c == null)
        {
            // Nobody listening: what the pen sends is lost, as on an unplugged USB port.
            Serial.TakeFromPen(_buf, 0, _buf.Length);
            return;
        }
        try
        {
            int avail = c.Available;
            if (avail > 0)
            {
                int free = Serial.FreeToPen;
                if (free > 0)
                {
                    int n = c.Receive(_buf, 0, Math.Min(Math.Min(avail, free), _buf.Length), SocketFlags.None);
                    Serial.PushToPen(_buf, 0, n);
                }
            }
            else if (c.Poll(0, SelectMode.SelectRead) && c.Available == 0)
            {
                // Readable with nothing to read means the peer closed; bytes that arrived between the two calls are not a close.
                DropClient();
                return;
            }
            int m = Serial.TakeFromPen(_buf, 0, _buf.Length);
            if (m > 0)
            {
                c.Send(_buf, 0, m, SocketFlags.None, out SocketError err);
                if (err != SocketError.Success && err != SocketError.WouldBlock) DropClient();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            DropClient();
        }
    }

    private void AcceptIfPending()
    {
        if (_listener == null || !_listener.Pending()) return;
        var s = _listener.AcceptSocket();
        s.NoDelay = true;
        s.Blocking = false;
        // One tool at a time, like one USB host: a new connection takes over from the previous one.
        DropClient();
        Serial.Clear();
        _client = s;
        Connections++;
    }

    private void DropClient()
    {
        var c = _client;
        _client = null;
        if (c == null) return;
        try { c.Dispose(); } catch (SocketException) { }
    }

    private void ProvisionDevelopmentKey()
    {
        var keyFile = new ServiceKeyFile(Pen.Board.Pen.Storage);
        if (!keyFile.Read(new byte[32], 0)) keyFile.Write(DevelopmentServiceKey.Bytes, 0);
    }

    /// <summary>Stops stepping and closes the listener and any client.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(5));
        DropClient();
        _listener?.Stop();
        _pty?.Dispose();
    }
}
