using System.Reflection;

namespace MnPen.Bench;

/// <summary>
/// All bench suites of this assembly, found by reflection (a new suite is a new IBenchSuite class with a public
/// parameterless constructor; nothing else to register).
/// </summary>
public static class BenchRegistry
{
    /// <summary>Name that selects every suite.</summary>
    public const string All = "all";

    private static readonly Lazy<IReadOnlyList<IBenchSuite>> Suites = new(Discover);

    /// <summary>Every suite, in a stable order (rate, depth, then the rest by name).</summary>
    public static IReadOnlyList<IBenchSuite> List => Suites.Value;

    /// <summary>Suite names, for help text and errors.</summary>
    public static IReadOnlyList<string> Names => List.Select(s => s.Name).ToList();

    /// <summary>The suites a name selects ("all" = every suite); empty if the name is unknown.</summary>
    public static IReadOnlyList<IBenchSuite> Select(string name)
    {
        if (string.Equals(name, All, StringComparison.OrdinalIgnoreCase)) return List;
        return List.Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static IReadOnlyList<IBenchSuite> Discover()
    {
        var found = typeof(BenchRegistry).Assembly.GetTypes()
            .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) != null)
            .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
            .ToList();
        int Rank(IBenchSuite s) => s.Name switch { "rate" => 0, "depth" => 1, "interlocks" => 2, _ => 3 };
        return found.OrderBy(Rank).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
