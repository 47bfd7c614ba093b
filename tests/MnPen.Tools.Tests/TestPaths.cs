using System.Runtime.CompilerServices;

namespace MnPen.Tools.Tests;

/// <summary>Repository locations for tests (found from this source file, so builds with any artifacts path work).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>../shared/nanoframework-api beside the repository, or null when this checkout has no shared folder.</summary>
    public static string? Listings
    {
        get
        {
            var d = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "nanoframework-api"));
            return Directory.Exists(d) ? d : null;
        }
    }

    private static string FindRoot([CallerFilePath] string here = "")
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(here)!); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MnPen.sln"))) return d.FullName;
        throw new InvalidOperationException("MnPen.sln not found above " + here);
    }
}
