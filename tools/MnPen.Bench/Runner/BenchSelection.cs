using MnPen.Bench.Spec;

namespace MnPen.Bench.Runner;

/// <summary>
/// Turns `--suite name[,name…]|all|standard` into suites: `all` is every suite, `standard` is the release sign-off set
/// the bench spec names (so the set is reviewed with the limits).
/// </summary>
public static class BenchSelection
{
    /// <summary>Name of the release sign-off set.</summary>
    public const string Standard = "standard";

    /// <summary>Every name `--suite` accepts, for help and errors.</summary>
    public static IReadOnlyList<string> Names => BenchRegistry.Names.Append(BenchRegistry.All).Append(Standard).ToList();

    /// <summary>The suites the text selects, in registry order without repeats; null and an error when a name is unknown.</summary>
    public static IReadOnlyList<IBenchSuite>? Parse(string text, BenchSpec spec, out string? error)
    {
        error = null;
        var chosen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(raw, Standard, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var n in spec.StandardSuites) chosen.Add(n);
                continue;
            }
            var found = BenchRegistry.Select(raw);
            if (found.Count == 0)
            {
                error = "unknown suite '" + raw + "'. Use one or more of: " + string.Join(", ", Names) + " (comma-separated).";
                return null;
            }
            foreach (var s in found) chosen.Add(s.Name);
        }
        if (chosen.Count == 0)
        {
            error = "no suite named. Use one or more of: " + string.Join(", ", Names) + ".";
            return null;
        }
        return BenchRegistry.List.Where(s => chosen.Contains(s.Name)).ToList();
    }
}
