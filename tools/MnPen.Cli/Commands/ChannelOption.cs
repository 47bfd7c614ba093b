using System.CommandLine;
using MnPen.Bench.Suites;

namespace MnPen.Cli.Commands;

/// <summary>The `--channel` option of bench: which protective channel(s) the interlocks suite lets act.</summary>
internal static class ChannelOption
{
    /// <summary>The accepted names, in help order.</summary>
    public static readonly string[] Names = { "both", "hardware", "firmware" };

    /// <summary>Creates the option (default both) with a parser that rejects unknown names with the accepted list.</summary>
    public static Option<SafetyChannel> Create() => new("--channel")
    {
        Description = "Interlocks suite: which protective channel acts. both (default, as on the pen); hardware = the hardware\n" +
                      "channel alone (cartridge switch, thermal comparator, window watchdog, driver limits) under a firmware blind\n" +
                      "to the hazards; firmware = the supervisor alone (hardware gates forced closed). A single channel runs the\n" +
                      "hazards it claims (docs/safety/hazards.md), each against its own deadline; cases say which channel acted first.",
        HelpName = "name",
        DefaultValueFactory = _ => SafetyChannel.Both,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "both";
            switch (text.ToLowerInvariant())
            {
                case "both": return SafetyChannel.Both;
                case "hardware": return SafetyChannel.Hardware;
                case "firmware": return SafetyChannel.Firmware;
            }
            r.AddError($"unknown channel '{text}'; use one of: {string.Join(", ", Names)}.");
            return SafetyChannel.Both;
        },
    };

    /// <summary>The option's spelling of a channel.</summary>
    public static string Name(SafetyChannel c) => c == SafetyChannel.Hardware ? "hardware" : c == SafetyChannel.Firmware ? "firmware" : "both";
}
