namespace MnPen.Bench.Suites;

/// <summary>
/// Per-pen figures of an interlocks case: each pen's worst run (injection i runs on pen i mod N), then the worst, median
/// and spread over the pens, attached to the case's measurements of the same name (so the JSON carries them beside the value).
/// </summary>
public static class InterlocksPopulation
{
    /// <summary>Attaches population figures to c's needle, reaction and sensing measurements from its outcomes.</summary>
    public static void Attach(BenchCase c, IReadOnlyList<InterlocksOutcome> outcomes)
    {
        var required = outcomes.Where(o => o.ReactionRequired).ToList();
        Set(c, "maxReaction", required, o => o.ReactionMs, LimitKind.AtMost);
        Set(c, "maxNeedleStill", required, o => o.NeedleStillMs, LimitKind.AtMost);
        Set(c, "maxLastEntry", required, o => o.LastEntryMs, LimitKind.AtMost);
        Set(c, "maxStrokesAfterOnset", required, o => o.StrokesAfterOnset, LimitKind.AtMost);
        Set(c, "peakNeedleGuideRunning", outcomes, o => o.PeakRunningCelsius, LimitKind.AtMost);
        Set(c, "lowestUnderVoltageTrip", outcomes, o => o.UnderVoltageTripVolts, LimitKind.AtLeast);
        // The pen to rerun is the first failed run's, else the worst pen of the primary figure.
        var failed = outcomes.FirstOrDefault(o => o.Failed);
        if (failed != null) c.WorstPen = PenOf(failed);
        var pens = outcomes.Select(PenOf).Distinct().Count();
        if (pens > 1) c.Parameters["pens"] = pens.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int PenOf(InterlocksOutcome o) => o.Case.Pen?.Index ?? 0;

    // A pen's figure is its worst run; runs where the quantity does not apply (NaN) are left out, and so are pens without one.
    private static void Set(BenchCase c, string name, IReadOnlyList<InterlocksOutcome> outcomes, Func<InterlocksOutcome, double> value, LimitKind kind)
    {
        var m = c.Find(name);
        if (m == null) return;
        var perPen = outcomes.Where(o => !double.IsNaN(value(o))).GroupBy(PenOf).OrderBy(g => g.Key)
            .Select(g => (Pen: g.Key, Value: kind == LimitKind.AtLeast ? g.Min(value) : g.Max(value))).ToList();
        if (perPen.Count == 0) return;
        m.Population = PopulationFigure.Of(perPen.Select(x => Math.Round(x.Value, 4)).ToList(), perPen.Select(x => x.Pen).ToList(), kind);
        if (name == c.PrimaryMeasurement) c.WorstPen ??= m.Population.WorstPen;
    }
}
