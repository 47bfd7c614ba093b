using System.Text;
using System.Text.RegularExpressions;

namespace MnPen.Compat.DeviceProjects;

/// <summary>
/// Rewrites the &lt;Compile Include&gt; lists of the .nfproj files so each compiles exactly the .cs files in its folder
/// (nanoFramework's project system needs explicit lists; the host projects glob). Only the Compile item group changes.
/// </summary>
public static class DeviceProjectSync
{
    private static readonly Regex CompileGroup = new(
        @"(?<indent>[ \t]*)<ItemGroup>\s*(?:<Compile\s+Include=""[^""]*""\s*/>\s*)+</ItemGroup>[ \t]*(?:\r?\n)?",
        RegexOptions.Compiled);

    private static readonly Regex AnyCompile = new(@"<Compile\s", RegexOptions.Compiled);

    /// <summary>Updates every .nfproj under the root; returns one line per changed project (empty when all matched).</summary>
    public static List<string> Sync(string root)
    {
        var changes = new List<string>();
        foreach (var path in DeviceProjectLayout.Find(root))
        {
            var change = SyncProject(path);
            if (change != null) changes.Add($"{Path.GetRelativePath(root, path)}: {change}");
        }
        return changes;
    }

    /// <summary>Updates one project file; returns a description of the change or null when it already matched.</summary>
    public static string? SyncProject(string nfprojPath)
    {
        var expected = NfprojFile.SourcesInFolder(Path.GetDirectoryName(nfprojPath)!);
        var current = NfprojFile.Load(nfprojPath).Compile;
        var added = expected.Except(current, StringComparer.Ordinal).ToList();
        var removed = current.Except(expected, StringComparer.Ordinal).ToList();
        if (added.Count == 0 && removed.Count == 0 && current.SequenceEqual(expected, StringComparer.Ordinal)) return null;

        var text = File.ReadAllText(nfprojPath);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var matches = CompileGroup.Matches(text);
        if (matches.Count == 0 && AnyCompile.IsMatch(text))
            throw new InvalidOperationException($"{nfprojPath}: Compile items are not in a plain <ItemGroup> of <Compile Include=\"...\" /> lines; fix the file by hand once.");

        string indent = matches.Count > 0 ? matches[0].Groups["indent"].Value : "  ";
        var block = new StringBuilder();
        if (expected.Count > 0)
        {
            block.Append(indent).Append("<ItemGroup>").Append(newline);
            foreach (var f in expected) block.Append(indent).Append("  <Compile Include=\"").Append(f).Append("\" />").Append(newline);
            block.Append(indent).Append("</ItemGroup>").Append(newline);
        }

        string updated;
        if (matches.Count > 0)
        {
            // Replace the first group, drop any others (from the end so indices stay valid).
            var sb = new StringBuilder(text);
            for (int i = matches.Count - 1; i >= 1; i--) sb.Remove(matches[i].Index, matches[i].Length);
            sb.Remove(matches[0].Index, matches[0].Length).Insert(matches[0].Index, block.ToString());
            updated = sb.ToString();
        }
        else
        {
            // No compile group yet: put it before the first other ItemGroup (or before </Project>).
            var at = text.IndexOf("  <ItemGroup>", StringComparison.Ordinal);
            if (at < 0) at = text.LastIndexOf("</Project>", StringComparison.Ordinal);
            updated = text.Insert(at, block.ToString());
        }
        File.WriteAllText(nfprojPath, updated);
        var parts = new List<string>();
        if (added.Count > 0) parts.Add("added " + string.Join(", ", added));
        if (removed.Count > 0) parts.Add("removed " + string.Join(", ", removed));
        if (parts.Count == 0) parts.Add("sorted");
        return string.Join("; ", parts);
    }
}
