namespace MnPen.Tools.Tests;

/// <summary>A theory that needs ../shared/nanoframework-api; reported as skipped without it.</summary>
public sealed class NeedsSharedTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips when the listings are absent.</summary>
    public NeedsSharedTheoryAttribute()
    {
        if (TestPaths.Listings == null) Skip = NeedsShared.Reason;
    }
}
