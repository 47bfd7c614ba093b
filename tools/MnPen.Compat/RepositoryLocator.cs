namespace MnPen.Compat;

/// <summary>Finds the repository (the folder holding MnPen.sln) and the shared nanoFramework API listings beside it.</summary>
public static class RepositoryLocator
{
    /// <summary>Walks up from the start folder to the first one containing MnPen.sln; null if none.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var d = new DirectoryInfo(Path.GetFullPath(startDirectory)); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MnPen.sln"))) return d.FullName;
        return null;
    }

    /// <summary>../shared/nanoframework-api relative to the repository root, if it exists.</summary>
    public static string? FindSharedApiListings(string startDirectory)
    {
        var root = FindRepositoryRoot(startDirectory);
        if (root == null) return null;
        var dir = Path.GetFullPath(Path.Combine(root, "..", "shared", "nanoframework-api"));
        return Directory.Exists(dir) ? dir : null;
    }
}
