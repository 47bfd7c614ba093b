namespace MnPen.Bench.Spec;

/// <summary>One limit of the bench spec: the key (suite.measurement), how it is judged and where the figure comes from.</summary>
public sealed record SpecLimit(string Key, LimitKind Kind, double Value, string Unit, string Source, string? LimitFrom)
{
    /// <summary>True when the limit is a number in the spec; false when it is per case (LimitFrom says from where).</summary>
    public bool IsNumeric => LimitFrom == null;
}
