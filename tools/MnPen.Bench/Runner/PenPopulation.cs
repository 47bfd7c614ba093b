using System.Collections.Concurrent;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Storage;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Factory;

namespace MnPen.Bench.Runner;

/// <summary>
/// The pens a bench run covers (`--pens N`, `--pen I`): pen I of seed S is drawn by PenDraw (pen 0 is the reference
/// pen), calibrated once through its own sensors against the station's instruments with their own errors
/// (StationInstruments) while its parts are as built, and run with its parts aged since. Thread-safe; calibrations are
/// measured on first use and shared by every case of the run.
/// </summary>
public sealed class PenPopulation
{
    private readonly ConcurrentDictionary<int, Lazy<PopulationPen>> _pens = new();
    private readonly PenTolerances _tolerances;

    /// <summary>Widest motor spread a population may be drawn with, ± fraction: the motor bounds the pen accepts (MotorDefaults, nominal ±30 % with margin) reach about ±50 %.</summary>
    public const double MaxMotorSpread = 0.5;

    /// <summary>
    /// The first count pens of the population of seed (count ≥ 1), or only pen onlyPen when given. motorSpread &gt; 0
    /// draws the motor constant and resistance within ± that fraction instead of the production tolerances (motors far
    /// from nominal that the station's motor auto-tune must cope with); the other parts keep theirs. skinSpread and
    /// skinCommon (null: the simulator's own) set the skin every pen runs in (SkinSpread, SkinCommon).
    /// </summary>
    public PenPopulation(ulong seed, int count, int? onlyPen = null, double motorSpread = 0, double? skinSpread = null, double? skinCommon = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "a population has at least one pen");
        if (onlyPen is < 0) throw new ArgumentOutOfRangeException(nameof(onlyPen), "pen index must be 0 or more");
        if (!(motorSpread >= 0 && motorSpread <= MaxMotorSpread)) throw new ArgumentOutOfRangeException(nameof(motorSpread), $"motor spread must be 0 to {MaxMotorSpread}");
        if (skinSpread is double s && !(s >= 0 && s <= MaxSkinSpread)) throw new ArgumentOutOfRangeException(nameof(skinSpread), $"skin spread must be 0 to {MaxSkinSpread}");
        if (skinCommon is double c && !(c >= 0 && c <= 1)) throw new ArgumentOutOfRangeException(nameof(skinCommon), "skin common share must be 0 to 1");
        Seed = seed;
        MotorSpread = motorSpread;
        SkinSpread = skinSpread;
        SkinCommon = skinCommon;
        Indices = onlyPen is int p ? new[] { p } : Enumerable.Range(0, count).ToArray();
        _tolerances = Tolerances(motorSpread);
    }

    /// <summary>The production tolerances with the motor constant and resistance widened to ± motorSpread (0: production as is).</summary>
    public static PenTolerances Tolerances(double motorSpread)
    {
        var t = PenTolerances.Production();
        if (motorSpread > 0)
        {
            t.MotorConstant = motorSpread;
            t.MotorResistance = motorSpread;
        }
        return t;
    }

    /// <summary>Motor constant and resistance spread the pens are drawn with, ± fraction (0 = production tolerances).</summary>
    public double MotorSpread { get; }

    /// <summary>Widest per-needle puncture spread a run may ask for, fraction (the scenario setting skin.spread's range).</summary>
    public const double MaxSkinSpread = 0.5;

    /// <summary>
    /// Per-needle spread of the skin's puncture force every pen runs in (one needle's force from insertion to insertion),
    /// s.d. as a fraction of its mean, or null for the simulator's own (SkinParameters.PunctureVariation, 15 %). 0 =
    /// uniform skin: what the skin's spread costs a figure, apart from what the pen does.
    /// </summary>
    public double? SkinSpread { get; }

    /// <summary>
    /// Share of the puncture spread's variance the needles of one stroke have in common, 0-1, or null for the simulator's
    /// own (SkinParameters.PunctureCommonShare, 0: independent needles). 1 = one draw for every needle of a stroke, the
    /// harshest reading of the skin's spread.
    /// </summary>
    public double? SkinCommon { get; }

    /// <summary>Population seed.</summary>
    public ulong Seed { get; }

    /// <summary>Indices of the pens this run covers, in order.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Pens this run covers.</summary>
    public int Count => Indices.Count;

    /// <summary>The k-th pen this run covers.</summary>
    public PopulationPen At(int k) => Pen(Indices[k]);

    /// <summary>
    /// One line naming pen index and its largest deviations (PenDraw.Describe); with a widened motor spread its motor's
    /// constant and resistance always, since they are what such a run is about.
    /// </summary>
    public string Describe(int index)
    {
        var draw = Pen(index).Draw;
        if (MotorSpread <= 0 || draw.IsReference) return draw.Describe();
        double k = draw.Deviations.First(d => d.Name == "motor.constant").Value, r = draw.Deviations.First(d => d.Name == "motor.resistance").Value;
        return draw.Describe() + System.FormattableString.Invariant($" (motor kₑ {k * 100:+0.0;-0.0} %, R {r * 100:+0.0;-0.0} %)");
    }

    /// <summary>Pen index of the population (drawn and calibrated on first use).</summary>
    public PopulationPen Pen(int index) =>
        _pens.GetOrAdd(index, i => new Lazy<PopulationPen>(() => new PopulationPen(PenDraw.Draw(Seed, i, _tolerances), SkinSpread, SkinCommon), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}

/// <summary>One pen of a bench population: its draw and (measured on first use) its own factory calibration.</summary>
public sealed class PopulationPen
{
    private readonly Lazy<Calibration?> _calibration;

    private readonly double? _skinSpread, _skinCommon;

    /// <summary>
    /// Wraps a drawn pen; skinSpread (the per-needle puncture spread) and skinCommon (the share of it the needles of one
    /// stroke have in common) set the skin it runs in; null: the simulator's own.
    /// </summary>
    public PopulationPen(PenDraw draw, double? skinSpread = null, double? skinCommon = null)
    {
        Draw = draw;
        _skinSpread = skinSpread;
        _skinCommon = skinCommon;
        _calibration = new Lazy<Calibration?>(() => draw.IsReference ? null : FactoryCalibrator.Measure(
            new VirtualPenOptions { Seed = draw.NoiseSeed, Parameters = draw.AsCalibrated }, StationInstruments.For(draw.Seed, draw.Index)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private PopulationPen(PenDraw draw, Calibration calibration, double? skinSpread, double? skinCommon)
    {
        Draw = draw;
        _skinSpread = skinSpread;
        _skinCommon = skinCommon;
        _calibration = new Lazy<Calibration?>(calibration);
    }

    /// <summary>The same pen leaving the factory with another calibration (a known-bad: the reference pen's on a drawn pen).</summary>
    public PopulationPen WithCalibration(Calibration calibration) => new(Draw, calibration ?? throw new ArgumentNullException(nameof(calibration)), _skinSpread, _skinCommon);

    /// <summary>The drawn parts.</summary>
    public PenDraw Draw { get; }

    /// <summary>Index in the population.</summary>
    public int Index => Draw.Index;

    /// <summary>Seed of its sensor noise.</summary>
    public ulong NoiseSeed => Draw.NoiseSeed;

    /// <summary>Its own factory calibration (null for the reference pen: VirtualPen measures and caches that one as it always did).</summary>
    public Calibration? Calibration => _calibration.Value;

    /// <summary>
    /// Makes options describe this pen: its aged parts and its own calibration (the seed is left as the caller set it,
    /// so a suite keeps its own seed scheme; the runner hands each pen's suite run the pen's noise seed).
    /// </summary>
    public VirtualPenOptions Apply(VirtualPenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Draw.IsReference || Calibration != null)
        {
            options.Parameters = Draw.IsReference ? null : Draw.AsRun.Clone();
            if (options.FactoryCalibration) options.Calibration = Calibration;
        }
        if (_skinSpread != null || _skinCommon != null)
        {
            // A copy, so the draw's own parameters stay as drawn.
            options.Parameters = options.Parameters?.Clone() ?? SimParameters.Default();
            if (_skinSpread is double spread) options.Parameters.Skin.PunctureVariation = spread;
            if (_skinCommon is double common) options.Parameters.Skin.PunctureCommonShare = common;
        }
        return options;
    }
}
