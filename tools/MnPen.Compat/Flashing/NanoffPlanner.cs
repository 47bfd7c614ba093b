namespace MnPen.Compat.Flashing;

/// <summary>
/// Turns a <see cref="FlashRequest"/> into nanoff invocations (nanoFramework's firmware flasher, a dotnet tool):
/// one to update the firmware of the ESP32-S3, one to deploy the app's deployment image.
/// </summary>
public static class NanoffPlanner
{
    /// <summary>Firmware target of the reference board (ESP32-S3, native USB).</summary>
    public const string DefaultTarget = "ESP32_S3";

    /// <summary>Name of the deployment image the nanoFramework build writes for the device app.</summary>
    public const string AppImageName = "MnPen.Firmware.Device.bin";

    /// <summary>How to install nanoff.</summary>
    public const string InstallCommand = "dotnet tool install -g nanoff";

    /// <summary>Builds the argument lists, or returns an error message saying what to fix.</summary>
    public static (List<string[]> Invocations, string? Error) Plan(FlashRequest request)
    {
        var list = new List<string[]>();
        if (string.IsNullOrWhiteSpace(request.Port))
            return (list, "no serial port given: pass --port (e.g. --port COM5 on Windows, --port /dev/ttyACM0 on Linux); `nanoff --listports` lists them");
        if (!request.Firmware && !request.Application)
            return (list, "nothing to do: --firmware-only and --app-only exclude each other");
        if (string.IsNullOrWhiteSpace(request.Target) || request.Target.Any(char.IsWhiteSpace))
            return (list, $"firmware target '{request.Target}' is not a nanoFramework target name (e.g. ESP32_S3)");

        string? image = null;
        if (request.Application)
        {
            var (found, error) = ResolveImage(request.Image);
            if (error != null) return (list, error);
            image = found;
        }

        if (request.Firmware)
        {
            var fw = new List<string> { "--target", request.Target, "--serialport", request.Port, "--update" };
            if (!string.IsNullOrWhiteSpace(request.FirmwareVersion)) fw.AddRange(new[] { "--fwversion", request.FirmwareVersion });
            if (request.MassErase) fw.Add("--masserase");
            list.Add(fw.ToArray());
        }
        if (image != null)
            list.Add(new[] { "--target", request.Target, "--serialport", request.Port, "--deploy", "--image", image });
        return (list, null);
    }

    /// <summary>Finds the deployment image: the given .bin, or MnPen.Firmware.Device.bin inside the given folder.</summary>
    public static (string? Path, string? Error) ResolveImage(string? imageOrFolder)
    {
        const string how = "build the device app first (firmware/MnPen.Firmware.Device, Release) with the nanoFramework extension; " +
                           "the build writes " + AppImageName + " beside the .pe files in bin/Release";
        if (string.IsNullOrWhiteSpace(imageOrFolder))
            return (null, "no application image given: pass --image path/to/" + AppImageName + " (or its bin/Release folder), or --firmware-only; " + how);
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
