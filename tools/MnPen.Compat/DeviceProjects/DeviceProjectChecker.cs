using MnPen.Compat.Reference;

namespace MnPen.Compat.DeviceProjects;

/// <summary>
/// Consistency of the device projects: compile lists vs folders, references vs packages.config vs the nanoFramework
/// listing versions, project references, GUIDs and the host-build fallback import.
/// </summary>
public static class DeviceProjectChecker
{
    /// <summary>Checks every device project under the root. listingsDirectory may be null (version comparison skipped).</summary>
    public static List<string> Check(string root, string? listingsDirectory)
    {
        var problems = new List<string>();
        var versions = listingsDirectory == null ? null : ListingVersions(listingsDirectory);
        foreach (var expected in DeviceProjectLayout.All())
            if (!File.Exists(Path.Combine(root, expected)))
                problems.Add($"{expected}: missing (every portable project needs a <Name>.Nano.nfproj twin; device-only projects must exist)");

        var guids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in DeviceProjectLayout.Find(root))
        {
            var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
            var proj = NfprojFile.Load(path);
            problems.AddRange(CompileProblems(rel, proj));
            problems.AddRange(PackageProblems(rel, proj, versions));

            if (string.IsNullOrEmpty(proj.ProjectGuid)) problems.Add($"{rel}: no <ProjectGuid>");
            else if (guids.TryGetValue(proj.ProjectGuid, out var other)) problems.Add($"{rel}: ProjectGuid {proj.ProjectGuid} also used by {other}");
            else guids[proj.ProjectGuid] = rel;

            foreach (var pr in proj.ProjectReferences)
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, pr.Replace('\\', Path.DirectorySeparatorChar)));
                if (!File.Exists(target)) problems.Add($"{rel}: ProjectReference '{pr}' does not exist");
                else if (!target.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase)) problems.Add($"{rel}: ProjectReference '{pr}' is not a .nfproj (device projects can only reference device projects)");
            }

            problems.AddRange(TwinReferenceProblems(rel, path, proj));

            if (proj.OutputType == "Exe" || rel.Contains("Tests", StringComparison.Ordinal))
                foreach (var missing in TransitivePackages(path, new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Where(p => !ReferencedPackages(proj).Contains(p)))
                    problems.Add($"{rel}: references projects that use {missing}, so it must reference that package too (nanoFramework deploys only what the app/test project references)");

            if (!proj.Imports.Any(i => i.Project.EndsWith("DeviceProjects.targets", StringComparison.Ordinal) && (i.Condition ?? "").Contains("!Exists", StringComparison.Ordinal)))
                problems.Add($"{rel}: no conditional import of DeviceProjects.targets (host builds would fail instead of skipping it)");
            if (!proj.Imports.Any(i => i.Project.Contains("NFProjectSystem.CSharp.targets", StringComparison.Ordinal) && (i.Condition ?? "").Contains("Exists", StringComparison.Ordinal)))
                problems.Add($"{rel}: no conditional import of NFProjectSystem.CSharp.targets (it would not build with the nanoFramework project system)");
        }
        return problems;
    }

    /// <summary>Compile-list drift of one project: files in the folder not listed, and listed files not in the folder.</summary>
    public static IEnumerable<string> CompileProblems(string rel, NfprojFile proj)
    {
        var dir = Path.GetDirectoryName(proj.Path)!;
        var expected = NfprojFile.SourcesInFolder(dir);
        foreach (var f in expected.Except(proj.Compile, StringComparer.Ordinal))
            yield return $"{rel}: {f} is in the folder but not in the Compile list (run: mnpen compat --sync-device-projects)";
        foreach (var f in proj.Compile.Except(expected, StringComparer.Ordinal))
            yield return $"{rel}: Compile list has {f}, which is not in the folder (run: mnpen compat --sync-device-projects)";
        foreach (var dup in proj.Compile.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            yield return $"{rel}: {dup.Key} is listed {dup.Count()} times";
    }

    /// <summary>Reference/packages.config/listing-version agreement of one project.</summary>
    public static IEnumerable<string> PackageProblems(string rel, NfprojFile proj, IReadOnlyDictionary<string, (string Version, string Assembly)>? listingVersions)
    {
        var configPath = Path.Combine(Path.GetDirectoryName(proj.Path)!, "packages.config");
        if (!File.Exists(configPath)) { yield return $"{rel}: no packages.config beside it"; yield break; }
        var entries = PackagesConfig.Load(configPath);
        var byId = entries.GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var referencedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var e in entries.Where(e => e.TargetFramework != "netnano1.0"))
            yield return $"{rel}: packages.config entry {e.Id} has targetFramework '{e.TargetFramework}', expected 'netnano1.0'";

        foreach (var (include, hint) in proj.References)
        {
            if (hint == null) { yield return $"{rel}: Reference '{include}' has no HintPath"; continue; }
            var parsed = NfprojFile.ParseHintPath(hint);
            if (parsed == null) { yield return $"{rel}: Reference '{include}' HintPath '{hint}' is not ..\\..\\packages\\<id>.<version>\\lib\\<assembly>.dll"; continue; }
            var (id, version, assembly) = parsed.Value;
            referencedIds.Add(id);
            if (!string.Equals(include.Split(',')[0].Trim(), assembly, StringComparison.Ordinal))
                yield return $"{rel}: Reference '{include}' points at {assembly} ({hint})";
            if (!byId.TryGetValue(id, out var entry))
                yield return $"{rel}: Reference {assembly} comes from package {id} {version}, which packages.config does not list";
            else if (entry.Version != version)
                yield return $"{rel}: Reference {assembly} uses {id} {version} but packages.config has {entry.Version}";
            if (listingVersions != null && listingVersions.TryGetValue(id, out var listed))
            {
                if (listed.Version != version)
                    yield return $"{rel}: {id} {version} differs from the nanoFramework API listing version {listed.Version}";
                if (!hint.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) && !string.Equals(listed.Assembly, assembly, StringComparison.Ordinal))
                    yield return $"{rel}: package {id} ships assembly {listed.Assembly}, but the HintPath names {assembly}";
            }
        }
        foreach (var e in entries.Where(e => !referencedIds.Contains(e.Id)))
            yield return $"{rel}: packages.config lists {e.Id} {e.Version} but no Reference uses it";
        if (listingVersions != null)
            foreach (var e in entries.Where(e => listingVersions.TryGetValue(e.Id, out var l) && l.Version != e.Version))
                yield return $"{rel}: packages.config has {e.Id} {e.Version}, the nanoFramework API listing has {listingVersions[e.Id].Version}";
    }

    /// <summary>Package id to (version, assembly) from the listing headers.</summary>
    public static Dictionary<string, (string Version, string Assembly)> ListingVersions(string listingsDirectory)
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(listingsDirectory, "*.txt"))
        {
            var h = ListingReader.ReadHeader(file);
            if (h.TryGetValue("package", out var id)) map[id] = (h.GetValueOrDefault("version", ""), h.GetValueOrDefault("assembly", id));
        }
        return map;
    }

    /// <summary>A portable twin must reference the twins of exactly the portable projects its .csproj references.</summary>
    public static IEnumerable<string> TwinReferenceProblems(string rel, string nfprojPath, NfprojFile proj)
    {
        if (!nfprojPath.EndsWith(".Nano.nfproj", StringComparison.OrdinalIgnoreCase)) yield break;
        var dir = Path.GetDirectoryName(nfprojPath)!;
        var csproj = nfprojPath[..^".Nano.nfproj".Length] + ".csproj";
        if (!File.Exists(csproj)) yield break;
        var expected = System.Xml.Linq.XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .Where(i => i.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(i => Path.GetFullPath(Path.Combine(dir, i.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar)))[..^".csproj".Length] + ".Nano.nfproj")
            .ToHashSet(StringComparer.Ordinal);
        var actual = proj.ProjectReferences
            .Select(i => Path.GetFullPath(Path.Combine(dir, i.Replace('\\', Path.DirectorySeparatorChar))))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var m in expected.Except(actual))
            yield return $"{rel}: its .csproj references {Path.GetFileName(m).Replace(".Nano.nfproj", "", StringComparison.Ordinal)}, so it needs <ProjectReference Include=\"{Path.GetRelativePath(dir, m).Replace('/', '\\')}\" />";
        foreach (var x in actual.Except(expected))
            yield return $"{rel}: references {Path.GetFileName(x)}, which its .csproj does not reference";
    }

    /// <summary>Packages referenced by the projects a device project references, recursively (not its own).</summary>
    public static HashSet<string> TransitivePackages(string nfprojPath, HashSet<string> visited)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!visited.Add(Path.GetFullPath(nfprojPath))) return result;
        foreach (var pr in NfprojFile.Load(nfprojPath).ProjectReferences)
        {
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(nfprojPath)!, pr.Replace('\\', Path.DirectorySeparatorChar)));
            if (!File.Exists(target)) continue;
            result.UnionWith(ReferencedPackages(NfprojFile.Load(target)));
            result.UnionWith(TransitivePackages(target, visited));
        }
        return result;
    }

    /// <summary>Packages a device project references (ids from its HintPaths).</summary>
    public static HashSet<string> ReferencedPackages(NfprojFile proj) =>
        proj.References.Select(r => r.HintPath == null ? null : NfprojFile.ParseHintPath(r.HintPath)?.Id)
            .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
}
