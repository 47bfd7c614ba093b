using System.Xml.Linq;

namespace MnPen.Compat.DeviceProjects;

/// <summary>A NuGet packages.config (the package list of an old-style .nfproj).</summary>
public static class PackagesConfig
{
    /// <summary>One package entry.</summary>
    public sealed record Entry(string Id, string Version, string? TargetFramework, bool DevelopmentDependency);

    /// <summary>Reads the entries of a packages.config file.</summary>
    public static List<Entry> Load(string path) =>
        XDocument.Load(path).Descendants("package")
            .Select(p => new Entry((string?)p.Attribute("id") ?? "", (string?)p.Attribute("version") ?? "", (string?)p.Attribute("targetFramework"),
                string.Equals((string?)p.Attribute("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToList();
}
