using System.Globalization;

namespace MnPen.VirtualPen.Serve;

/// <summary>A fault to inject into a served virtual pen: NAME[@SECONDS][:param=value,...] (e.g. ntc-open@30, battery-sag:ohms=3).</summary>
public sealed record FaultSpec(string Name, double AtSeconds, IReadOnlyList<KeyValuePair<string, double>> Parameters)
{
    /// <summary>Syntax, for help and errors.</summary>
    public const string Syntax = "NAME[@SECONDS][:PARAM=VALUE,...]  e.g. ntc-open@30, battery-sag@10:ohms=3 (names: mnpen sim --list-faults)";

    /// <summary>Parses a fault option; null and a reason when malformed or unknown.</summary>
    public static FaultSpec? Parse(string text, out string? error)
    {
        error = null;
        string rest = text.Trim();
        var parameters = new List<KeyValuePair<string, double>>();
        int colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            foreach (var part in rest[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split('=', 2);
                if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    error = $"fault parameter '{part}' is not PARAM=VALUE; syntax: {Syntax}";
                    return null;
                }
                parameters.Add(new(kv[0].Trim(), v));
            }
            rest = rest[..colon];
        }
        double at = 0;
        int atSign = rest.IndexOf('@');
        if (atSign >= 0)
        {
            if (!double.TryParse(rest[(atSign + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out at) || at < 0)
            {
                error = $"fault time in '{text}' is not a number of seconds >= 0; syntax: {Syntax}";
                return null;
            }
            rest = rest[..atSign];
        }
        if (MnPen.Hal.Simulator.Faults.SimFaultCatalog.Find(rest) == null)
        {
            error = $"unknown fault '{rest}'; list them with `mnpen sim --list-faults`";
            return null;
        }
        return new FaultSpec(rest, at, parameters);
    }
}
