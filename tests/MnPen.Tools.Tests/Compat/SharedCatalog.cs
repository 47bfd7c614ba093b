using MnPen.Compat.Reference;

namespace MnPen.Tools.Tests.Compat;

/// <summary>The listings, parsed once for all tests.</summary>
internal static class SharedCatalog
{
    private static readonly Lazy<ApiCatalog?> Catalog = new(() => TestPaths.Listings is { } d ? ListingReader.Load(d) : null);

    public static ApiCatalog Value => Catalog.Value ?? throw new InvalidOperationException("no listings");
}
