using System.CommandLine;
using MnPen.Client.Docs;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen docs`: regenerates the reference docs that come from code (docs/faults.md, docs/protocol.md) or checks them.</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check")
        {
            Description = "Do not write anything: exit 1 if a committed document differs from what the code generates (for CI).",
        };
        var root = new Option<string?>("--root")
        {
            Description = "Repository root (the folder holding MnPen.sln). Default: found by walking up from the current folder.",
            HelpName = "dir",
        };
        var json = new Option<bool>("--json") { Description = "Print the outcome per document as JSON on stdout." };
        var cmd = new Command("docs",
            "Regenerates the reference documents that are generated from code:\n" +
            "  docs/faults.md    fault codes, classes, clear policies, causes, remedies and reaction deadlines (MnPen.Safety.FaultCatalog)\n" +
            "  docs/protocol.md  the pen protocol (MnPen.Protocol schema)\n" +
            "Exit 0 = written (or up to date with --check), 1 = out of date with --check, 2 = not inside the repository.\n" +
            "Examples:  mnpen docs\n" +
            "           mnpen docs --check --json");
        cmd.Options.Add(check);
        cmd.Options.Add(root);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string? dir = parse.GetValue(root) ?? FindRoot(Directory.GetCurrentDirectory());
            if (dir == null || !File.Exists(Path.Combine(dir, "MnPen.sln")))
            {
                error.WriteLine("mnpen docs: run this inside the repository or pass --root <folder holding MnPen.sln>.");
                return ExitCodes.BadInput;
            }
            var docs = new (string Path, Func<string> Generate)[]
            {
                (FaultsDocument.RelativePath, FaultsDocument.Generate),
                (ProtocolDocument.RelativePath, ProtocolDocument.Generate),
            };
            bool stale = false;
            var results = new List<string>();
            foreach (var (rel, gen) in docs)
            {
                string path = Path.Combine(dir, rel);
                string text = gen();
                string? current = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
                string state;
                if (current == text) state = "up-to-date";
                else if (parse.GetValue(check)) { state = current == null ? "missing" : "out-of-date"; stale = true; }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, text);
                    state = "written";
                }
                results.Add($"{{\"path\":\"{rel}\",\"state\":\"{state}\"}}");
                if (!parse.GetValue(json))
                    (state is "missing" or "out-of-date" ? error : output).WriteLine(
                        $"{rel}: {state}{(state is "missing" or "out-of-date" ? " - run `mnpen docs` and commit the result" : "")}");
            }
            if (parse.GetValue(json)) output.WriteLine($"{{\"documents\":[{string.Join(",", results)}],\"ok\":{(stale ? "false" : "true")}}}");
            return stale ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The repository root (the folder holding MnPen.sln) at or above start, or null.</summary>
    internal static string? FindRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MnPen.sln"))) return d.FullName;
        return null;
    }
}
