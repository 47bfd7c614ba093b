using System.Net.Sockets;

namespace MnPen.Client.Transports;

/// <summary>TCP link to a pen server (the virtual pen's `mnpen sim --serve tcp://...`).</summary>
public sealed class TcpTransport : ITransport
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

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
                throw new PenUnavailableException($"{Target} closed the connection (the pen server stopped?)");
            return n;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new PenUnavailableException($"the link to {Target} broke while receiving ({ex.Message})", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
