using MnPen.Flashing;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen flash --dry-run`: every step that would run, with the exact nanoff command lines.</summary>
internal static class DryRun
{
    public static int Print(IReadOnlyList<FlashRequest> requests, string tool, string backupFolder, Func<string, string> penFor, bool noBackup,
        string? restoreFrom, bool haveKey, TextWriter output, TextWriter error, string? toolNote)
    {
        foreach (var r in requests)
        {
            var (calls, _) = NanoffPlanner.Plan(r, allowMissingImage: true);
            string port = r.Port!;
            output.WriteLine($"# pen on {port}");
            if (restoreFrom != null) output.WriteLine($"# 1. backup: use {restoreFrom} (--restore-from)");
            else if (noBackup) output.WriteLine("# 1. backup: none (--no-backup)");
            else output.WriteLine($"# 1. back up calibration, settings and event log from {penFor(port)} to {backupFolder}/<serial>-<utc time>.backup.json");
            int step = 2;
            foreach (var c in calls)
            {
                output.WriteLine($"# {step++}. {Describe(c.Step)}");
                output.WriteLine(NanoffPlanner.Format(tool, c.Arguments));
            }
            output.WriteLine($"# {step++}. handshake with {penFor(port)}: app and protocol versions");
            output.WriteLine($"# {step}. " + (noBackup ? "nothing to restore" : "compare calibration (byte for byte) and settings with the backup; " +
                             (haveKey ? "restore what differs, restart, compare again" : "if they differ, say how to restore (no --key)")));
            var (found, _) = NanoffPlanner.ResolveImage(r.Image);
            if (r.Application && found == null)
                error.WriteLine($"note: the app image is not built yet; the deploy line names where the build writes it ({NanoffPlanner.AppImageFolder}).");
        }
        if (toolNote != null) error.WriteLine("note: " + toolNote);
        return ExitCodes.Ok;
    }

    private static string Describe(NanoffStep step) => step switch
    {
        NanoffStep.Firmware => "firmware (nanoBooter + nanoCLR)",
        NanoffStep.Application => "app (deployment image)",
        _ => "device details: firmware version and native assemblies (" + string.Join(", ", NativeAssemblies.Required) + ")",
    };
}
