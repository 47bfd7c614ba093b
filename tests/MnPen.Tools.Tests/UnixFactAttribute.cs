namespace MnPen.Tools.Tests;

/// <summary>A fact that needs Linux or macOS (a shell-script stand-in, sysfs, SIGINT); reported as skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    /// <summary>Skips on Windows.</summary>
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "needs Linux or macOS (shell scripts, sysfs or SIGINT)";
    }
}
