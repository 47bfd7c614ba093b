using MnPen.Client.Transports;

namespace MnPen.Client;

/// <summary>Parses and opens pen targets: `tcp://host:port` or `serial:/dev/ttyACM0`.</summary>
public static class TargetUri
{
    /// <summary>Usage text for help and errors.</summary>
    public const string Forms = "tcp://HOST:PORT (e.g. tcp://127.0.0.1:7755, a virtual pen) or serial:DEVICE (e.g. serial:/dev/ttyACM0)";

    /// <summary>Checks a target's form; returns null if fine, else what is wrong.</summary>
    public static string? Validate(string target)
    {
        if (string.IsNullOrWhiteSpace(target)) return $"no target given; use {Forms}";
        if (target.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            if (!TrySplitHostPort(target[6..], out _, out _))
                return $"'{target}' is not tcp://HOST:PORT with a port 1..65535";
            return null;
        }
        if (target.StartsWith("serial:", StringComparison.OrdinalIgnoreCase))
            return target.Length > 7 ? null : $"'{target}' names no device; e.g. serial:/dev/ttyACM0";
        return $"'{target}' is not a target; use {Forms}";
    }

    /// <summary>Opens a transport to the target or throws (ArgumentException for bad form, PenUnavailableException).</summary>
    public static ITransport Open(string target, TimeSpan connectTimeout)
    {
        string? problem = Validate(target);
        if (problem != null) throw new ArgumentException(problem);
        if (target.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            TrySplitHostPort(target[6..], out string host, out int port);
            return TcpTransport.Connect(host, port, connectTimeout);
        }
        return TermiosSerialTransport.Open(target[7..]);
    }

    /// <summary>Splits "host:port" (IPv6 in brackets allowed).</summary>
    public static bool TrySplitHostPort(string s, out string host, out int port)
    {
        host = "";
        port = 0;
        s = s.TrimEnd('/');
        int colon = s.LastIndexOf(':');
        if (colon <= 0) return false;
        host = s[..colon].Trim('[', ']');
        return int.TryParse(s[(colon + 1)..], out port) && port is > 0 and <= 65535 && host.Length > 0;
    }
}
