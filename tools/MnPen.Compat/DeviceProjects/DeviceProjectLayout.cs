namespace MnPen.Compat.DeviceProjects;

/// <summary>Where the device projects live, relative to the repository root.</summary>
public static class DeviceProjectLayout
{
    /// <summary>Device-only projects (no host twin): ESP32 HAL, device app, on-device tests.</summary>
    public static readonly IReadOnlyList<string> DeviceOnly = new[]
    {
        "hal/MnPen.Hal.Esp32/MnPen.Hal.Esp32.nfproj",
        "firmware/MnPen.Firmware.Device/MnPen.Firmware.Device.nfproj",
        "tests/MnPen.DeviceTests/MnPen.DeviceTests.nfproj",
    };

    /// <summary>The nanoFramework twin of each portable project: &lt;folder&gt;/&lt;Name&gt;.Nano.nfproj.</summary>
    public static IEnumerable<string> PortableTwins() =>
        MnPen.Compat.PortableAssemblies.Names.Select(n => MnPen.Compat.PortableAssemblies.Folders[n] + "/" + n + ".Nano.nfproj");

    /// <summary>Every device project the repository should have.</summary>
    public static IEnumerable<string> All() => PortableTwins().Concat(DeviceOnly);

    /// <summary>Every .nfproj actually present under the root (artifacts, bin, obj and packages excluded).</summary>
    public static List<string> Find(string root) =>
        Directory.EnumerateFiles(root, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar).Any(s => s is "artifacts" or "bin" or "obj" or "packages" or ".git"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
}
