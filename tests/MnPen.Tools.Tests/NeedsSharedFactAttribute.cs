namespace MnPen.Tools.Tests;

/// <summary>
/// A fact that needs ../shared/nanoframework-api beside the repository; without it the test is reported as skipped
/// (not as passed), with the reason.
/// </summary>
public sealed class NeedsSharedFactAttribute : FactAttribute
{
    /// <summary>Skips when the listings are absent.</summary>
    public NeedsSharedFactAttribute()
    {
        if (TestPaths.Listings == null) Skip = NeedsShared.Reason;
    }
}
