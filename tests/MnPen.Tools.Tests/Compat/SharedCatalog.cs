using MnPen.Compat.Reference;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Compat;

/// <summary>The listings, parsed once for all tests.</summary>
internal static class SharedCatalog
{
    private static readonly Lazy<ApiCatalog?> Catalog = new(() => TestPaths.Listings is { } d ? ListingReader.Load(d) : null);

    public static ApiCatalog Value => Catalog.Value ?? throw new InvalidOperationException("no listings");

    /// <summary>True (and says why) when ../shared/nanoframework-api is absent, so the calling test returns early.</summary>
    public static bool Missing(ITestOutputHelper output)
    {
        if (Catalog.Value != null) return false;
        output.WriteLine("SKIPPED: ../shared/nanoframework-api is not present beside the repository, so there is no nanoFramework reference to check against.");
        return true;
    }
}
