using System.Diagnostics;
using MnPen.Compat;

namespace MnPen.Cli.DevicePerf;

/// <summary>
/// Runs tools/MnPen.DeviceBench on nanoFramework's interpreter through nanoclr's `nfrun`, referencing the device tests'
/// project for its fake board, and returns what the benchmark printed.
/// </summary>
public static class DeviceBenchRunner
{
    /// <summary>The benchmark program's folder, relative to the repository root.</summary>
    public const string BenchFolder = "tools/MnPen.DeviceBench";

    /// <summary>The project that holds the fake board the benchmark runs on.</summary>
    public const string FakesProject = "tests/MnPen.DeviceTests/MnPen.DeviceTests.nfproj";

    /// <summary>Result of one run.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Errors, TimeSpan Wall);

    /// <summary>The repository root from the working folder, else from where this tool was built; null outside a checkout.</summary>
    public static string? FindRepository() =>
        RepositoryLocator.FindRepositoryRoot(Environment.CurrentDirectory) ?? RepositoryLocator.FindRepositoryRoot(AppContext.BaseDirectory);

    /// <summary>The interpreter folder: the given one, else ../shared/nanoclr beside the repository.</summary>
    public static string NanoclrFolder(string repositoryRoot, string? given) =>
        Path.GetFullPath(given ?? Path.Combine(repositoryRoot, "..", "shared", "nanoclr"));

    /// <summary>Path of nfrun in an interpreter folder, or null when it is not there.</summary>
    public static string? NfRun(string nanoclrFolder)
    {
        var p = Path.Combine(nanoclrFolder, "bin", "nfrun");
        return File.Exists(p) ? p : null;
    }

    /// <summary>Compiles and runs the benchmark (a few seconds of compiling, then about a minute at most of ticks).</summary>
    public static Outcome Run(string repositoryRoot, string nfrun, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(nfrun)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        psi.ArgumentList.Add(Path.Combine(repositoryRoot, BenchFolder));
        psi.ArgumentList.Add(Path.Combine(repositoryRoot, FakesProject));
        psi.ArgumentList.Add("--timeout");
        psi.ArgumentList.Add(((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + nfrun);
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return new Outcome(p.ExitCode, stdout, stderr.Result, watch.Elapsed);
    }
}
