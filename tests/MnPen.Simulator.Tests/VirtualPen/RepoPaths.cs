using System.Runtime.CompilerServices;

namespace MnPen.Simulator.Tests.VirtualPenTests;

/// <summary>Locates repository files from this source file (builds may put binaries outside the tree).</summary>
internal static class RepoPaths
{
    public static string Root([CallerFilePath] string here = "")
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(here)!); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MnPen.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root (MnPen.sln) not found above " + here);
    }

    public static string ScenarioExamples => Path.Combine(Root(), "docs", "scenarios");
}
