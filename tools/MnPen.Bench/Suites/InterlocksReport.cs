using System.Text.Json;
using System.Text.Json.Serialization;

namespace MnPen.Bench.Suites;

/// <summary>Summary of an interlocks matrix run: per simulator fault (and the interlock meant to catch it) and in total.</summary>
public sealed class InterlocksReport
{
    /// <summary>Per fault rows, in catalogue order.</summary>
    public required IReadOnlyList<InterlocksRow> Interlocks { get; init; }

    /// <summary>Injections run.</summary>
    public int Injections { get; init; }

    /// <summary>Runs that failed any check.</summary>
    public int Failures { get; init; }

    /// <summary>Runs where the motor ran when it must not.</summary>
    public int UnsafeOutcomes { get; init; }

    /// <summary>Runs in which the fault's effect appeared and the firmware had to react (the real test of an interlock).</summary>
    public int ReactionRuns { get; init; }

    /// <summary>Runs in which no reaction was required (no fault, or its effect never appeared): controls for false trips.</summary>
    public int ControlRuns { get; init; }

    /// <summary>Failed runs among those that needed a reaction.</summary>
    public int ReactionFailures { get; init; }

    /// <summary>Failed runs among the controls (a false trip, a wrong code, an unsafe run with nothing to react to).</summary>
    public int ControlFailures { get; init; }

    /// <summary>Base seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>Wall time, seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Up to 25 failed runs, described.</summary>
    public required IReadOnlyList<string> FailureSamples { get; init; }

    /// <summary>The channel(s) that acted in this run: both, hardware or firmware.</summary>
    public string Channel { get; init; } = "both";

    /// <summary>True when nothing failed.</summary>
    public bool Passed => Failures == 0;

    /// <summary>All outcomes (not serialised).</summary>
    [JsonIgnore]
    public IReadOnlyList<InterlocksOutcome> Outcomes { get; init; } = Array.Empty<InterlocksOutcome>();

    /// <summary>Builds the summary.</summary>
    public static InterlocksReport From(IReadOnlyList<InterlocksOutcome> outcomes, InterlocksMatrixOptions o, TimeSpan wall)
    {
        var rows = new List<InterlocksRow>();
        foreach (var plan in InterlocksFaultPlan.All)
        {
            var mine = outcomes.Where(x => x.Case.Plan == plan).ToArray();
            if (mine.Length == 0) continue;
            var reactions = mine.Where(x => x.ReactionRequired && !double.IsNaN(x.ReactionMs)).Select(x => x.ReactionMs).OrderBy(x => x).ToArray();
            rows.Add(new InterlocksRow
            {
                Fault = plan.Fault,
                Interlock = MnPen.Safety.FaultCatalog.Name(plan.Interlock),
                Runs = mine.Length,
                ReactionsRequired = mine.Count(x => x.ReactionRequired),
                Controls = mine.Count(x => !x.ReactionRequired),
                ReactionFailures = mine.Count(x => x.ReactionRequired && x.Failed),
                ControlFailures = mine.Count(x => !x.ReactionRequired && x.Failed),
                Failures = mine.Count(x => x.Failed),
                Unsafe = mine.Count(x => x.Unsafe),
                MaxReactionMs = reactions.Length > 0 ? Math.Round(reactions[^1], 3) : null,
                P99ReactionMs = reactions.Length > 0 ? Math.Round(reactions[Math.Max(0, (int)Math.Ceiling(0.99 * reactions.Length) - 1)], 3) : null,
                DeadlineMs = mine.Where(x => x.ReactionRequired).Select(x => (double?)Math.Round(x.DeadlineMs, 3)).Max(),
                MaxNeedleStillMs = MaxOf(mine.Where(x => x.ReactionRequired).Select(x => x.NeedleStillMs)),
                MaxLastEntryMs = MaxOf(mine.Where(x => x.ReactionRequired).Select(x => x.LastEntryMs)),
                NeedleDeadlineMs = MaxOf(mine.Where(x => x.ReactionRequired).Select(x => x.NeedleDeadlineMs)),
                MaxStrokesAfterOnset = mine.Where(x => x.ReactionRequired).Select(x => (long?)x.StrokesAfterOnset).Max(),
                MaxPenetrationsAfterOnset = mine.Where(x => x.ReactionRequired).Select(x => (long?)x.PenetrationsAfterOnset).Max(),
                MaxDepthOverSetMm = mine.Length > 0 ? Math.Round(Math.Max(0, mine.Max(x => x.DeepestPenetrationMm - x.SetDepthMm)), 4) : null,
                MaxPeakRunningCelsius = MaxOf(mine.Select(x => x.PeakRunningCelsius)),
                MinUnderVoltageTripVolts = mine.Any(x => !double.IsNaN(x.UnderVoltageTripVolts)) ? Math.Round(mine.Where(x => !double.IsNaN(x.UnderVoltageTripVolts)).Min(x => x.UnderVoltageTripVolts), 4) : null,
                UnderVoltageTrips = mine.Count(x => !double.IsNaN(x.UnderVoltageTripVolts)),
                Claims = plan.Claims.ToString().ToLowerInvariant(),
                HardwareFirst = mine.Count(x => x.ActedFirst == "hardware"),
                FirmwareFirst = mine.Count(x => x.ActedFirst == "firmware"),
                PerState = Enum.GetValues<OperatingState>().ToDictionary(s => s.ToString(), s => mine.Count(x => x.Case.State == s)),
            });
        }
        return new InterlocksReport
        {
            Interlocks = rows,
            Injections = outcomes.Count,
            Failures = outcomes.Count(x => x.Failed),
            UnsafeOutcomes = outcomes.Count(x => x.Unsafe),
            ReactionRuns = outcomes.Count(x => x.ReactionRequired),
            ControlRuns = outcomes.Count(x => !x.ReactionRequired),
            ReactionFailures = outcomes.Count(x => x.ReactionRequired && x.Failed),
            ControlFailures = outcomes.Count(x => !x.ReactionRequired && x.Failed),
            Seed = o.Seed,
            Channel = o.Channel.ToString().ToLowerInvariant(),
            WallSeconds = Math.Round(wall.TotalSeconds, 2),
            FailureSamples = outcomes.Where(x => x.Failed).Take(25).Select(x => $"{x.Case}: {x.Failure}").ToArray(),
            Outcomes = outcomes,
        };
    }

