using System.CommandLine;
using MnPen.Compat;
using MnPen.Compat.DeviceProjects;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen compat`: checks portable assemblies against nanoFramework v1, and keeps the device projects in step.</summary>
internal static class CompatCommand
{
    public static Command Create()
    {
        var reference = new Option<string?>("--reference")
        {
            Description = "Folder with the nanoFramework v1 reference: the API listings (*.txt, e.g. ../shared/nanoframework-api) or " +
                          "nanoFramework reference assemblies (a restored packages folder). Default: ../shared/nanoframework-api beside the repository.",
            HelpName = "dir",
        };
        var assembly = new Option<string[]>("--assembly")
        {
            Description = "Portable assembly to check (repeatable). Default: MnPen.Hal, Drivers, Safety, Storage, Protocol and Firmware next to mnpen. " +
                          "Example: --assembly artifacts/bin/MnPen.Firmware/debug/MnPen.Firmware.dll",
            HelpName = "path",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var skip = new Option<bool>("--skip-if-missing") { Description = "Exit 0 with a notice when no reference is available (instead of exit 3)." };
        var sync = new Option<bool>("--sync-device-projects")
        {
            Description = "Rewrite the <Compile Include> lists of every .nfproj in the repository to match the .cs files in its folder, then exit. " +
                          "Run before committing when files were added or removed.",
        };
        var checkProjects = new Option<bool>("--check-device-projects")
        {
            Description = "Report drift between the .nfproj files and their folders / packages.config / reference versions without changing anything (exit 1 on drift).",
        };

        var cmd = new Command("compat",
            "Checks the portable assemblies against nanoFramework v1 (Mono.Cecil): fails on any type or member v1 does not provide, on generics,\n" +
            "async/iterators, LINQ, stackalloc, unsafe code, dynamic, default/static-abstract interface members and DateTime.Now, naming the\n" +
            "source file and line (from the PDB). Exit 0 = pass, 1 = violations, 2 = bad input, 3 = no reference (unless --skip-if-missing).\n" +
            "Examples:  mnpen compat --reference ../shared/nanoframework-api\n" +
            "           mnpen compat --assembly MnPen.Firmware.dll --json\n" +
            "           mnpen compat --sync-device-projects");
        cmd.Options.Add(reference);
        cmd.Options.Add(assembly);
        cmd.Options.Add(json);
        cmd.Options.Add(skip);
        cmd.Options.Add(sync);
        cmd.Options.Add(checkProjects);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(sync) || parse.GetValue(checkProjects))
                return DeviceProjects(parse.GetValue(sync), parse.GetValue(json), output, error);

            var outcome = CompatRunner.Run(new CompatRunOptions
            {
                ReferenceDirectory = parse.GetValue(reference),
                Assemblies = parse.GetValue(assembly) ?? Array.Empty<string>(),
                Json = parse.GetValue(json),
                SkipIfMissing = parse.GetValue(skip),
            }, output, error);
            return outcome switch
            {
                CompatOutcome.Passed or CompatOutcome.Skipped => ExitCodes.Ok,
                CompatOutcome.Violations => ExitCodes.CheckFailed,
                CompatOutcome.BadInput => ExitCodes.BadInput,
                _ => ExitCodes.Unavailable,
            };
        });
        return cmd;
    }

    private static int DeviceProjects(bool write, bool json, TextWriter output, TextWriter error)
    {
        var root = RepositoryLocator.FindRepositoryRoot(Directory.GetCurrentDirectory());
        if (root == null)
        {
            error.WriteLine("mnpen compat: run this inside the repository (no MnPen.sln found above the current folder).");
            return ExitCodes.BadInput;
        }
        var listings = RepositoryLocator.FindSharedApiListings(root);
        if (write)
        {
            var changes = DeviceProjectSync.Sync(root);
            foreach (var c in changes) output.WriteLine(c);
            output.WriteLine(changes.Count == 0 ? "device projects: compile lists already match their folders." : $"device projects: updated ({changes.Count} change{(changes.Count == 1 ? "" : "s")}).");
        }
        var problems = DeviceProjectChecker.Check(root, listings);
        if (json)
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { passed = problems.Count == 0, problems }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        else
        {
            foreach (var p in problems) output.WriteLine("  " + p);
            if (listings == null) output.WriteLine("device projects: package versions not compared with the nanoFramework listings (../shared/nanoframework-api not found).");
            output.WriteLine(problems.Count == 0 ? "device projects: OK." : $"device projects: {problems.Count} problem(s). Fix with: mnpen compat --sync-device-projects (compile lists) or edit packages.config/.nfproj (packages).");
        }
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
