namespace MnPen.Bench;

/// <summary>How a measurement is judged against its limit.</summary>
public enum LimitKind
{
    /// <summary>Information only: never fails the case (e.g. the open-loop comparison).</summary>
    Info = 0,
    /// <summary>Passes when the value is at most the limit.</summary>
    AtMost = 1,
    /// <summary>Passes when the value is at least the limit.</summary>
    AtLeast = 2,
}

/// <summary>One measured quantity of a bench case, with its limit and unit.</summary>
public sealed class BenchMeasurement
{
    /// <summary>Creates a measurement; Passed is computed from the limit kind.</summary>
    public BenchMeasurement(string name, double value, string unit, LimitKind kind = LimitKind.Info, double limit = double.NaN)
    {
        Name = name;
        Value = value;
        Unit = unit;
        Kind = kind;
        Limit = limit;
    }

    /// <summary>Identifier, camelCase (JSON key).</summary>
    public string Name { get; }

    /// <summary>Measured value (NaN when it could not be measured: counts as a failure unless Info).</summary>
    public double Value { get; }

    /// <summary>Unit, e.g. "%", "ms", "mm".</summary>
    public string Unit { get; }

    /// <summary>How Value is judged.</summary>
    public LimitKind Kind { get; private set; }

    /// <summary>Limit (NaN for Info).</summary>
    public double Limit { get; private set; }

    /// <summary>Key of the bench-spec limit this measurement is judged by (suite.measurement), once judged by the spec.</summary>
    public string? SpecKey { get; internal set; }

    /// <summary>With several pens (--pens): the figure over the population; Value is then its worst (limited) or median (information).</summary>
    public PopulationFigure? Population { get; set; }

    /// <summary>Judges the value by another limit (the spec's).</summary>
    internal void Rejudge(LimitKind kind, double limit)
    {
        Kind = kind;
        Limit = limit;
    }

    /// <summary>True if within the limit (always true for Info).</summary>
    public bool Passed => Kind switch
    {
        LimitKind.AtMost => !double.IsNaN(Value) && Value <= Limit,
        LimitKind.AtLeast => !double.IsNaN(Value) && Value >= Limit,
        _ => true,
    };
}
