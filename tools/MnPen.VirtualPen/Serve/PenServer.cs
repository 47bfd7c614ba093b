using System.Collections.Concurrent;
using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Hal.Simulator.Serial;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// A virtual pen on the wire: firmware + simulator stepped on one thread (paced to real time unless told otherwise),
/// the firmware's own protocol link on the simulated serial port, and that port bridged byte for byte to ONE client
/// at a time on loopback TCP (a second is refused as busy, see <see cref="TcpClientBridge"/>) or a Linux
/// pseudo-terminal. Fault injection stays on this side (<see cref="Invoke"/>). What happens to the pen that a user
/// could not otherwise see (clients coming and going, the pen powering itself off and being woken) is written to
/// <see cref="PenServer(VirtualPenOptions, ServeEndpoint, double, TextWriter?)"/>'s log, one line each.
/// </summary>
public sealed class PenServer : IDisposable
{
    /// <summary>The link is polled every this many loop turns: once, as DeviceLoop does on the pen after each Tick().</summary>
    public const int PollEveryTicks = 1;

    private readonly ServeEndpoint _endpoint;
    private readonly ConcurrentQueue<Action<VirtualPen>> _actions = new();
    private readonly List<(double AtSeconds, Action<VirtualPen> Action)> _scheduled = new();
    private readonly byte[] _ptyIn = new byte[4096];
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _log;
    private TcpClientBridge? _tcp;
    private PtyBridge? _pty;
    private readonly byte[] _ptyOut = new byte[4096];
    private int _ptyOutStart;
    private int _ptyOutEnd;
    private Thread? _thread;
    private PenLink _link;
    private PenFirmware _linkFirmware;
    private long _requestsOfEarlierLinks;
    private bool _wasRunning = true;
    private Exception? _failure;

    /// <summary>Creates (and boots) the virtual pen; call <see cref="Start"/> to listen. log (default none) gets notices.</summary>
    public PenServer(VirtualPenOptions options, ServeEndpoint endpoint, double realTimeFactor = 1.0, TextWriter? log = null)
    {
        _endpoint = endpoint;
        _log = log == null ? TextWriter.Null : TextWriter.Synchronized(log);
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
    public int Connections => _tcp?.Connections ?? 0;

    /// <summary>Second clients refused as busy so far.</summary>
    public int Refusals => _tcp?.Refusals ?? 0;

    /// <summary>Clients that went away so far (closed by them or broken).</summary>
    public int Disconnections => _tcp?.Disconnections ?? 0;

    /// <summary>Requests the pen's links have handled since the server started (every one is answered).</summary>
    public long RequestsHandled => _requestsOfEarlierLinks + _link.Endpoint.RequestsHandled;

    /// <summary>Times the pen powered itself off (idle).</summary>
    public int PowerOffs { get; private set; }

    /// <summary>Times the pen was woken (power button) because a client connected or sent while it was off.</summary>
    public int Wakes { get; private set; }

    /// <summary>Set if the stepping thread died; the server has then stopped.</summary>
    public Exception? Failure => _failure;

    /// <summary>True while the stepping thread runs.</summary>
    public bool Running => _thread is { IsAlive: true };

    /// <summary>Opens the listener (or pseudo-terminal) and starts stepping on a background thread.</summary>
    public void Start()
    {
        if (_endpoint.Kind == "tcp")
        {
            _tcp = new TcpClientBridge(_endpoint.Tcp!)
            {
                Connected = name =>
                {
                    Say($"client {name} connected");
                    WakeIfOff("a client connected");
                },
                Disconnected = (name, why) =>
                {
                    Say($"client {name} disconnected: {why}");
                    EndLink();
                },
                Refused = (name, line) => Say($"refused client {name}: {line}"),
                ClientSent = () => WakeIfOff("the client sent a request"),
            };
            Target = _tcp.Target;
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
                    _requestsOfEarlierLinks += _link.Endpoint.RequestsHandled;
                    _linkFirmware = Pen.Firmware;
                    _link = new PenLink(_linkFirmware, Pen.Board.Pen);
                }
                WatchPower();
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

    // Moves bytes between the client and the simulated serial port without ever blocking the pen or losing a byte.
    private void Bridge()
    {
        if (_tcp != null)
        {
            _tcp.Pump(Serial);
            return;
        }
        if (_pty == null) return;
        int free = Serial.FreeToPen;
        if (free > 0)
        {
            int n = _pty.Read(_ptyIn, Math.Min(free, _ptyIn.Length));
            if (n > 0)
            {
                Serial.PushToPen(_ptyIn, 0, n);
                WakeIfOff("the serial tool sent a request");
            }
        }
        // What the tool has not read yet stays here (and then in the pen's buffers), as on a USB port with flow control.
        if (_ptyOutStart == _ptyOutEnd)
        {
            _ptyOutStart = 0;
            _ptyOutEnd = Serial.TakeFromPen(_ptyOut, 0, _ptyOut.Length);
        }
        if (_ptyOutEnd > _ptyOutStart) _ptyOutStart += _pty.Write(_ptyOut, _ptyOutStart, _ptyOutEnd - _ptyOutStart);
    }

    // The client's link ended: the pen side learns it (as from the USB port's DTR), and nothing of the old link
    // (unread replies, half a request) is left for the next client.
    private void EndLink()
    {
        _link.Endpoint.LinkDropped();
        Serial.Clear();
    }

    // A pen that powers itself off says nothing on the link (its USB device disappears); say it here instead.
    private void WatchPower()
    {
        bool running = Pen.Board.ProcessorRunning;
        if (running == _wasRunning) return;
        _wasRunning = running;
        if (running)
        {
            Say("the virtual pen is on again");
            return;
        }
        if (!Pen.Board.System.PowerHeld)
        {
            PowerOffs++;
            var c = Pen.Firmware.Config;
            Say($"the virtual pen powered itself off (idle: asleep after {c.InactivitySleepSeconds:0} s without use, off {c.SleepPowerOffSeconds:0} s later, " +
                "as a real pen does); a client connecting or sending wakes it (the power button)");
        }
        else
        {
            Say("the virtual pen lost power (brown-out or an injected power cut); it comes back when the supply does");
        }
    }

    // A real pen is woken by its button; here a client connecting or sending stands for that press.
    private void WakeIfOff(string why)
    {
        if (Pen.Board.ProcessorRunning || Pen.Board.System.PowerHeld) return;
        Wakes++;
        Say($"waking the virtual pen: {why} (power button pressed)");
        Pen.Board.PressPowerButton();
    }

    private void Say(string line) => _log.WriteLine($"[{Pen.NowSeconds:0.000} s] {line}");

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
        _tcp?.Dispose();
        _pty?.Dispose();
    }
}
