using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MnPen.Bench.Spec;

/// <summary>
/// The reviewed bench spec (tools/MnPen.Bench/spec/bench-spec.json, embedded in this assembly): every limit a bench
/// case is judged by, keyed suite.measurement in snake_case, with its version. Suites take their limits from here.
/// </summary>
public sealed class BenchSpec
{
    /// <summary>Schema identifier the file must carry.</summary>
    public const string Schema = "mnpen.bench.spec/1";

    /// <summary>Name of the embedded resource holding the spec.</summary>
    public const string ResourceName = "bench-spec.json";

    private static readonly Lazy<BenchSpec> Embedded = new(() =>
    {
        using var s = typeof(BenchSpec).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("bench spec resource missing from MnPen.Bench");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Parse(r.ReadToEnd());
    });

    private readonly Dictionary<string, SpecLimit> _limits;

    private BenchSpec(string version, Dictionary<string, SpecLimit> limits, IReadOnlyList<string> standard)
    {
        Version = version;
        _limits = limits;
        StandardSuites = standard;
    }

    /// <summary>Suites of the release sign-off set (`--suite standard`).</summary>
    public IReadOnlyList<string> StandardSuites { get; }

    /// <summary>The spec built into this tool (the repository's spec file at build time).</summary>
    public static BenchSpec Current => Embedded.Value;

    /// <summary>Spec version (semantic version string).</summary>
    public string Version { get; }

    /// <summary>Every limit, by key.</summary>
    public IReadOnlyDictionary<string, SpecLimit> Limits => _limits;

    /// <summary>The limit for a suite's measurement, or null if the spec has none (measurement name in any case style).</summary>
    public SpecLimit? Find(string suite, string measurement) =>
        _limits.TryGetValue(Key(suite, measurement), out var l) ? l : null;

    /// <summary>The numeric limit for a suite's measurement; throws when the spec lacks it (a limit must be in the spec).</summary>
    public double Limit(string suite, string measurement)
    {
        var l = Find(suite, measurement);
        if (l == null || !l.IsNumeric)
            throw new InvalidOperationException("bench spec " + Version + " has no numeric limit " + Key(suite, measurement));
        return l.Value;
    }

    /// <summary>The spec key: suite.measurement_in_snake_case.</summary>
    public static string Key(string suite, string measurement) => suite + "." + SnakeCase(measurement);

    /// <summary>camelCase to snake_case (snake_case stays as it is).</summary>
    public static string SnakeCase(string name)
    {
        var b = new StringBuilder(name.Length + 8);
        foreach (char ch in name)
        {
            if (char.IsUpper(ch))
            {
                if (b.Length > 0) b.Append('_');
                b.Append(char.ToLowerInvariant(ch));
            }
            else b.Append(ch);
        }
        return b.ToString();
    }

    /// <summary>Reads a spec document; throws FormatException naming what is wrong.</summary>
    public static BenchSpec Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string schema = root.TryGetProperty("schema", out var sc) ? sc.GetString() ?? "" : "";
        if (schema != Schema) throw new FormatException("bench spec: schema must be '" + Schema + "', not '" + schema + "'");
        string version = root.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "";
        if (version.Length == 0) throw new FormatException("bench spec: 'version' is missing");
        if (!root.TryGetProperty("limits", out var limits) || limits.ValueKind != JsonValueKind.Object)
            throw new FormatException("bench spec: 'limits' object is missing");
        var map = new Dictionary<string, SpecLimit>(StringComparer.Ordinal);
        foreach (var p in limits.EnumerateObject())
        {
            var e = p.Value;
            string unit = e.TryGetProperty("unit", out var u) ? u.GetString() ?? "" : "";
            string source = e.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "";
            if (source.Length == 0) throw new FormatException("bench spec: limit " + p.Name + " has no 'source'");
            if (e.TryGetProperty("at_most", out var most)) map[p.Name] = new SpecLimit(p.Name, LimitKind.AtMost, most.GetDouble(), unit, source, null);
            else if (e.TryGetProperty("at_least", out var least)) map[p.Name] = new SpecLimit(p.Name, LimitKind.AtLeast, least.GetDouble(), unit, source, null);
            else if (e.TryGetProperty("limit_from", out var from)) map[p.Name] = new SpecLimit(p.Name, LimitKind.Info, double.NaN, unit, source, from.GetString());
            else throw new FormatException("bench spec: limit " + p.Name + " needs at_most, at_least or limit_from");
        }
        var standard = new List<string>();
        if (root.TryGetProperty("standard_suites", out var std))
            foreach (var n in std.EnumerateArray()) standard.Add(n.GetString() ?? "");
        if (standard.Count == 0) throw new FormatException("bench spec: 'standard_suites' (the sign-off set) is missing");
        return new BenchSpec(version, map, standard);
    }

    /// <summary>Limit as text, e.g. "<= 1 %".</summary>
    public static string Describe(LimitKind kind, double limit, string unit) =>
        (kind == LimitKind.AtMost ? "<= " : ">= ") + limit.ToString("0.####", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "");
}
