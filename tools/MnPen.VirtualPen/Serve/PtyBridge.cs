using System.Runtime.InteropServices;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// A Linux pseudo-terminal whose slave side looks like the pen's serial port to any serial tool
/// (posix_openpt/grantpt/unlockpt/ptsname through libc; .NET has no pty API). The master side is non-blocking.
/// </summary>
public sealed class PtyBridge : IDisposable
{
    private int _master;
    private int _slaveKeepAlive;
    private string? _link;

    private PtyBridge(int master, int slave, string slavePath, string? link)
    {
        _master = master;
        _slaveKeepAlive = slave;
        SlavePath = slavePath;
        _link = link;
    }

    /// <summary>Device path of the slave side (e.g. /dev/pts/5).</summary>
    public string SlavePath { get; }

    /// <summary>Opens a pseudo-terminal in raw mode; link, if given, becomes a symlink to the slave device.</summary>
    public static PtyBridge Open(string? link)
    {
        const int oRdwr = 2, oNoctty = 0x100, oNonblock = 0x800, fSetfl = 4;
        int master = posix_openpt(oRdwr | oNoctty);
        if (master < 0)
            throw new InvalidOperationException($"cannot create a pseudo-terminal (posix_openpt failed, errno {Marshal.GetLastPInvokeError()}): " +
                                                "is /dev/ptmx available here (containers may lack it)? or serve on tcp://127.0.0.1:PORT instead");
        if (grantpt(master) != 0 || unlockpt(master) != 0)
        {
            close(master);
            throw new InvalidOperationException("grantpt/unlockpt failed: cannot create a pseudo-terminal here; serve on tcp://127.0.0.1:PORT instead");
        }
        string path = Marshal.PtrToStringAnsi(ptsname(master)) ?? throw new InvalidOperationException("ptsname failed");
        fcntl(master, fSetfl, oNonblock);
        // Keep the slave open in raw mode ourselves: no echo or line editing even if a tool opens it naively,
        // and the master does not report hang-up between tools.
        int slave = open(path, oRdwr | oNoctty);
        if (slave >= 0)
        {
            var tio = new byte[256];
            if (tcgetattr(slave, tio) == 0)
            {
                cfmakeraw(tio);
                tcsetattr(slave, 0, tio);
            }
        }
        var bridge = new PtyBridge(master, slave, path, null);
        if (link == null) return bridge;
        try
        {
            if (File.Exists(link) || Directory.Exists(link))
            {
                var info = new FileInfo(link);
                if (info.LinkTarget == null) throw new InvalidOperationException($"{link} exists and is not a symlink (not ours to replace); choose another path, e.g. pty:/tmp/mnpen-pen");
                File.Delete(link);
            }
            File.CreateSymbolicLink(link, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bridge.Dispose();
            throw new InvalidOperationException($"cannot create the link {link} to the pseudo-terminal ({ex.Message}); choose a writable path, e.g. pty:/tmp/mnpen-pen", ex);
        }
        catch (InvalidOperationException)
        {
            bridge.Dispose();
            throw;
        }
        bridge._link = link;
        return bridge;
    }

    /// <summary>Reads up to count bytes the tool sent (0 if none).</summary>
    public int Read(byte[] buffer, int count)
    {
        nint n = read(_master, buffer, count);
        return n > 0 ? (int)n : 0;
    }

    /// <summary>Writes up to count bytes from buffer[offset..] toward the tool; returns how many the terminal took (0 when full).</summary>
    public int Write(byte[] buffer, int offset, int count)
    {
        if (count <= 0) return 0;
        nint n = write(_master, ref buffer[offset], count);
        return n > 0 ? (int)n : 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_link != null)
        {
            try { File.Delete(_link); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        if (_slaveKeepAlive >= 0) { close(_slaveKeepAlive); _slaveKeepAlive = -1; }
        if (_master >= 0) { close(_master); _master = -1; }
    }

    [DllImport("libc", SetLastError = true)] private static extern int posix_openpt(int flags);
    [DllImport("libc", SetLastError = true)] private static extern int grantpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int unlockpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern nint ptsname(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, int arg);
    [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
    [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte[] buf, nint count);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, ref byte buf, nint count);
    [DllImport("libc", SetLastError = true)] private static extern int tcgetattr(int fd, byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int tcsetattr(int fd, int actions, byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern void cfmakeraw(byte[] termios);
}
