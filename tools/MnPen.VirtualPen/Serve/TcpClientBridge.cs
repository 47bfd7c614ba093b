using System.Net;
using System.Net.Sockets;
using System.Text;
using MnPen.Hal.Simulator.Serial;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// The TCP side of a served pen: a loopback listener and ONE client at a time, like a pen on one USB port that one
/// program has open. A second connection is told "busy: ..." in plain text and closed; the first is untouched.
/// Bytes move between the client and the simulated serial port without blocking and without loss: nothing is read
/// from the client while the port toward the pen is full, and nothing is taken from the pen until the client has
/// accepted what was taken before (TCP flow control then slows a client that pipelines faster than it reads).
/// A client is gone only when a receive returns 0 bytes (it closed) or a socket call fails.
/// </summary>
public sealed class TcpClientBridge : IDisposable
{
    /// <summary>First word of the line a refused second client receives (tools recognise it).</summary>
    private readonly byte[] _peek = new byte[1];

    public const string BusyWord = "busy:";

    /// <summary>How long a refused client may take to read the busy line and close before it is cut off, seconds.</summary>
    public const double RefusalGraceSeconds = 2.0;

    private readonly TcpListener _listener;
    private readonly byte[] _in = new byte[4096];
    private readonly byte[] _out = new byte[4096];
    private readonly List<(Socket Socket, DateTime Until)> _refused = new();
    private Socket? _client;
    private int _outStart;
    private int _outEnd;
    private DateTime _clientSinceUtc;

    /// <summary>Listens on the given loopback endpoint; throws InvalidOperationException with advice when it cannot.</summary>
    public TcpClientBridge(IPEndPoint at)
    {
        _listener = new TcpListener(at);
        try
        {
            _listener.Start(4);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException(
                $"cannot listen on {at}: {ex.Message} — is another `mnpen sim --serve` using that port? pick another port (or port 0 for a free one)", ex);
        }
        var bound = (IPEndPoint)_listener.LocalEndpoint;
        Target = bound.AddressFamily == AddressFamily.InterNetworkV6 ? $"tcp://[{bound.Address}]:{bound.Port}" : $"tcp://{bound.Address}:{bound.Port}";
    }

    /// <summary>Target URI tools use to reach the listener.</summary>
    public string Target { get; }

    /// <summary>Where the connected client is (host:port), or null when none is.</summary>
    public string? ClientName { get; private set; }

    /// <summary>Clients accepted so far (refused ones not counted).</summary>
    public int Connections { get; private set; }

    /// <summary>Second clients refused as busy so far.</summary>
    public int Refusals { get; private set; }

    /// <summary>Clients that went away (closed or broke) so far.</summary>
    public int Disconnections { get; private set; }

    /// <summary>Called with the client's name when a client is accepted.</summary>
    public Action<string>? Connected { get; set; }

    /// <summary>Called with the client's name and why when the client has gone; the link it had is over.</summary>
    public Action<string, string>? Disconnected { get; set; }

    /// <summary>Called with the refused client's name and the line it was sent.</summary>
    public Action<string, string>? Refused { get; set; }

    /// <summary>Called when the client sent bytes (a real pen's host is active).</summary>
    public Action? ClientSent { get; set; }

    /// <summary>Accepts or refuses new connections and moves bytes both ways; call from the pen's thread only.</summary>
    public void Pump(SimSerialPort serial)
    {
        AcceptPending();
        if (_refused.Count > 0) ServiceRefused();
        var c = _client;
        if (c == null)
        {
            // Nobody connected: what the pen sends is lost, as on an unplugged USB port.
            serial.TakeFromPen(_out, 0, _out.Length);
            return;
        }
        int free = serial.FreeToPen;
        if (free > 0)
        {
            int n = c.Receive(_in, 0, Math.Min(free, _in.Length), SocketFlags.None, out SocketError err);
            if (err == SocketError.Success && n == 0)
            {
                Drop("the client closed the connection");
                return;
            }
            if (err == SocketError.Success)
            {
                serial.PushToPen(_in, 0, n);
                ClientSent?.Invoke();
            }
            else if (err != SocketError.WouldBlock)
            {
                Drop("the link broke while receiving (" + err + ")");
                return;
            }
        }
        if (_outStart == _outEnd)
        {
            _outStart = 0;
            _outEnd = serial.TakeFromPen(_out, 0, _out.Length);
        }
        if (_outEnd > _outStart)
        {
            int sent = c.Send(_out, _outStart, _outEnd - _outStart, SocketFlags.None, out SocketError err);
            if (err == SocketError.Success) _outStart += sent;
            else if (err != SocketError.WouldBlock) Drop("the link broke while sending (" + err + ")");
        }
    }

