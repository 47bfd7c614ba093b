using System.CommandLine;
using System.Diagnostics;
using MnPen.Compat.Flashing;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen flash`: updates a pen's nanoFramework firmware and deploys the pen app over USB, by driving nanoff.</summary>
internal static class FlashCommand
{
    public static Command Create()
    {
        var port = new Option<string?>("--port") { Description = "Serial port of the pen, e.g. COM5 (Windows) or /dev/ttyACM0 (Linux). `nanoff --listports` lists them.", HelpName = "port" };
        var target = new Option<string>("--target")
        {
            Description = $"nanoFramework firmware target (default {NanoffPlanner.DefaultTarget}: the reference board's ESP32-S3 with native USB).",
            DefaultValueFactory = _ => NanoffPlanner.DefaultTarget,
            HelpName = "name",
        };
        var image = new Option<string?>("--image")
        {
            Description = $"Deployment image of the built pen app ({NanoffPlanner.AppImageName}) or the folder holding it, e.g. firmware/MnPen.Firmware.Device/bin/Release.",
            HelpName = "path",
        };
        var firmwareOnly = new Option<bool>("--firmware-only") { Description = "Only update the nanoFramework firmware (nanoBooter + nanoCLR); do not deploy the app." };
        var appOnly = new Option<bool>("--app-only") { Description = "Only deploy the app image; keep the firmware on the pen." };
        var version = new Option<string?>("--fw-version") { Description = "Firmware version to install (default: latest stable v1, which must match the package versions in the .nfproj files).", HelpName = "version" };
        var erase = new Option<bool>("--mass-erase") { Description = "Erase the whole flash first. Also erases I:\\ (calibration, settings, event log): the pen needs recalibration afterwards." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the exact nanoff command lines and exit without touching the pen." };
        var nanoff = new Option<string?>("--nanoff") { Description = "Path to the nanoff executable (default: from PATH or ~/.dotnet/tools).", HelpName = "path" };

        var cmd = new Command("flash",
            "Flashes a pen over USB with nanoFramework's nanoff tool (install: " + NanoffPlanner.InstallCommand + "):\n" +
            "1) updates the ESP32-S3 firmware, 2) deploys the pen app's deployment image.\n" +
            "Examples:  mnpen flash --port /dev/ttyACM0 --image firmware/MnPen.Firmware.Device/bin/Release --dry-run\n" +
            "           mnpen flash --port COM5 --firmware-only\n" +
            "           mnpen flash --port COM5 --app-only --image MnPen.Firmware.Device.bin\n" +
            "Exit 0 = done, 2 = bad arguments, 3 = nanoff missing or the pen could not be flashed.");
        foreach (var o in new Option[] { port, target, image, firmwareOnly, appOnly, version, erase, dryRun, nanoff }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var request = new FlashRequest
            {
                Port = parse.GetValue(port),
                Target = parse.GetValue(target) ?? NanoffPlanner.DefaultTarget,
                Firmware = !parse.GetValue(appOnly),
                Application = !parse.GetValue(firmwareOnly),
                FirmwareVersion = parse.GetValue(version),
                MassErase = parse.GetValue(erase),
                Image = parse.GetValue(image),
            };
            var (invocations, problem) = NanoffPlanner.Plan(request);
            if (problem != null)
            {
                error.WriteLine("mnpen flash: " + problem + ".");
                return ExitCodes.BadInput;
            }

            var explicitTool = parse.GetValue(nanoff);
            var tool = NanoffPlanner.FindNanoff(explicitTool, Environment.GetEnvironmentVariable("PATH"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            if (parse.GetValue(dryRun))
            {
                foreach (var args in invocations) output.WriteLine(NanoffPlanner.Format(tool ?? "nanoff", args));
                if (tool == null) error.WriteLine("note: " + NanoffPlanner.MissingToolMessage(explicitTool));
                return ExitCodes.Ok;
            }
            if (tool == null)
            {
                error.WriteLine("mnpen flash: " + NanoffPlanner.MissingToolMessage(explicitTool));
                return ExitCodes.Unavailable;
            }
            foreach (var args in invocations)
            {
                error.WriteLine("> " + NanoffPlanner.Format(tool, args));
                var code = RunTool(tool, args, output, error);
                if (code != 0)
                {
                    error.WriteLine($"mnpen flash: nanoff exited with {code}. Check the cable and port; for firmware updates hold BOOT while plugging in the pen, then retry.");
                    return ExitCodes.Unavailable;
                }
            }
            output.WriteLine("mnpen flash: done.");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static int RunTool(string tool, string[] args, TextWriter output, TextWriter error)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + tool);
        process.OutputDataReceived += (_, e) => { if (e.Data != null) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
