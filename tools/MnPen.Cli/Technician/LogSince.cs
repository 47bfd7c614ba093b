using System.Globalization;
using MnPen.Protocol;

namespace MnPen.Cli.Technician;

/// <summary>Where `mnpen log --since` starts: a sequence number, a boot number (boot:N) or the last boot (last-boot).</summary>
public sealed record LogSince(uint FromSequence, int FromBoot, bool LastBoot)
{
    /// <summary>Accepted forms, for help and errors.</summary>
    public const string Forms = "SEQUENCE (e.g. 120), boot:N (entries from boot N on) or last-boot";

    /// <summary>Everything the pen holds.</summary>
    public static readonly LogSince All = new(0, 0, false);

    /// <summary>Parses the option; null and a reason when malformed.</summary>
    public static LogSince? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return All;
        text = text.Trim();
        if (text.Equals("last-boot", StringComparison.OrdinalIgnoreCase)) return new LogSince(0, 0, true);
        if (text.StartsWith("boot:", StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int boot) && boot >= 1)
                return new LogSince(0, boot, false);
            error = $"--since '{text}': the boot number must be a whole number >= 1; use {Forms}";
            return null;
        }
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint seq)) return new LogSince(seq, 0, false);
        error = $"--since '{text}' is not {Forms}";
        return null;
    }

    /// <summary>The entries this selection keeps (the log was read from <see cref="FromSequence"/>).</summary>
    public List<EventRecord> Filter(List<EventRecord> read)
    {
        if (LastBoot && read.Count > 0)
        {
            int last = read.Max(e => e.BootNumber);
            return read.Where(e => e.BootNumber == last).ToList();
        }
        return FromBoot > 0 ? read.Where(e => e.BootNumber >= FromBoot).ToList() : read;
    }
}
