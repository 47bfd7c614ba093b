namespace MnPen.Bench.Spec;

/// <summary>Adds measurements judged by the bench spec (the limit comes from the spec, never from the suite's code).</summary>
public static class SpecCase
{
    /// <summary>Adds the measurement with the spec's limit for suite.name; throws when the spec has no numeric limit for it.</summary>
    public static BenchMeasurement AddJudged(this BenchCase c, string name, double value, string unit)
    {
        var limit = BenchSpec.Current.Find(c.Suite, name);
        if (limit == null || !limit.IsNumeric)
            throw new InvalidOperationException("bench spec " + BenchSpec.Current.Version + " has no limit " + BenchSpec.Key(c.Suite, name));
        return c.Add(name, value, unit, limit.Kind, limit.Value);
    }
}
