namespace MnPen.Tools.Tests;

/// <summary>A theory that needs Linux or macOS; reported as skipped on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips on Windows.</summary>
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "needs Linux or macOS (shell scripts, sysfs or SIGINT)";
    }
}