    private void AcceptPending()
    {
        while (_listener.Pending())
        {
            Socket s;
            try
            {
                s = _listener.AcceptSocket();
            }
            catch (SocketException)
            {
                return;   // the connection was reset before it was accepted: nothing to serve
            }
            s.NoDelay = true;
            s.Blocking = false;
            string name = s.RemoteEndPoint?.ToString() ?? "?";
            // A tool that closed just before the next one connected is gone, not busy: see its end first, so commands run
            // one after another are never refused.
            if (_client != null && HasClosed(_client)) Drop("the client closed the connection");
            if (_client != null)
            {
                Refuse(s, name);
                continue;
            }
            _client = s;
            _outStart = _outEnd = 0;
            _clientSinceUtc = DateTime.UtcNow;
            ClientName = name;
            Connections++;
            Connected?.Invoke(name);
        }
    }

    private void Refuse(Socket s, string name)
    {
        Refusals++;
        string line = $"{BusyWord} another client is connected (since {_clientSinceUtc:HH:mm:ss} UTC, from {ClientName}); close it first — " +
                      "this virtual pen serves one client at a time, like a pen on one USB port";
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        // A fresh socket's send buffer takes a line this short whole; if it somehow does not, the close says enough.
        s.Send(bytes, 0, bytes.Length, SocketFlags.None, out _);
        try { s.Shutdown(SocketShutdown.Send); } catch (SocketException) { }
        // Keep reading (and discarding) what it sends until it closes: closing with unread input would reset the
        // connection and could destroy the busy line before the tool reads it.
        _refused.Add((s, DateTime.UtcNow.AddSeconds(RefusalGraceSeconds)));
        Refused?.Invoke(name, line);
    }

    private void ServiceRefused()
    {
        for (int i = _refused.Count - 1; i >= 0; i--)
        {
            var (s, until) = _refused[i];
            int n = s.Receive(_in, 0, _in.Length, SocketFlags.None, out SocketError err);
            bool gone = (err == SocketError.Success && n == 0) || (err != SocketError.Success && err != SocketError.WouldBlock);
            if (!gone && DateTime.UtcNow < until) continue;
            s.Dispose();
            _refused.RemoveAt(i);
        }
    }

    // A peek never takes bytes meant for the pen: 0 bytes with success is the peer's FIN with nothing left unread, and
    // WouldBlock is a live, quiet client (unlike Available and Poll, which race with data arriving between the two).
    private bool HasClosed(Socket c)
    {
        int n = c.Receive(_peek, 0, 1, SocketFlags.Peek, out SocketError err);
        return (err == SocketError.Success && n == 0) || (err != SocketError.Success && err != SocketError.WouldBlock);
    }

    private void Drop(string why)
    {
        var c = _client;
        if (c == null) return;
        string name = ClientName ?? "?";
        _client = null;
        ClientName = null;
        _outStart = _outEnd = 0;
        Disconnections++;
        c.Dispose();
        Disconnected?.Invoke(name, why);
    }

    /// <summary>Closes the client (as if it had gone), refused connections and the listener.</summary>
    public void Dispose()
    {
        Drop("the server stopped");
        foreach (var (s, _) in _refused) s.Dispose();
        _refused.Clear();
        _listener.Stop();
    }
}
