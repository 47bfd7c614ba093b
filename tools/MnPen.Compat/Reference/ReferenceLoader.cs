namespace MnPen.Compat.Reference;

/// <summary>Loads a nanoFramework reference folder of either kind: signature listings (*.txt) or reference assemblies (*.dll).</summary>
public static class ReferenceLoader
{
    /// <summary>Loads the folder, or returns null with a reason when it is neither kind.</summary>
    public static ApiCatalog? TryLoad(string directory, out string problem)
    {
        problem = "";
        if (!Directory.Exists(directory)) { problem = $"reference folder '{directory}' does not exist"; return null; }
        if (ListingReader.IsListingFolder(directory)) return ListingReader.Load(directory);
        if (ReferenceAssemblyReader.IsAssemblyFolder(directory)) return ReferenceAssemblyReader.Load(directory);
        problem = $"reference folder '{directory}' holds neither nanoFramework API listings (*.txt starting '# package:') nor nanoFramework assemblies (mscorlib.dll)";
        return null;
    }
}
