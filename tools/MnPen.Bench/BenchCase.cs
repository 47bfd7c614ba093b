namespace MnPen.Bench;

/// <summary>Result of one bench case: its measurements (with limits) and whether all held.</summary>
public sealed class BenchCase
{
    private readonly List<BenchMeasurement> _measurements = new();

    /// <summary>Creates an empty case of a suite.</summary>
    public BenchCase(string suite, string name)
    {
        Suite = suite;
        Name = name;
    }

    /// <summary>Suite the case belongs to.</summary>
    public string Suite { get; }

    /// <summary>Case name, unique within the suite (e.g. "tough/sagging/L6 up").</summary>
    public string Name { get; }

    /// <summary>Free-form parameters of the case (skin, battery, level...), for reports.</summary>
    public Dictionary<string, string> Parameters { get; } = new();

    /// <summary>Measurements in the order taken.</summary>
    public IReadOnlyList<BenchMeasurement> Measurements => _measurements;

    /// <summary>Name of the measurement reported as the case's error (JSON "error"), if any.</summary>
    public string? PrimaryMeasurement { get; set; }

    /// <summary>Set when the case could not run to the end (the reason); such a case fails.</summary>
    public string? Error { get; set; }

    /// <summary>What went wrong inside the case, one line each (e.g. every failed session of a working day, with its reason).</summary>
    public List<string> Findings { get; } = new();

    /// <summary>Wall time spent on this case, seconds (a share of its run when one simulation serves several cases).</summary>
    public double Seconds { get; set; }

    /// <summary>With several pens: population index of the case's worst pen (the first failing one, else the worst on the primary measurement).</summary>
    public int? WorstPen { get; set; }

    /// <summary>With several pens: how the worst pen's parts differ from the reference pen's (its largest deviations).</summary>
    public string? WorstPenParts { get; set; }

    /// <summary>Plots of the case for the HTML report (time series around a change or fault, distributions).</summary>
    public List<Reports.BenchPlot> Plots { get; } = new();

    /// <summary>True when it ran and every limited measurement holds.</summary>
    public bool Passed => Error == null && _measurements.All(m => m.Passed);

    /// <summary>Adds a measurement and returns it.</summary>
    public BenchMeasurement Add(string name, double value, string unit, LimitKind kind = LimitKind.Info, double limit = double.NaN)
    {
        var m = new BenchMeasurement(name, value, unit, kind, limit);
        _measurements.Add(m);
        return m;
    }

    /// <summary>The measurement of that name, or null.</summary>
    public BenchMeasurement? Find(string name) => _measurements.FirstOrDefault(m => m.Name == name);
}
