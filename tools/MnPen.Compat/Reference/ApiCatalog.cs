namespace MnPen.Compat.Reference;

/// <summary>
/// The nanoFramework v1 API surface the gate checks against: types by canonical name, built either from the signature
/// listings (*.txt) or from real nanoFramework reference assemblies.
/// </summary>
public sealed class ApiCatalog
{
    private readonly Dictionary<string, ApiType> _types = new(StringComparer.Ordinal);

    /// <summary>Where the catalog came from (folder path), for messages.</summary>
    public string Source { get; }

    /// <summary>"listings" or "assemblies".</summary>
    public string SourceKind { get; }

    /// <summary>Package id to version, from the listing headers (empty for assembly folders).</summary>
    public Dictionary<string, string> PackageVersions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Assembly name to package id, from the listing headers.</summary>
    public Dictionary<string, string> AssemblyPackages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates an empty catalog.</summary>
    public ApiCatalog(string source, string sourceKind) { Source = source; SourceKind = sourceKind; }

    /// <summary>Number of types known.</summary>
    public int TypeCount => _types.Count;

    /// <summary>All types.</summary>
    public IEnumerable<ApiType> Types => _types.Values;

    /// <summary>Adds a type (the first definition of a name wins).</summary>
    public void Add(ApiType type) => _types.TryAdd(type.Name, type);

    /// <summary>Looks a type up by canonical name.</summary>
    public ApiType? Find(string canonicalName) => _types.TryGetValue(canonicalName, out var t) ? t : null;

    /// <summary>True if the method exists on the type, its bases or its interfaces (see <see cref="ApiType.Methods"/>).</summary>
    public bool HasMethod(ApiType type, string name, IReadOnlyList<string> parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<ApiType>();
        pending.Enqueue(type);
        while (pending.Count > 0)
        {
            var t = pending.Dequeue();
            if (!seen.Add(t.Name)) continue;
            if (MatchesOn(t, name, parameters)) return true;
            // ... and a property getter on .NET may be a field on nanoFramework.
            if (parameters.Count == 0 && name.StartsWith("get_", StringComparison.Ordinal) && t.Fields.Contains(name[4..])) return true;
            // Delegates: constructor and Invoke are supplied by the runtime for every delegate type.
            if (t.Kind == "delegate" && name is ".ctor" or "Invoke" or "BeginInvoke" or "EndInvoke") return true;
            foreach (var next in Bases(t))
                if (Find(next) is { } b) pending.Enqueue(b);
        }
        return false;
    }

    /// <summary>True if the field (or enum value) exists on the type or its bases.</summary>
    public bool HasField(ApiType type, string name)
    {
        for (var t = type; t != null; t = t.BaseType == null ? null : Find(t.BaseType))
        {
            if (t.Fields.Contains(name)) return true;
            // Same source, different shape: a field on .NET may be a property on nanoFramework (BitConverter.IsLittleEndian).
            if (t.Methods.Contains("get_" + name + "(*)") || t.Methods.Contains("get_" + name + "()")) return true;
            if (t.Kind == "enum" && name == "value__") return true;
        }
        return false;
    }

    private static bool MatchesOn(ApiType t, string name, IReadOnlyList<string> parameters)
    {
        if (t.Methods.Contains(name + "(*)")) return true;
        if (t.Methods.Contains(name + "(" + string.Join(",", parameters) + ")")) return true;
        // A call compiled against a fixed-arity overload binds to the params-array overload on nanoFramework
        // (e.g. string.Format(string, object) -> string.Format(string, params object[])).
        foreach (var pm in t.ParamsMethods)
        {
            if (pm[0] != name) continue;
            var fixedCount = pm.Length - 2;
            if (parameters.Count < fixedCount) continue;
            var ok = true;
            for (int i = 0; i < fixedCount && ok; i++) ok = pm[i + 1] == parameters[i];
            var element = pm[^1][..^2];
            for (int i = fixedCount; i < parameters.Count && ok; i++)
                ok = parameters[i] == element || element == "System.Object" || parameters[i] == pm[^1];
            if (ok) return true;
        }
        return false;
    }

    private IEnumerable<string> Bases(ApiType t)
    {
        if (t.BaseType != null) yield return t.BaseType;
        foreach (var i in t.Interfaces) yield return i;
        if (t.BaseType == null)
        {
            switch (t.Kind)
            {
                case "struct": yield return "System.ValueType"; break;
                case "enum": yield return "System.Enum"; break;
                case "delegate": yield return "System.MulticastDelegate"; break;
                case "interface": break;
                default: if (t.Name != "System.Object") yield return "System.Object"; break;
            }
        }
    }
}
