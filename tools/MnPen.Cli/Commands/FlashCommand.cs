using System.CommandLine;
using MnPen.Cli.Contract;
using MnPen.Client;
using MnPen.Flashing;
using MnPen.VirtualPen.Serve;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen flash`: updates pens' nanoFramework firmware and app over USB with nanoff, keeping calibration, settings and log.</summary>
internal static class FlashCommand
{
    public static Command Create()
    {
        var port = new Option<string?>("--port") { Description = "Serial port of the pen, e.g. /dev/ttyACM0 (Linux) or COM5 (Windows); `nanoff list ports` lists them.", HelpName = "port" };
        var all = new Option<bool>("--all") { Description = $"Flash every connected pen (ESP32-S3 native USB, {UsbPenPorts.VendorId}:{UsbPenPorts.ProductId}; Linux), one after another; one failure does not stop the others." };
        var imageTarget = new Option<string>("--image-target")
        {
            Description = $"nanoFramework firmware image (default {ImageTargets.Default}: octal PSRAM, native USB, 1-Wire, as the reference board's\n" +
                          $"ESP32-S3-WROOM-1-N8R8 needs; later firmware names it ESP32_S3_OCTAL).",
            DefaultValueFactory = _ => ImageTargets.Default,
            HelpName = "name",
        };
        // --target names a pen everywhere else in mnpen; here it is refused with what to write instead.
        var target = new Option<string?>("--target") { Hidden = true };
        var image = new Option<string?>("--image")
        {
            Description = $"The app's deployment image ({NanoffPlanner.AppImageName}) or its folder (default {NanoffPlanner.AppImageFolder}).",
            HelpName = "path",
        };
        var firmwareOnly = new Option<bool>("--firmware-only") { Description = "Only update the nanoFramework firmware (nanoBooter + nanoCLR); do not deploy the app." };
        var appOnly = new Option<bool>("--app-only") { Description = "Only deploy the app image; keep the firmware on the pen." };
        var version = new Option<string?>("--fw-version") { Description = "Firmware version to install, e.g. 1.12.4.216 (default: latest stable v1).", HelpName = "version" };
        var erase = new Option<bool>("--mass-erase") { Description = "Erase the whole flash first, I:\\ included (calibration, settings, event log, service key); backed up first, asks to confirm." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --mass-erase without asking (scripts, production batches)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print every step and the exact nanoff commands, touch nothing (works without a built image)." };
        var nanoff = new Option<string?>("--nanoff") { Description = "Path to the nanoff executable (default: from PATH or ~/.dotnet/tools).", HelpName = "path" };
        var pen = new Option<string?>("--pen")
        {
            Description = "Where the pen answers the pen protocol for backup and verification (default: the USB-UART bridge behind the same hub as --port,\n" +
                          "found in sysfs on Linux, e.g. serial:/dev/ttyUSB0); one pen only.",
            HelpName = "uri",
        };
        var backupDir = new Option<string>("--backup-dir") { Description = "Folder for backups.", HelpName = "folder", DefaultValueFactory = _ => "mnpen-backups" };
        var key = new Option<string?>("--key") { Description = "Service key, to restore calibration and service settings: " + ServiceKeyText.Forms + ". Without it a differing calibration is reported, not restored.", HelpName = "key" };
        var noBackup = new Option<bool>("--no-backup") { Description = "Flash without a backup: a blank board, or a pen backed up by other means." };
        var restoreFrom = new Option<string?>("--restore-from") { Description = "Restore this backup (written by an earlier flash) instead of taking a new one: recovery after a failed flash.", HelpName = "file" };
        var timeout = StatusCommand.TimeoutOption();

        var cmd = new Command("flash",
            "Flashes pens over USB with nanoFramework's nanoff (install: " + NanoffPlanner.InstallCommand + ") and keeps what they hold:\n" +
            "1) backs up calibration, settings and event log over the pen protocol to a file (and says where),\n" +
            "2) `nanoff flash` (firmware), 3) `nanoff deploy` (app), 4) `nanoff details`: every native assembly the app needs is present,\n" +
            "5) handshake: app and protocol versions, 6) restores the calibration and settings if they differ, restarts and checks again.\n" +
            "Guide: docs/flashing.md (blank board, calibrated pen, production batch, recovery).\n" +
            "Exit 0 = every pen done, 1 = a pen holds something other than its backup, 2 = bad arguments, 3 = nanoff missing or a pen failed.\n" +
            "Examples:  mnpen flash --port /dev/ttyACM0 --dry-run\n" +
            "           mnpen flash --port /dev/ttyACM0 --key @pen.key\n" +
            "           mnpen flash --port /dev/ttyACM0 --no-backup --mass-erase --yes     (blank board)\n" +
            "           mnpen flash --all --key @pen.key --yes");
        foreach (var o in new Option[] { port, all, imageTarget, target, image, firmwareOnly, appOnly, version, erase, yes, dryRun, nanoff, pen, backupDir, key, noBackup, restoreFrom, timeout })
            cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            int Bad(string message)
            {
                error.WriteLine("mnpen flash: " + message + ".");
                return ExitCodes.BadInput;
            }
            if (ModeOptions.Given(parse, target))
                return Bad("--target names a pen in other mnpen commands; here write --port " + TargetPort(parse.GetValue(target)) +
                           " for the pen's USB port, and --image-target NAME for the firmware image (default " + ImageTargets.Default + ")");
            string? onePort = parse.GetValue(port);
            bool everyPen = parse.GetValue(all);
            if (everyPen && onePort != null) return Bad("--port and --all exclude each other: name one port, or flash every connected pen");
            if (everyPen && ModeOptions.Given(parse, pen)) return Bad("--pen applies to one pen (--port); with --all each pen answers on its own port");
            if (ModeOptions.Given(parse, restoreFrom) && (everyPen || parse.GetValue(noBackup)))
                return Bad("--restore-from applies to one pen (--port) and replaces the backup, so it cannot go with --all or --no-backup");
            IReadOnlyList<UsbPen> pens = everyPen ? UsbPenPorts.Find()
                : onePort != null ? new[] { new UsbPen(onePort, OperatingSystem.IsLinux() ? UsbPenPorts.ProtocolPortFor(onePort) : null) } : Array.Empty<UsbPen>();
            var ports = pens.Select(p => p.NanoffPort).ToList();
            if (everyPen && ports.Count == 0 && !parse.GetValue(dryRun))
            {
                error.WriteLine($"mnpen flash: no pen found (no serial device with USB id {UsbPenPorts.VendorId}:{UsbPenPorts.ProductId} under /sys/class/tty); plug the pens in, or name one with --port.");
                return ExitCodes.Unavailable;
            }
            var requests = (ports.Count == 0 ? new string?[] { null } : ports.Select(p => (string?)p)).Select(p => new FlashRequest
            {
                Port = p ?? (everyPen ? "<each pen's port>" : null),
                ImageTarget = parse.GetValue(imageTarget) ?? ImageTargets.Default,
                Firmware = !parse.GetValue(appOnly),
                Application = !parse.GetValue(firmwareOnly),
                FirmwareVersion = parse.GetValue(version),
                MassErase = parse.GetValue(erase),
                Image = parse.GetValue(image),
            }).ToList();
            bool dry = parse.GetValue(dryRun);
            foreach (var r in requests)
                if (NanoffPlanner.Plan(r, allowMissingImage: dry).Error is { } problem) return Bad(problem);

            byte[]? secret = null;
            string? keyText = parse.GetValue(key) ?? Environment.GetEnvironmentVariable(ServiceKeyText.EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(keyText))
            {
                secret = ServiceKeyText.Parse(keyText, name => name == "dev" ? DevelopmentServiceKey.Bytes : null, out string? keyError);
                if (secret == null) return Bad(keyError ?? "bad --key");
            }
            PenBackup? earlier = null;
            string? earlierPath = parse.GetValue(restoreFrom);
            if (earlierPath != null && (earlier = PenBackup.Load(earlierPath, out string? loadError)) == null) return Bad("--restore-from " + loadError);
            string backupFolder = Path.GetFullPath(parse.GetValue(backupDir) ?? "mnpen-backups");
            // The pen protocol is on the USB-UART bridge behind the pen's hub, not on the port nanoff uses (docs/hardware.md).
            string? PenFor(string p)
            {
                if (parse.GetValue(pen) is { } given) return given;
                string? bridge = pens.FirstOrDefault(x => x.NanoffPort == p)?.ProtocolPort;
                return bridge == null ? null : "serial:" + bridge;
            }
            if (!dry && !everyPen && onePort != null && PenFor(onePort) == null)
                return Bad($"no pen-protocol port found behind the hub of {onePort}; name it with --pen serial:/dev/ttyUSB0 (the USB-UART bridge, docs/hardware.md; " +
                           "`nanoff list ports` and `ls /dev/serial/by-id` show both ports)");

            var explicitTool = parse.GetValue(nanoff);
            var tool = NanoffPlanner.FindNanoff(explicitTool, Environment.GetEnvironmentVariable("PATH"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            if (dry)
                return DryRun.Print(requests, tool ?? "nanoff", backupFolder, p => PenFor(p) ?? "the pen-protocol port (--pen)", parse.GetValue(noBackup), earlierPath, secret != null, output, error,
                    tool == null ? NanoffPlanner.MissingToolMessage(explicitTool) : null);
            if (tool == null)
            {
                error.WriteLine("mnpen flash: " + NanoffPlanner.MissingToolMessage(explicitTool));
                return ExitCodes.Unavailable;
            }
            if (parse.GetValue(erase) && !parse.GetValue(yes) && !Confirmed(ports, backupFolder, parse.GetValue(noBackup), error))
                return Bad("--mass-erase erases calibration, settings, event log and service key; confirm with --yes (a backup is taken first unless --no-backup)");

            var flasher = new PenFlasher
            {
                Nanoff = tool,
                BackupFolder = backupFolder,
                Log = error,
                ServiceKey = secret,
                ReplyTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                NoBackup = parse.GetValue(noBackup),
                RestoreFrom = earlier,
                RestoreFromPath = earlierPath == null ? null : Path.GetFullPath(earlierPath),
            };
            var results = requests.Select(r => PenFor(r.Port!) is { } penTarget ? flasher.Flash(r, penTarget)
                : new PenFlashResult { Port = r.Port!, Outcome = FlashOutcome.Failed, FailedStep = "backup",
                                       Message = "nothing was flashed: no pen-protocol port (USB-UART bridge) found behind this pen's hub; flash it alone with --port and --pen" }).ToList();
            foreach (var r in results)
                output.WriteLine($"{r.Port}: {(r.Outcome == FlashOutcome.Done ? "done" : "FAILED at " + r.FailedStep)}" +
                                 (r.Serial.Length > 0 ? $" (pen {r.Serial})" : "") + $": {r.Message}" + (r.BackupPath != null && r.Outcome == FlashOutcome.Done ? $" Backup: {r.BackupPath}" : ""));
            if (results.Count > 1) output.WriteLine($"mnpen flash: {results.Count(r => r.Outcome == FlashOutcome.Done)} of {results.Count} pens done.");
            if (results.Any(r => r.Outcome == FlashOutcome.Failed)) return ExitCodes.Unavailable;
            return results.Any(r => r.Outcome == FlashOutcome.Mismatch) ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static string TargetPort(string? target) =>
        target != null && target.StartsWith("serial:", StringComparison.Ordinal) ? target["serial:".Length..] : "/dev/ttyACM0";

    /// <summary>Asks on the terminal; without one, --yes is the only confirmation.</summary>
    private static bool Confirmed(IReadOnlyList<string> ports, string backupFolder, bool noBackup, TextWriter error)
    {
        if (Console.IsInputRedirected) return false;
        error.Write($"--mass-erase wipes everything on {string.Join(", ", ports)}, calibration and event log included" +
                    (noBackup ? " (no backup: --no-backup)" : $" (backed up first to {backupFolder})") + ". Type ERASE to go on: ");
        return Console.ReadLine()?.Trim() == "ERASE";
    }
}
