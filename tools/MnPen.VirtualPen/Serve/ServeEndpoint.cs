using System.Net;

namespace MnPen.VirtualPen.Serve;

/// <summary>Where a virtual pen server listens: loopback TCP, or (Linux) a pseudo-terminal.</summary>
public sealed record ServeEndpoint(string Kind, IPEndPoint? Tcp, string? PtyLink)
{
    /// <summary>Accepted forms, for help and errors.</summary>
    public const string Forms = "tcp://127.0.0.1:PORT (loopback only; PORT 0 picks a free port) or pty[:LINK] (Linux: a pseudo-terminal, optionally symlinked at LINK)";

    /// <summary>Parses a serve URI; returns null and a reason when it is not usable.</summary>
    public static ServeEndpoint? Parse(string uri, out string? error)
    {
        error = null;
        if (uri.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            string rest = uri[6..].TrimEnd('/');
            int colon = rest.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], out int port) || port < 0 || port > 65535)
            {
                error = $"'{uri}' is not tcp://HOST:PORT; e.g. tcp://127.0.0.1:7755";
                return null;
            }
            string host = rest[..colon].Trim('[', ']');
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) host = "127.0.0.1";
            if (!IPAddress.TryParse(host, out var ip) || !IPAddress.IsLoopback(ip))
            {
                error = $"the virtual pen serves on loopback only (127.0.0.1 or ::1), not '{host}': it has no authentication for remote users";
                return null;
            }
            return new ServeEndpoint("tcp", new IPEndPoint(ip, port), null);
        }
        if (uri.Equals("pty", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("pty:", StringComparison.OrdinalIgnoreCase))
        {
            if (!OperatingSystem.IsLinux())
            {
                error = "pty serving needs Linux; use tcp://127.0.0.1:PORT";
                return null;
            }
            string? link = uri.Length > 4 ? uri[4..] : null;
            return new ServeEndpoint("pty", null, string.IsNullOrEmpty(link) ? null : link);
        }
        error = $"'{uri}' is not a serve address; use {Forms}";
        return null;
    }
}
