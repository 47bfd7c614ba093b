namespace MnPen.Bench.Spec;

/// <summary>
/// Judges a run's cases by the spec: every limited measurement takes its limit from the spec (so the spec, not the
/// suite's code, decides pass and fail), and a limited measurement the spec does not know fails its case.
/// </summary>
public static class SpecJudge
{
    /// <summary>Applies the spec to every case of the report and stamps the spec version on it.</summary>
    public static void Apply(BenchReport report, BenchSpec spec)
    {
        report.SpecVersion = spec.Version;
        foreach (var c in report.Cases) Apply(c, spec);
    }

    /// <summary>Applies the spec to one case.</summary>
    public static void Apply(BenchCase c, BenchSpec spec)
    {
        foreach (var m in c.Measurements)
        {
            if (m.Kind == LimitKind.Info) continue;
            var limit = spec.Find(c.Suite, m.Name);
            if (limit == null)
            {
                c.Error ??= "no limit for " + BenchSpec.Key(c.Suite, m.Name) + " in bench spec " + spec.Version;
                continue;
            }
            m.SpecKey = limit.Key;
            if (limit.IsNumeric) m.Rejudge(limit.Kind, limit.Value);
        }
    }
}
