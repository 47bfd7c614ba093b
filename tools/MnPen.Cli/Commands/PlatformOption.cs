using System.CommandLine;
using MnPen.Hal.Simulator.Platform;

namespace MnPen.Cli.Commands;

/// <summary>The `--platform` option of sim, bench and perf: which processor and runtime the simulated pen runs on.</summary>
internal static class PlatformOption
{
    /// <summary>Creates the option (default esp32-nf) with a parser that rejects unknown names with the accepted list.</summary>
    public static Option<PlatformKind> Create() => new("--platform")
    {
        Description = "Processor and runtime under the firmware: esp32-nf (default: nanoFramework on the ESP32-S3, 100 Hz RTOS\n" +
                      "wake-ups with jitter, interpreter tick cost, GC pauses, late managed events; docs/simulator.md) or ideal\n" +
                      "(exact wake-ups, ticks take no time).",
        HelpName = "name",
        // No DefaultValueFactory: help would print the default as the enum's name ("[default: Esp32Nf]"), a spelling the
        // parser refuses. Left out, the option reads default(PlatformKind), which is Esp32Nf (= 0) as the description says.
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : PlatformNames.Esp32Nf;
            if (PlatformNames.TryParse(text, out PlatformKind kind)) return kind;
            r.AddError($"unknown platform '{text}'; use one of: {string.Join(", ", PlatformNames.All)}.");
            return PlatformKind.Esp32Nf;
        },
    };
}
