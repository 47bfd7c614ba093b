using System.Net.Sockets;

namespace MnPen.Client.Transports;

/// <summary>TCP link to a pen server (the virtual pen's `mnpen sim --serve tcp://...`).</summary>
public sealed class TcpTransport : ITransport
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    // The first bytes received, kept so that a server's plain-text refusal ("busy: ...") can be quoted when it closes.
    private readonly byte[] _greeting = new byte[256];
    private int _greetingLength;

    private TcpTransport(TcpClient client, string target)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
        Target = target;
    }

    /// <inheritdoc />
    public string Target { get; }

    /// <summary>Connects within timeout or throws <see cref="PenUnavailableException"/> with advice.</summary>
    public static TcpTransport Connect(string host, int port, TimeSpan timeout)
    {
        string target = $"tcp://{host}:{port}";
        var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            client.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
            return new TcpTransport(client, target);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            client.Dispose();
            throw new PenUnavailableException(
                $"no pen answered at {target} ({ex.Message.TrimEnd('.')}) — is `mnpen sim --serve {target}` running?", ex);
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _stream.Write(buffer, offset, count);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            throw new PenUnavailableException($"the link to {Target} broke while sending ({ex.Message})", ex);
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
    {
        try
        {
            if (!_client.Client.Poll((int)Math.Clamp(timeout.TotalMicroseconds, 0, int.MaxValue), SelectMode.SelectRead))
                return 0;
            int n = _client.Client.Receive(buffer, offset, count, SocketFlags.None);
            if (n == 0)
            {
                string? refusal = Refusal();
                throw new PenUnavailableException(refusal != null
                    ? $"{Target} refused this connection: {refusal}"
                    : $"{Target} closed the connection — the pen server stopped (its terminal says why); start it again with `mnpen sim --serve {Target}`");
            }
            int keep = Math.Min(n, _greeting.Length - _greetingLength);
            Buffer.BlockCopy(buffer, offset, _greeting, _greetingLength, keep);
            _greetingLength += keep;
            return n;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new PenUnavailableException($"the link to {Target} broke while receiving ({ex.Message})", ex);
        }
    }

    // The server's refusal line if the connection began with one (a virtual pen serves one client at a time).
    private string? Refusal()
    {
        string text = System.Text.Encoding.UTF8.GetString(_greeting, 0, _greetingLength);
        if (!text.StartsWith("busy:", StringComparison.Ordinal)) return null;
        int end = text.IndexOf('\n');
        return end < 0 ? text : text[..end];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
