namespace MnPen.Bench.Reports;

/// <summary>How a plot is drawn.</summary>
public enum PlotKind
{
    /// <summary>Lines (and bands) against a shared x axis.</summary>
    Line = 0,
    /// <summary>A histogram of Values.</summary>
    Histogram = 1,
}

/// <summary>One line of a plot; with Upper set it is a band between Y (lower) and Upper.</summary>
public sealed record PlotSeries(string Name, double[] X, double[] Y, double[]? Upper = null, string? Axis = null);

/// <summary>A vertical (x) or horizontal (y) marker: an event such as a level change or fault onset, or a limit.</summary>
public sealed record PlotMarker(double At, string Label);

/// <summary>Data of one plot of a case for the HTML report (the renderer decides how it looks).</summary>
public sealed class BenchPlot
{
    /// <summary>Heading above the plot.</summary>
    public required string Title { get; init; }

    /// <summary>Line plot or histogram.</summary>
    public PlotKind Kind { get; init; }

    /// <summary>x axis label with unit.</summary>
    public required string XLabel { get; init; }

    /// <summary>Left y axis label with unit.</summary>
    public required string YLabel { get; init; }

    /// <summary>Right y axis label (series with Axis "right"), or null for none.</summary>
    public string? Y2Label { get; init; }

    /// <summary>Lines and bands.</summary>
    public List<PlotSeries> Series { get; } = new();

    /// <summary>Vertical markers at x values.</summary>
    public List<PlotMarker> XMarkers { get; } = new();

    /// <summary>Horizontal markers at left-axis y values (limits).</summary>
    public List<PlotMarker> YMarkers { get; } = new();

    /// <summary>Histogram samples.</summary>
    public double[] Values { get; init; } = Array.Empty<double>();
}
