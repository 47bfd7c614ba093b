using System.Runtime.InteropServices;

namespace MnPen.Client.Transports;

/// <summary>
/// Serial port on Linux and macOS through libc termios (raw mode, no flow control). Hand-written because
/// System.IO.Ports is not available to this build; where it is, another ITransport can wrap it instead.
/// </summary>
public sealed class TermiosSerialTransport : ITransport
{
    private int _fd;

    private TermiosSerialTransport(int fd, string path)
    {
        _fd = fd;
        Target = "serial:" + path;
    }

    /// <inheritdoc />
    public string Target { get; }

    /// <summary>Opens the port in raw mode or throws <see cref="PenUnavailableException"/> with advice.</summary>
    public static TermiosSerialTransport Open(string path, int baud = 115200)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new PenUnavailableException($"serial targets need Linux or macOS here; use a tcp:// target or a build with System.IO.Ports");
        int oNoCtty = OperatingSystem.IsMacOS() ? 0x20000 : 0x100;
        int fd = Native.open(path, 2 /* O_RDWR */ | oNoCtty);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string why = errno switch
            {
                2 => "no such device — is the pen plugged in? (list ports with `ls /dev/ttyACM* /dev/cu.usbmodem*`)",
                13 => "permission denied — add yourself to the `dialout` group (Linux) or check the device's owner",
                16 => "the port is busy — close other programs using it",
                _ => $"errno {errno}",
            };
            throw new PenUnavailableException($"cannot open serial:{path}: {why}");
        }
        // termios layouts differ between platforms; a generous buffer filled by tcgetattr and changed only through
        // cfmakeraw/cfsetspeed keeps this code independent of them.
        var tio = new byte[256];
        if (Native.tcgetattr(fd, tio) != 0)
        {
            Native.close(fd);
            throw new PenUnavailableException($"serial:{path} is not a terminal device (tcgetattr failed) — is it the pen's port?");
        }
        Native.cfmakeraw(tio);
        Native.cfsetspeed(tio, SpeedConstant(baud));
        if (Native.tcsetattr(fd, 0 /* TCSANOW */, tio) != 0)
        {
            Native.close(fd);
            throw new PenUnavailableException($"cannot configure serial:{path} (tcsetattr failed, errno {Marshal.GetLastPInvokeError()})");
        }
        return new TermiosSerialTransport(fd, path);
    }

    private static nint SpeedConstant(int baud)
    {
        if (OperatingSystem.IsMacOS()) return baud;
        return baud switch
        {
            9600 => 0xD,
            19200 => 0xE,
            38400 => 0xF,
            57600 => 0x1001,
            115200 => 0x1002,
            230400 => 0x1003,
            460800 => 0x1004,
            921600 => 0x1007,
            _ => 0x1002,
        };
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        while (count > 0)
        {
            byte[] chunk = offset == 0 ? buffer : buffer[offset..(offset + count)];
            nint n = Native.write(_fd, chunk, count);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == 4 || errno == 11 || errno == 35) { Thread.Sleep(1); continue; }
                throw new PenUnavailableException($"{Target}: write failed (errno {errno}) — was the pen unplugged?");
            }
            offset += (int)n;
            count -= (int)n;
        }
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
    {
        var pfd = new Native.PollFd { fd = _fd, events = 1 /* POLLIN */ };
        int r = Native.poll(ref pfd, 1, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));
        if (r == 0) return 0;
        if (r < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == 4) return 0;
            throw new PenUnavailableException($"{Target}: poll failed (errno {errno})");
        }
        if ((pfd.revents & (0x8 | 0x10 | 0x20)) != 0 && (pfd.revents & 1) == 0)
            throw new PenUnavailableException($"{Target}: the port closed — was the pen unplugged?");
        var chunk = new byte[count];
        nint n = Native.read(_fd, chunk, count);
        if (n > 0) Buffer.BlockCopy(chunk, 0, buffer, offset, (int)n);
        if (n < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == 4 || errno == 11 || errno == 35) return 0;
            throw new PenUnavailableException($"{Target}: read failed (errno {errno})");
        }
        if (n == 0) throw new PenUnavailableException($"{Target}: the port closed — was the pen unplugged?");
        return (int)n;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_fd >= 0)
        {
            Native.close(_fd);
            _fd = -1;
        }
    }

    private static class Native
    {
        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int fd;
            public short events;
            public short revents;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern nint read(int fd, byte[] buf, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern nint write(int fd, byte[] buf, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern int poll(ref PollFd fds, nuint nfds, int timeout);

        [DllImport("libc", SetLastError = true)]
        public static extern int tcgetattr(int fd, byte[] termios);

        [DllImport("libc", SetLastError = true)]
        public static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

        [DllImport("libc", SetLastError = true)]
        public static extern void cfmakeraw(byte[] termios);

        [DllImport("libc", SetLastError = true)]
        public static extern int cfsetspeed(byte[] termios, nint speed);
    }
}
