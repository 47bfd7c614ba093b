namespace MnPen.Bench;

/// <summary>A measurement over the pens of a population: worst (by its limit), median, range and which pen was worst.</summary>
public sealed class PopulationFigure
{
    /// <summary>Pens measured.</summary>
    public int Pens { get; init; }

    /// <summary>Worst value: the largest for an at-most limit, the smallest for an at-least one, the largest for information; NaN if any pen could not be measured.</summary>
    public double Worst { get; init; }

    /// <summary>Median over the pens.</summary>
    public double Median { get; init; }

    /// <summary>Smallest value.</summary>
    public double Min { get; init; }

    /// <summary>Largest value.</summary>
    public double Max { get; init; }

    /// <summary>Spread over the pens, Max − Min.</summary>
    public double Spread => Max - Min;

    /// <summary>Population index of the worst pen.</summary>
    public int WorstPen { get; init; }

    /// <summary>The figure of values[k] measured on pen indices[k], judged as kind.</summary>
    public static PopulationFigure Of(IReadOnlyList<double> values, IReadOnlyList<int> indices, LimitKind kind)
    {
        if (values.Count == 0 || values.Count != indices.Count) throw new ArgumentException("one value per pen, at least one pen");
        int worst = 0;
        for (int k = 1; k < values.Count; k++)
        {
            double v = values[k], w = values[worst];
            if (double.IsNaN(w)) break;
            if (double.IsNaN(v) || (kind == LimitKind.AtLeast ? v < w : v > w)) worst = k;
        }
        var finite = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        double median = MedianOfSorted(finite);
        return new PopulationFigure
        {
            Pens = values.Count,
            Worst = values[worst],
            Median = median,
            Min = finite.Length == 0 ? double.NaN : finite[0],
            Max = finite.Length == 0 ? double.NaN : finite[^1],
            WorstPen = indices[worst],
        };
    }

    /// <summary>Median of values sorted ascending (NaN for none).</summary>
    public static double MedianOfSorted(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? double.NaN
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]);
}
