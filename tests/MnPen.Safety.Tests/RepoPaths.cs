using System.Runtime.CompilerServices;

namespace MnPen.Safety.Tests;

/// <summary>Finds the repository from this source file (tests may run from any artifacts folder).</summary>
public static class RepoPaths
{
    public static string Root([CallerFilePath] string here = "")
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(here)!); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MnPen.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (MnPen.sln) not found above " + here);
    }
}
