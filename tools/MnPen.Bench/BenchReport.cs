namespace MnPen.Bench;

/// <summary>Outcome of a bench run: every case of every suite run, with counts and timing.</summary>
public sealed class BenchReport
{
    /// <summary>Seed the run used.</summary>
    public ulong Seed { get; init; }

    /// <summary>Version of the bench spec the cases were judged by (null until judged).</summary>
    public string? SpecVersion { get; set; }

    /// <summary>When the run started, UTC.</summary>
    public DateTime StartedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Machine that ran it.</summary>
    public string Hostname { get; set; } = Environment.MachineName;

    /// <summary>Protective channel the interlocks suite ran with when not both ("hardware" or "firmware"), else null.</summary>
    public string? Channel { get; set; }

    /// <summary>Platform the virtual pens ran on (esp32-nf or ideal).</summary>
    public string Platform { get; set; } = "";

    /// <summary>Pens every case covered (population size; 1 with --pen).</summary>
    public int Pens { get; set; } = 1;

    /// <summary>The one pen of the population run (--pen), or null for pens 0..Pens-1.</summary>
    public int? OnlyPen { get; set; }

    /// <summary>Motor constant and resistance spread of the drawn pens, ± fraction (0 = production tolerances).</summary>
    public double MotorSpread { get; set; }

    /// <summary>Skin's per-needle puncture spread the run asked for, fraction (--skin-spread), or null for the simulator's own.</summary>
    public double? SkinSpread { get; set; }

    /// <summary>Share of the puncture spread the needles of one stroke have in common the run asked for, 0-1 (--skin-common), or null for the simulator's own.</summary>
    public double? SkinCommon { get; set; }

    /// <summary>Version of the firmware under test (PenFirmware.FirmwareVersion as major.minor.patch).</summary>
    public string FirmwareVersion { get; set; } = Runner.RunIdentity.FirmwareVersion;

    /// <summary>Wall time of the whole run, seconds.</summary>
    public double WallSeconds { get; set; }

    /// <summary>Suites run, in order, with their wall time in seconds.</summary>
    public List<(string Name, string Description, double Seconds)> Suites { get; } = new();

    /// <summary>Every case, in run order.</summary>
    public List<BenchCase> Cases { get; } = new();

    /// <summary>The suites that did not finish when the run was interrupted (Ctrl+C), comma-separated; null when every suite ran to its end.</summary>
    public string? InterruptedIn { get; internal set; }

    /// <summary>Cases that passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>Cases that failed.</summary>
    public int Failed => Cases.Count(c => !c.Passed);
}
