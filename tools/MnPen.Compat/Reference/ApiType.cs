namespace MnPen.Compat.Reference;

/// <summary>One type that nanoFramework v1 provides, with the members it exposes (canonical keys, see <see cref="ApiCatalog"/>).</summary>
public sealed class ApiType
{
    /// <summary>Creates an empty entry.</summary>
    public ApiType(string name, string kind, string assembly, string package, string version)
    {
        Name = name; Kind = kind; Assembly = assembly; Package = package; Version = version;
    }

    /// <summary>Canonical full name (see <see cref="TypeNames"/>).</summary>
    public string Name { get; }
    /// <summary>class, struct, interface, enum or delegate.</summary>
    public string Kind { get; }
    /// <summary>nanoFramework assembly that defines it (e.g. mscorlib, System.Math).</summary>
    public string Assembly { get; }
    /// <summary>NuGet package that ships that assembly (empty when read from a bare assembly folder).</summary>
    public string Package { get; }
    /// <summary>Package version the reference describes.</summary>
    public string Version { get; }
    /// <summary>Canonical base type name, or null.</summary>
    public string? BaseType { get; set; }
    /// <summary>Canonical names of implemented interfaces.</summary>
    public List<string> Interfaces { get; } = new();
    /// <summary>Method keys "name(p1,p2)" or "name(*)" (any parameters).</summary>
    public HashSet<string> Methods { get; } = new(StringComparer.Ordinal);
    /// <summary>Method keys whose last parameter is a params array, as "name(p1,...,ElemType[]".</summary>
    public List<string[]> ParamsMethods { get; } = new();
    /// <summary>Field (and enum value) names.</summary>
    public HashSet<string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Method names regardless of parameters (for "did you mean" hints).</summary>
    public IEnumerable<string> MethodOverloads(string name) =>
        Methods.Where(m => m.StartsWith(name + "(", StringComparison.Ordinal));
}