    // Largest finite value rounded to µs; a NaN (a needle still moving at the end) wins, so it cannot hide.
    private static double? MaxOf(IEnumerable<double> values)
    {
        double? worst = null;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            if (worst == null || v > worst) worst = Math.Round(v, 3);
        }
        return worst;
    }

    /// <summary>The report as indented JSON (snake_case, as every mnpen JSON).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>One row of the interlocks report.</summary>
public sealed class InterlocksRow
{
    /// <summary>Simulator fault injected.</summary>
    public required string Fault { get; init; }
    /// <summary>Interlock (fault code name) meant to catch it.</summary>
    public required string Interlock { get; init; }
    /// <summary>Runs.</summary>
    public int Runs { get; init; }
    /// <summary>Runs in which the fault's effect appeared and a reaction was required.</summary>
    public int ReactionsRequired { get; init; }
    /// <summary>Runs in which no reaction was required (controls).</summary>
    public int Controls { get; init; }
    /// <summary>Failed runs.</summary>
    public int Failures { get; init; }
    /// <summary>Failed runs among those that needed a reaction.</summary>
    public int ReactionFailures { get; init; }
    /// <summary>Failed runs among the controls.</summary>
    public int ControlFailures { get; init; }
    /// <summary>Unsafe runs.</summary>
    public int Unsafe { get; init; }
    /// <summary>Longest onset-to-safe time, simulated ms.</summary>
    public double? MaxReactionMs { get; init; }
    /// <summary>99th percentile onset-to-safe time, simulated ms.</summary>
    public double? P99ReactionMs { get; init; }
    /// <summary>Deadline, ms (largest applying).</summary>
    public double? DeadlineMs { get; init; }
    /// <summary>Longest onset-to-needle-still time (ground truth: the rotor stopped for good), simulated ms.</summary>
    public double? MaxNeedleStillMs { get; init; }
    /// <summary>Longest onset-to-last-entry-into-skin time (ground truth), simulated ms.</summary>
    public double? MaxLastEntryMs { get; init; }
    /// <summary>Deadline for the last needle entry after onset (reaction deadline + run-down), ms.</summary>
    public double? NeedleDeadlineMs { get; init; }
    /// <summary>Most true strokes after the onset in one run.</summary>
    public long? MaxStrokesAfterOnset { get; init; }
    /// <summary>Most true needle entries into the skin after the onset in one run.</summary>
    public long? MaxPenetrationsAfterOnset { get; init; }
    /// <summary>Deepest penetration past the set depth in any run, mm (0 = never deeper than set).</summary>
    public double? MaxDepthOverSetMm { get; init; }
    /// <summary>Hottest true needle-guide temperature while the needle ran after an injection, °C (ground truth).</summary>
    public double? MaxPeakRunningCelsius { get; init; }
    /// <summary>Lowest true battery voltage an under-voltage trip answered, V (ground truth; null if none tripped).</summary>
    public double? MinUnderVoltageTripVolts { get; init; }
    /// <summary>Runs in which UnderVoltage latched.</summary>
    public int UnderVoltageTrips { get; init; }
    /// <summary>Runs per operating state.</summary>
    public required IReadOnlyDictionary<string, int> PerState { get; init; }

    /// <summary>The channels that claim the hazard ("firmware", "hardware" or "both").</summary>
    public string Claims { get; init; } = "firmware";

    /// <summary>Runs in which the hardware channel stopped the drive first.</summary>
    public int HardwareFirst { get; init; }

    /// <summary>Runs in which the firmware stopped the drive first.</summary>
    public int FirmwareFirst { get; init; }

    /// <summary>The channel that acted first in most runs ("hardware" or "firmware"), or null if neither had to act.</summary>
    public string? ActedFirst => HardwareFirst == 0 && FirmwareFirst == 0 ? null : HardwareFirst >= FirmwareFirst ? "hardware" : "firmware";
}
