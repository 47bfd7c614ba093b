using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MnPen.Compat.DeviceProjects;

/// <summary>The parts of a nanoFramework project file (.nfproj, old-style MSBuild) the consistency checks need.</summary>
public sealed class NfprojFile
{
    private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";
    private static readonly Regex HintPathPattern = new(@"^\.\.\\\.\.\\packages\\(?<id>[A-Za-z][A-Za-z0-9_.-]*?)\.(?<ver>\d+\.\d+\.\d+(?:[-.][A-Za-z0-9.-]+)?)\\lib\\(?<asm>[^\\]+)\.(?<ext>dll|exe)$", RegexOptions.Compiled);

    /// <summary>Full path of the project file.</summary>
    public string Path { get; }
    /// <summary>Compile items, as written (backslash-separated, relative to the project folder).</summary>
    public List<string> Compile { get; } = new();
    /// <summary>Assembly references with their HintPath.</summary>
    public List<(string Include, string? HintPath)> References { get; } = new();
    /// <summary>ProjectReference includes, as written.</summary>
    public List<string> ProjectReferences { get; } = new();
    /// <summary>Imports, as written.</summary>
    public List<(string Project, string? Condition)> Imports { get; } = new();
    /// <summary>ProjectGuid, or null.</summary>
    public string? ProjectGuid { get; }
    /// <summary>OutputType (Exe or Library), or null.</summary>
    public string? OutputType { get; }

    private NfprojFile(string path, XDocument doc)
    {
        Path = path;
        XNamespace ns = doc.Root?.Name.Namespace ?? Ms;
        foreach (var c in doc.Descendants(ns + "Compile")) Compile.Add((string?)c.Attribute("Include") ?? "");
        foreach (var r in doc.Descendants(ns + "Reference"))
            References.Add(((string?)r.Attribute("Include") ?? "", r.Element(ns + "HintPath")?.Value.Trim()));
        foreach (var p in doc.Descendants(ns + "ProjectReference")) ProjectReferences.Add((string?)p.Attribute("Include") ?? "");
        foreach (var i in doc.Descendants(ns + "Import")) Imports.Add(((string?)i.Attribute("Project") ?? "", (string?)i.Attribute("Condition")));
        ProjectGuid = doc.Descendants(ns + "ProjectGuid").FirstOrDefault()?.Value.Trim();
        OutputType = doc.Descendants(ns + "OutputType").FirstOrDefault()?.Value.Trim();
    }

    /// <summary>Reads a project file.</summary>
    public static NfprojFile Load(string path) => new(path, XDocument.Load(path));

    /// <summary>Splits a HintPath of the form ..\..\packages\&lt;id&gt;.&lt;ver&gt;\lib\&lt;asm&gt;.dll; null when it has another shape.</summary>
    public static (string Id, string Version, string Assembly)? ParseHintPath(string hintPath)
    {
        var m = HintPathPattern.Match(hintPath);
        return m.Success ? (m.Groups["id"].Value, m.Groups["ver"].Value, m.Groups["asm"].Value) : null;
    }

    /// <summary>The .cs files a device project must compile: every .cs under its folder except bin/ and obj/, backslash-separated, sorted.</summary>
    public static List<string> SourcesInFolder(string projectDirectory)
    {
        var dir = System.IO.Path.GetFullPath(projectDirectory);
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(dir, f))
            .Where(r => !r.Split(System.IO.Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"))
            .Select(r => r.Replace(System.IO.Path.DirectorySeparatorChar, '\\'))
            .OrderBy(r => r, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
