using MnPen.Safety;

namespace MnPen.Bench.Suites;

/// <summary>What happened in one injection of the interlocks matrix.</summary>
public sealed class InterlocksOutcome
{
    /// <summary>The case that was run.</summary>
    public required InterlocksCase Case { get; init; }

    /// <summary>A reaction was required (the fault's effect appeared).</summary>
    public bool ReactionRequired { get; set; }

    /// <summary>Onset to safe state, simulated ms (NaN if no reaction was required or none came).</summary>
    public double ReactionMs { get; set; } = double.NaN;

    /// <summary>Deadline that applied, ms.</summary>
    public double DeadlineMs { get; set; }

    /// <summary>First latched cause (None if nothing tripped).</summary>
    public FaultCode Code { get; set; }

    /// <summary>The motor ran when it must not: past the deadline, again after the safe state, or after a clear.</summary>
    public bool Unsafe { get; set; }

    /// <summary>Any check failed (unsafe, wrong code, missed deadline, false trip).</summary>
    public bool Failed => Failure != null;

    /// <summary>Wall time of the run, ms.</summary>
    public double WallMs { get; set; }

    /// <summary>When the fault was injected, µs of simulated time (for plots around it).</summary>
    public ulong InjectedAtMicros { get; set; }

    /// <summary>Simulated time of the run, s.</summary>
    public double SimSeconds { get; set; }

    /// <summary>Deadline for the last needle entry into the skin after onset (reaction deadline + run-down), ms.</summary>
    public double NeedleDeadlineMs { get; set; } = double.NaN;

    /// <summary>True strokes (cam revolutions) after the onset.</summary>
    public long StrokesAfterOnset { get; set; }

    /// <summary>True needle entries into the skin after the onset.</summary>
    public long PenetrationsAfterOnset { get; set; }

    /// <summary>Onset to the needle standing still for good, ms (0 if it never moved after onset; NaN if still moving at the end).</summary>
    public double NeedleStillMs { get; set; } = double.NaN;

    /// <summary>Onset to the last needle entry into the skin, ms (NaN if none after onset).</summary>
    public double LastEntryMs { get; set; } = double.NaN;

    /// <summary>Deepest true penetration from the injection on, mm.</summary>
    public double DeepestPenetrationMm { get; set; }

    /// <summary>Largest depth set by the user around the run, mm.</summary>
    public double SetDepthMm { get; set; }

    /// <summary>The channel that stopped the drive first after the injection: "hardware", "firmware" or null (neither had to).</summary>
    public string? ActedFirst { get; set; }

    /// <summary>
    /// Hottest true needle-guide (handpiece) temperature while the motor was driven or the needle still moved after the
    /// injection, °C (NaN if it never ran after the injection). Ground truth: the simulator's thermal node, not the NTC.
    /// </summary>
    public double PeakRunningCelsius { get; set; } = double.NaN;

    /// <summary>
    /// True battery terminal voltage the under-voltage trip answered: the highest over the onset persistence plus the UnderVoltage detection deadline
    /// before UnderVoltage latched, V, if the motor was
    /// driven within the tick before (NaN if it never latched, or latched with the motor already stopped).
    /// </summary>
    public double UnderVoltageTripVolts { get; set; } = double.NaN;

    /// <summary>Why it failed, or null.</summary>
    public string? Failure { get; set; }
}
