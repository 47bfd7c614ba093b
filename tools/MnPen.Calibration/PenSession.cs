using MnPen.Client;

namespace MnPen.Calibration;

/// <summary>The procedure's connection to the pen: reconnects after a reboot and re-enters service mode.</summary>
public sealed class PenSession : IDisposable
{
    private readonly string _target;
    private readonly byte[] _key;
    private readonly TimeSpan _timeout;
    private bool _disposed;

    /// <summary>Connects and enters service mode.</summary>
    public PenSession(string target, byte[] key, TimeSpan timeout)
    {
        _target = target;
        _key = key;
        _timeout = timeout;
        Client = PenClient.Connect(target, timeout);
        Client.Unlock(key);
    }

    /// <summary>The live client.</summary>
    public PenClient Client { get; private set; }

    /// <summary>Reboots the pen (so a written calibration takes effect), waits for it to boot, reconnects and unlocks.</summary>
    public void Reboot(TimeSpan bootWait)
    {
        Client.Reboot();
        Client.Dispose();
        var deadline = DateTime.UtcNow + bootWait;
        Exception? last = null;
        Thread.Sleep(300);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                Client = PenClient.Connect(_target, _timeout);
                // Commands are refused as the wrong state until boot and self-test are over.
                while (Client.GetStatus().State < 2 && DateTime.UtcNow < deadline) Thread.Sleep(100);
                Client.Unlock(_key);
                return;
            }
            catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException)
            {
                last = ex;
                try { Client.Dispose(); } catch (IOException) { }
                Thread.Sleep(300);
            }
        }
        throw new PenUnavailableException($"the pen at {_target} did not come back within {bootWait.TotalSeconds:0} s after its reboot: {last?.Message}");
    }

    /// <summary>Leaves service mode and closes.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { Client.Lock(); }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException) { }
        Client.Dispose();
    }
}
