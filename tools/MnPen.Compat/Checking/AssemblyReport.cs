namespace MnPen.Compat.Checking;

/// <summary>Result of checking one portable assembly.</summary>
public sealed class AssemblyReport
{
    /// <summary>Creates a report.</summary>
    public AssemblyReport(string name, string path) { Name = name; Path = path; }

    /// <summary>Assembly name.</summary>
    public string Name { get; }
    /// <summary>Assembly file checked.</summary>
    public string Path { get; }
    /// <summary>True when source locations were read from the portable PDB.</summary>
    public bool HasSymbols { get; set; }
    /// <summary>Types defined in the assembly that were checked.</summary>
    public int TypesChecked { get; set; }
    /// <summary>Violations, one per (rule, subject, file).</summary>
    public List<CompatViolation> Violations { get; } = new();
    /// <summary>nanoFramework packages (id) the referenced types come from: what the device project must reference.</summary>
    public SortedSet<string> RequiredPackages { get; } = new(StringComparer.Ordinal);
    /// <summary>How each referenced host assembly was mapped: host assembly -> set of nanoFramework assemblies.</summary>
    public SortedDictionary<string, SortedSet<string>> ForwarderMap { get; } = new(StringComparer.Ordinal);
}
