namespace MnPen.Compat;

/// <summary>What `mnpen compat` should check and how to report it.</summary>
public sealed class CompatRunOptions
{
    /// <summary>Reference folder (listings or nanoFramework assemblies); null = ../shared/nanoframework-api beside the repository.</summary>
    public string? ReferenceDirectory { get; init; }
    /// <summary>Assemblies to check; empty = the portable assemblies next to <see cref="DefaultAssemblyDirectory"/>.</summary>
    public IReadOnlyList<string> Assemblies { get; init; } = Array.Empty<string>();
    /// <summary>Where the default assemblies are looked for (the running tool's folder).</summary>
    public string DefaultAssemblyDirectory { get; init; } = AppContext.BaseDirectory;
    /// <summary>Folder the repository is searched upwards from.</summary>
    public string StartDirectory { get; init; } = Directory.GetCurrentDirectory();
    /// <summary>Exit 0 with a notice when no reference is available.</summary>
    public bool SkipIfMissing { get; init; }
    /// <summary>Machine-readable output.</summary>
    public bool Json { get; init; }
}
