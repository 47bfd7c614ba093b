namespace MnPen.Bench.Suites;

/// <summary>
/// One hold at a stroke-rate level after a change (or after the start), measured stroke by stroke from the true cam
/// revolutions (<see cref="StrokeRecorder.Truth"/>):
/// steady-state error over the second half of the hold; settling time into a ±2 % band and overshoot past the target,
/// both on the rate over the last <see cref="SettleWindowStrokes"/> strokes; ripple per stroke.
/// </summary>
public sealed class RateSegment
{
    /// <summary>Settling band, fraction of the target.</summary>
    public const double SettleBand = 0.02;

    /// <summary>
    /// Strokes a settling and overshoot reading averages over, as a bench tachometer does: the rate over the last this
    /// many strokes, read at the last one's end. The loop reads the counter once per 10 ms tick, so it cannot answer a
    /// single stroke (6.7-20 ms): stroke-to-stroke scatter from the skin's puncture spread (0.7 % s.d. at a fixed duty in
    /// tough skin with one draw for all needles of a stroke, docs/control.md) is ripple, reported per stroke, not a loop
    /// still settling. Trailing, so the reading lags the needle by two strokes and never flatters a transient.
    /// </summary>
    public const int SettleWindowStrokes = 5;

    /// <summary>Level index (0-based).</summary>
    public int Level { get; init; }

    /// <summary>Target of the level, strokes/s.</summary>
    public double Target { get; init; }

    /// <summary>Rate before the change (0 for the start).</summary>
    public double From { get; init; }

    /// <summary>When the change was commanded (or the motor started), µs.</summary>
    public ulong StartMicros { get; init; }

    /// <summary>End of the hold, µs.</summary>
    public ulong EndMicros { get; init; }

    /// <summary>Mean |steady-state error| over the second half of the hold, % of target.</summary>
    public double SteadyStateErrorPct { get; private set; } = double.NaN;

    /// <summary>Largest single-stroke deviation over the second half, % of target (ripple).</summary>
    public double RipplePct { get; private set; } = double.NaN;

    /// <summary>Time from the change until every later windowed reading is inside the band, ms (NaN: never settled in the hold).</summary>
    public double SettlingMs { get; private set; } = double.NaN;

    /// <summary>Largest windowed excursion past the target in the direction of the change, % of target.</summary>
    public double OvershootPct { get; private set; } = double.NaN;

    /// <summary>Mean motor duty over the second half.</summary>
    public double MeanDuty { get; set; } = double.NaN;

    /// <summary>Lowest battery terminal voltage during the hold, V.</summary>
    public double MinBatteryVolts { get; set; } = double.NaN;

    /// <summary>The same hold measured from the hall counter the firmware reads ("sensor" figures, never judged), or null.</summary>
    public RateSegment? Sensor { get; set; }

    /// <summary>Why the hold ended early (open-loop comparison runs only), or null.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The in-hold strokes as the windowed tachometer reads them: each the rate over it and the strokes before it (up to
    /// <see cref="SettleWindowStrokes"/>, those before the change included), strokes over time.
    /// </summary>
    public static List<(ulong Micros, double Rate)> Smoothed(IReadOnlyList<(ulong Micros, double Rate)> strokes, ulong startMicros, ulong endMicros)
    {
        var result = new List<(ulong, double)>();
        for (int i = 0; i < strokes.Count; i++)
        {
            if (strokes[i].Micros <= startMicros || strokes[i].Micros > endMicros) continue;
            double seconds = 0.0;
            int n = 0;
            for (int j = i; j >= 0 && n < SettleWindowStrokes; j--, n++) seconds += 1.0 / strokes[j].Rate;
            result.Add((strokes[i].Micros, n / seconds));
        }
        return result;
    }

    /// <summary>Strokes from 100 ms before the change to the hold's end, for the report's plot.</summary>
    public (ulong Micros, double Rate)[] Window { get; private set; } = Array.Empty<(ulong, double)>();

    /// <summary>The same stretch as <see cref="Window"/> as the judged 5-stroke reading shows it.</summary>
    public (ulong Micros, double Rate)[] SmoothedWindow { get; private set; } = Array.Empty<(ulong, double)>();

    /// <summary>Computes the figures from the recorded strokes.</summary>
    public void Measure(IReadOnlyList<(ulong Micros, double Rate)> strokes)
    {
        ulong from = StartMicros > 100_000 ? StartMicros - 100_000 : 0, to = EndMicros;
        Window = strokes.Where(s => s.Micros >= from && s.Micros <= to).ToArray();
        SmoothedWindow = Smoothed(strokes, from, to).ToArray();
        var inHold = strokes.Where(s => s.Micros > StartMicros && s.Micros <= EndMicros).ToList();
        if (inHold.Count < 4) return;
        ulong half = StartMicros + (EndMicros - StartMicros) / 2;
        var tail = inHold.Where(s => s.Micros >= half).ToList();
        if (tail.Count >= 2)
        {
            // Time-weighted mean rate = strokes / time, the figure a tachometer on the bench would show.
            double seconds = tail.Sum(s => 1.0 / s.Rate);
            double mean = tail.Count / seconds;
            SteadyStateErrorPct = Math.Abs(mean - Target) / Target * 100.0;
            RipplePct = tail.Max(s => Math.Abs(s.Rate - Target)) / Target * 100.0;
        }
        // The judged reading inside the hold: the plot's window (which ends at the hold's end) from the change on.
        var smoothed = SmoothedWindow.Where(s => s.Micros > StartMicros).ToList();
        ulong lastOut = StartMicros;
        foreach (var s in smoothed)
            if (Math.Abs(s.Rate - Target) > SettleBand * Target) lastOut = s.Micros;
        // A hold that ends outside the band never settled: no figure rather than the hold length.
        SettlingMs = smoothed.Count == 0 || lastOut == smoothed[^1].Micros ? double.NaN : (lastOut - StartMicros) / 1000.0;
        bool up = Target >= From;
        double worst = smoothed.Count == 0 ? 0.0 : up ? smoothed.Max(s => s.Rate) - Target : Target - smoothed.Min(s => s.Rate);
        OvershootPct = Math.Max(0.0, worst) / Target * 100.0;
    }
}
