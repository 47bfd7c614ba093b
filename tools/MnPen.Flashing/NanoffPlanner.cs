namespace MnPen.Flashing;

/// <summary>
/// Turns a <see cref="FlashRequest"/> into nanoff invocations (nanoFramework's firmware flasher, a dotnet tool), in its
/// verb form (nanoframework/nanoFirmwareFlasher README, "Usage": `nanoff flash|deploy|details` with keywords, which may be
/// written with `--`): update the firmware, deploy the app's deployment image, then read the device details.
/// </summary>
public static class NanoffPlanner
{
    /// <summary>Name of the deployment image the nanoFramework build writes for the device app.</summary>
    public const string AppImageName = "MnPen.Firmware.Device.bin";

    /// <summary>Where the device build writes it, relative to the repository root.</summary>
    public const string AppImageFolder = "firmware/MnPen.Firmware.Device/bin/Release";

    /// <summary>How to install nanoff.</summary>
    public const string InstallCommand = "dotnet tool install -g nanoff";

    /// <summary>
    /// Builds the invocations, or returns an error message saying what to fix. With allowMissingImage (dry runs) a
    /// missing app image is named by its expected path instead of refused.
    /// </summary>
    public static (List<NanoffCall> Calls, string? Error) Plan(FlashRequest request, bool allowMissingImage = false)
    {
        var list = new List<NanoffCall>();
        if (string.IsNullOrWhiteSpace(request.Port))
            return (list, "no serial port given: pass --port (e.g. --port COM5 on Windows, --port /dev/ttyACM0 on Linux; `nanoff list ports` lists them), or --all for every connected pen");
        if (!request.Firmware && !request.Application)
            return (list, "nothing to do: --firmware-only and --app-only exclude each other");
        if (ImageTargets.Problem(request.ImageTarget) is { } badTarget)
            return (list, badTarget);
        if (request.FirmwareVersion != null && FirmwareVersionText.Problem(request.FirmwareVersion) is { } badVersion)
            return (list, badVersion);
        if (request.MassErase && !request.Firmware)
            return (list, "--mass-erase goes with a firmware update; it cannot be combined with --app-only");

        string? image = null;
        if (request.Application)
        {
            var (found, error) = ResolveImage(request.Image);
            if (error != null && !allowMissingImage) return (list, error);
            image = found ?? ExpectedImage(request.Image);
        }

        if (request.Firmware)
        {
            var fw = new List<string> { "flash", "--target", request.ImageTarget, "--serialport", request.Port };
            if (!string.IsNullOrWhiteSpace(request.FirmwareVersion)) fw.AddRange(new[] { "--fwversion", request.FirmwareVersion });
            if (request.MassErase) fw.Add("--masserase");
            list.Add(new NanoffCall(NanoffStep.Firmware, fw.ToArray()));
        }
        if (image != null)
            list.Add(new NanoffCall(NanoffStep.Application, new[] { "deploy", "--target", request.ImageTarget, "--serialport", request.Port, "--image", image }));
        list.Add(new NanoffCall(NanoffStep.Details, new[] { "details", "--serialport", request.Port }));
        return (list, null);
    }

    private static string ExpectedImage(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
            return given.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) ? given : System.IO.Path.Combine(given, AppImageName);
        return System.IO.Path.Combine(AppImageFolder, AppImageName);
    }

    /// <summary>Finds the deployment image: the given .bin, or MnPen.Firmware.Device.bin inside the given folder (default: the Release output).</summary>
    public static (string? Path, string? Error) ResolveImage(string? imageOrFolder)
    {
        const string how = "build the device app first (firmware/MnPen.Firmware.Device, Release) with the nanoFramework extension; " +
                           "the build writes " + AppImageName + " beside the .pe files in bin/Release";
        if (string.IsNullOrWhiteSpace(imageOrFolder))
        {
            if (Directory.Exists(AppImageFolder)) return ResolveImage(AppImageFolder);
            return (null, "no application image: pass --image path/to/" + AppImageName + " (or its bin/Release folder), or --firmware-only; " + how);
        }
        if (Directory.Exists(imageOrFolder))
        {
            var candidate = System.IO.Path.Combine(imageOrFolder, AppImageName);
            if (File.Exists(candidate)) return (System.IO.Path.GetFullPath(candidate), null);
            var bins = Directory.GetFiles(imageOrFolder, "*.bin");
            if (bins.Length == 1) return (System.IO.Path.GetFullPath(bins[0]), null);
            return (null, $"'{imageOrFolder}' holds no {AppImageName}: {how}");
        }
        if (!File.Exists(imageOrFolder)) return (null, $"image '{imageOrFolder}' not found: {how}");
        if (!imageOrFolder.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            return (null, $"'{imageOrFolder}' is not a deployment image (.bin): {how}");
        return (System.IO.Path.GetFullPath(imageOrFolder), null);
    }

    /// <summary>Finds the nanoff executable: the explicit path, then PATH, then ~/.dotnet/tools. Null when absent.</summary>
    public static string? FindNanoff(string? explicitPath, string? pathVariable, string? homeDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return File.Exists(explicitPath) ? System.IO.Path.GetFullPath(explicitPath) : null;
        var names = OperatingSystem.IsWindows() ? new[] { "nanoff.exe", "nanoff.cmd" } : new[] { "nanoff" };
        var dirs = (pathVariable ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!string.IsNullOrEmpty(homeDirectory)) dirs.Add(System.IO.Path.Combine(homeDirectory, ".dotnet", "tools"));
        foreach (var d in dirs)
            foreach (var n in names)
            {
                var p = System.IO.Path.Combine(d, n);
                if (File.Exists(p)) return p;
            }
        return null;
    }

    /// <summary>The message shown when nanoff is not installed.</summary>
    public static string MissingToolMessage(string? explicitPath) =>
        (string.IsNullOrWhiteSpace(explicitPath) ? "nanoff (the nanoFramework firmware flasher) was not found on PATH or in ~/.dotnet/tools." : $"nanoff not found at '{explicitPath}'.") +
        $" Install it with: {InstallCommand}   (then open a new shell, or add ~/.dotnet/tools to PATH), or pass --nanoff <path>.";

    /// <summary>One invocation as a shell-pasteable line.</summary>
    public static string Format(string tool, IEnumerable<string> args) =>
        string.Join(" ", new[] { tool }.Concat(args).Select(Quote));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:\\=".Contains(c)) ? a : "\"" + a.Replace("\"", "\\\"") + "\"";
}
