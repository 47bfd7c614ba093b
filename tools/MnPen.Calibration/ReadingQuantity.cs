using MnPen.Client;
using MnPen.Protocol;

namespace MnPen.Calibration;

/// <summary>How to hold and read one quantity for a <see cref="ReadingCheck"/>, with its tolerance and where it comes from.</summary>
public sealed class ReadingQuantity
{
    /// <summary>thermistor, battery or rate.</summary>
    public string Name { get; init; } = "";
    /// <summary>Unit of readings.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Absolute tolerance (or relative, see <see cref="Relative"/>).</summary>
    public double Tolerance { get; init; }
    /// <summary>True if the tolerance is a fraction of the reading.</summary>
    public bool Relative { get; init; }
    /// <summary>True if the motor runs (a cartridge is needed).</summary>
    public bool NeedsCartridge { get; init; }

    /// <summary>The set point holds the motor running: a stretch the pen's motor stood still is no reading of it.</summary>
    public bool RunsMotor { get; init; }
    /// <summary>What to do when out of tolerance.</summary>
    public string Remedy { get; init; } = "";
    /// <summary>The set points.</summary>
    public Func<PenClient, List<double>> SetPoints { get; init; } = _ => new List<double> { 0 };
    /// <summary>Brings the pen to set point i and lets it settle.</summary>
    public Action<PenClient, int, CancellationToken> Hold { get; init; } = (_, _, _) => { };
    /// <summary>The pen's own reading in a status reply.</summary>
    public Func<PenStatusData, double> Reading { get; init; } = _ => double.NaN;
    /// <summary>
    /// Least pen time the pen's reading is averaged over, ms; the check keeps averaging while the reference instrument
    /// reads, so both describe the same stretch of time.
    /// </summary>
    public int AveragingMs { get; init; } = 100;
    /// <summary>Leaves the pen as it was (motor stopped).</summary>
    public Action<PenClient> Finish { get; init; } = _ => { };

    /// <summary>Tolerance at a reading.</summary>
    public double ToleranceAt(double reading) => Relative ? Math.Abs(reading) * Tolerance : Tolerance;

    /// <summary>Tolerance as text.</summary>
    public string ToleranceText => Relative ? $"{Tolerance * 100:0.#} %" : $"{Tolerance:0.###} {Unit}";

    /// <summary>
    /// Handpiece thermistor at room temperature: ±1.0 °C = NTC ±1 % R25 and ±1 % B (≈ ±0.5 °C near 25 °C, Murata NCP15
    /// data sheet) + divider and ADC (≈ ±0.3 °C) + reference thermometer (±0.2 °C).
    /// </summary>
    public static ReadingQuantity Thermistor() => new()
    {
        Name = "thermistor", Unit = "°C", Tolerance = 1.0, Remedy = "check the thermistor and its wiring; the pen needs service",
        Reading = s => s.HandpieceCentiC / 100.0,
    };

    /// <summary>
    /// Battery sense against the terminal voltage at rest: ±0.05 V = divider with 0.5 % resistors (≈ ±0.04 V at 8 V)
    /// + ADC quantisation and reference (±0.01 V) + voltmeter (±0.01 V).
    /// </summary>
    public static ReadingQuantity Battery() => new()
    {
        Name = "battery", Unit = "V", Tolerance = 0.05, Remedy = "check the battery sense divider; the pen needs service",
        Reading = s => s.BatteryMv / 1000.0,
    };

    /// <summary>Stroke rate at every rate level, motor running in air: ±1 % (the pen's rate accuracy requirement).</summary>
    public static ReadingQuantity Rate() => new()
    {
        Name = "rate", Unit = "strokes/s", Tolerance = 0.01, Relative = true, NeedsCartridge = true, RunsMotor = true,
        Remedy = "check the Hall sensor and magnet; the rate loop follows what it counts",
        SetPoints = c => Enumerable.Range(0, SettingTable.RateLevelCount).Select(i => (double)c.GetSetting(SettingId.RateLevel1 + i)).ToList(),
        Hold = (c, level, cancel) =>
        {
            c.SetSetting(SettingId.RateLevel, level);
            if (c.GetStatus().DutyBasisPoints == 0) c.Start();
            // Settle 1.5 s of pen time (rate loop and cam inertia settle in well under a second), polling keeps the link alive.
            PenTime.Wait(c, 1500, cancel);
        },
        Reading = s => s.MeasuredRateCenti / 100.0,
        AveragingMs = RateAveragingMs,
        Finish = c =>
        {
            try { c.Stop(); }
            catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException) { }
        },
    };

    /// <summary>
    /// Pen time over which the pen's rate reading is averaged at each level, ms. The pen's estimate is a fit over the last
    /// 120-160 ms of counter reads and, near 50 strokes/s on a regular read grid, moves within a quantisation band of
    /// ±7 % over 160 ms and ±3.6 % over 300 ms (docs/control.md): a few back-to-back status reads sample one window.
    /// A tachometer check holds the speed and reads over seconds; 4 s is about 25 fit windows.
    /// </summary>
    public const int RateAveragingMs = 4000;
}
