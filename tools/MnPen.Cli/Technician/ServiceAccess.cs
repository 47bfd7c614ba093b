using System.CommandLine;
using MnPen.Client;
using MnPen.Protocol;
using MnPen.VirtualPen.Serve;

namespace MnPen.Cli.Technician;

/// <summary>The --key option of technician commands and what it takes to enter and leave service mode.</summary>
public static class ServiceAccess
{
    /// <summary>A fresh --key option.</summary>
    public static Option<string?> KeyOption() => new("--key")
    {
        Description = "Service key, to enter service mode first: " + ServiceKeyText.Forms + ".",
        HelpName = "key",
    };

    /// <summary>The key's bytes, or null with a reason; an absent key is fine (null, no error) unless required.</summary>
    public static byte[]? Resolve(string? text, bool required, string what, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            if (required) error = $"{what} needs service mode: give the pen's service key with --key (virtual pens: --key dev)";
            return null;
        }
        return ServiceKeyText.Parse(text, name => name == "dev" ? DevelopmentServiceKey.Bytes : null, out error);
    }

    /// <summary>True if this tool's protocol schema says the request needs service mode.</summary>
    public static bool NeedsService(byte requestType) => ProtocolSchema.Find(requestType)?.ServiceOnly ?? false;

    /// <summary>Leaves service mode, ignoring a pen that has gone (it ends the session itself when the link drops).</summary>
    public static void TryLock(PenClient client)
    {
        try { client.Lock(); }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException) { }
    }
}
