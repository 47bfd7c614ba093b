namespace MnPen.Compat;

/// <summary>The portable projects: code that runs on the pen and must pass the gate.</summary>
public static class PortableAssemblies
{
    /// <summary>Assembly names, in dependency order.</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "MnPen.Hal", "MnPen.Drivers", "MnPen.Safety", "MnPen.Storage", "MnPen.Protocol", "MnPen.Firmware",
    };

    /// <summary>Project folders relative to the repository root, by assembly name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Folders = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MnPen.Hal"] = "hal/MnPen.Hal",
        ["MnPen.Drivers"] = "firmware/MnPen.Drivers",
        ["MnPen.Safety"] = "firmware/MnPen.Safety",
        ["MnPen.Storage"] = "firmware/MnPen.Storage",
        ["MnPen.Protocol"] = "firmware/MnPen.Protocol",
        ["MnPen.Firmware"] = "firmware/MnPen.Firmware",
    };

    /// <summary>The portable assembly files found in a folder (normally the running tool's own folder); missing ones are skipped.</summary>
    public static List<string> FindIn(string directory) =>
        Names.Select(n => Path.Combine(directory, n + ".dll")).Where(File.Exists).ToList();
}
