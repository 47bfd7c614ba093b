namespace MnPen.Tools.Tests;

/// <summary>Why tests that check against the nanoFramework listings are skipped on a checkout without ../shared.</summary>
internal static class NeedsShared
{
    public const string Reason = "../shared/nanoframework-api is not beside the repository: no nanoFramework reference to check against";
}
