using MnPen.Firmware;
using MnPen.Hal.Simulator;

namespace MnPen.Bench.Suites;

/// <summary>
/// Stroke-rate accuracy on the simulator: every level, stepping up then down, for air, soft, nominal and tough skin
/// with a full and a sagging battery. Each case is checked against the targets (steady-state error ≤ 1 %, settling
/// ≤ 150 ms, overshoot ≤ 5 %, all per stroke and relative to the target) and carries, side by side, what an open-loop
/// pen (fixed duty per level, no feedback) does under the same load in the same run.
/// </summary>
public sealed class RateSuite : IBenchSuite
{
    /// <summary>Steady-state error limit, % of target (bench spec).</summary>
    public static double MaxSteadyStateErrorPct => Spec.BenchSpec.Current.Limit("rate", "steady_state_error");
    /// <summary>Settling limit after a level change, ms (bench spec).</summary>
    public static double MaxSettlingMs => Spec.BenchSpec.Current.Limit("rate", "settling");
    /// <summary>Overshoot limit, % of target (bench spec).</summary>
    public static double MaxOvershootPct => Spec.BenchSpec.Current.Limit("rate", "overshoot");
    /// <summary>Needle depth during the runs, mm (deep: more skin load).</summary>
    public const double DepthMm = 2.0;
    /// <summary>Hold at each level, seconds.</summary>
    public const double HoldSeconds = 0.6;

    /// <summary>Levels visited: up through all, then down through all.</summary>
    public static readonly int[] FullSequence = { 0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0 };

    /// <summary>Reduced sequence for quick runs: start, a change up at the top, a change down.</summary>
    public static readonly int[] QuickSequence = { 0, 1, 2, 3, 4, 5, 4 };

    /// <inheritdoc />
    public string Name => "rate";

    /// <inheritdoc />
    public string Description => "stroke-rate accuracy per level x skin x battery, closed loop vs open loop";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context)
    {
        int[] sequence = Sequence(context);
        var groups = Groups(context);
        var cases = new List<BenchCase>();
        int total = groups.Length * sequence.Length, done = 0;
        var runs = new (List<RateSegment>? Closed, List<RateSegment>? Open, List<RateSegment>[]? Population, string? Error)[groups.Length];
        // Each skin x battery group is its own pens: the groups run side by side across the cores.
        Parallel.For(0, groups.Length, new ParallelOptions { CancellationToken = context.Cancellation }, g =>
        {
            var (skin, battery, prefix) = groups[g];
            if (!Enumerable.Range(0, sequence.Length).Any(i => context.Wants(Name, CaseName(prefix, sequence, i)))) return;
            try
            {
                // One pen per run: the runner runs the suite once per pen of the population and merges (PopulationMerge).
                var closed = RunSequence(context.Seed, skin, battery, sequence, openLoop: false, platform: context.Platform, populationPen: context.ThisPen);
                // The open-loop comparison stays the reference pen's: what a pen without feedback does, beside each pen's closed loop.
                runs[g] = (closed, RunSequence(context.Seed, skin, battery, sequence, openLoop: true, platform: context.Platform), null, null);
            }
            catch (InvalidOperationException e)
            {
                runs[g] = (null, null, null, e.Message);
            }
        });
        for (int g = 0; g < groups.Length; g++)
        {
            var (skin, battery, prefix) = groups[g];
            if (!Enumerable.Range(0, sequence.Length).Any(i => context.Wants(Name, CaseName(prefix, sequence, i)))) continue;
            var (closed, open, population, error) = runs[g];
            for (int i = 0; i < sequence.Length; i++)
            {
                var c = MakeCase(prefix, skin, battery, sequence, i, closed, open, error, population);
                cases.Add(c);
                context.Report(Name, ++done, total, c.Name);
            }
        }
        return cases;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CaseNames(BenchContext context)
    {
        int[] sequence = Sequence(context);
        return Groups(context).SelectMany(g => Enumerable.Range(0, sequence.Length).Select(i => CaseName(g.Prefix, sequence, i))).ToList();
    }

    private static int[] Sequence(BenchContext context) => context.Quick ? QuickSequence : FullSequence;

    // The skin x battery groups of the grid, each one pen's run through the level sequence.
    private static (SkinProfile Skin, BenchBattery Battery, string Prefix)[] Groups(BenchContext context)
    {
        var skins = context.Quick ? new[] { SkinProfile.Air, SkinProfile.Tough } : new[] { SkinProfile.Air, SkinProfile.Soft, SkinProfile.Nominal, SkinProfile.Tough };
        return skins.SelectMany(skin => BenchBattery.All.Select(battery => (skin, battery, SkinName(skin) + "/" + battery.Name))).ToArray();
    }

    private BenchCase MakeCase(string prefix, SkinProfile skin, BenchBattery battery, int[] sequence, int i, List<RateSegment>? closed, List<RateSegment>? open, string? error, List<RateSegment>[]? population)
    {
        int level = sequence[i];
        string move = Move(sequence, i);
        var c = new BenchCase(Name, CaseName(prefix, sequence, i)) { PrimaryMeasurement = "steadyStateError" };
        c.Parameters["skin"] = SkinName(skin);
        c.Parameters["battery"] = battery.Name;
        c.Parameters["level"] = (level + 1).ToString();
        c.Parameters["change"] = move;
        if (error != null || closed == null || open == null || i >= closed.Count)
        {
            c.Error = error ?? "run ended early";
            return c;
        }
        var s = closed[i];
        var o = i < open.Count ? open[i] : new RateSegment { Note = open.Count > 0 ? open[^1].Note : "open-loop run ended early" };
        c.Parameters["target"] = s.Target.ToString("0");
        // With several pens (--pens) each judged figure is the worst over the population.
        var pens = population == null ? new List<RateSegment> { s } : population.Where(p => i < p.Count).Select(p => p[i]).ToList();
        c.Add("steadyStateError", RatePopulation.Worst(pens, x => x.SteadyStateErrorPct), "%", LimitKind.AtMost, MaxSteadyStateErrorPct);
        // The soft start is a deliberate ramp from rest; the settling target is for level changes.
        if (move == "start") c.Add("settling", RatePopulation.Worst(pens, x => x.SettlingMs), "ms");
        else c.Add("settling", RatePopulation.Worst(pens, x => x.SettlingMs), "ms", LimitKind.AtMost, MaxSettlingMs);
        c.Add("overshoot", RatePopulation.Worst(pens, x => x.OvershootPct), "%", LimitKind.AtMost, MaxOvershootPct);
        if (pens.Count > 1) c.Add("pens", pens.Count, "");
        c.Add("ripple", s.RipplePct, "%");
        // What the pen's own hall counter says over the same hold: shown, never judged (a sensor that misses pulses
        // reads right while the needle runs fast).
        c.Add("sensorSteadyStateError", s.Sensor?.SteadyStateErrorPct ?? double.NaN, "%");
        c.Add("duty", s.MeanDuty, "");
        c.Add("batteryMin", s.MinBatteryVolts, "V");
        c.Add("openLoopSteadyStateError", o.SteadyStateErrorPct, "%");
        c.Add("openLoopSettling", o.SettlingMs, "ms");
        c.Add("openLoopOvershoot", o.OvershootPct, "%");
        c.Add("openLoopDuty", o.MeanDuty, "");
        if (o.Note != null) c.Parameters["openLoopNote"] = o.Note;
        if (move != "start")
            c.Plots.Add(pens.Count > 1 ? RatePopulation.Band(pens, i < open.Count ? o : null, c.Name + ": stroke rate around the level change, " + pens.Count + " pens")
                : BenchPlots.RateStep(s, i < open.Count ? o : null, c.Name + ": stroke rate around the level change"));
        return c;
    }

    private static string Move(int[] sequence, int i) => i == 0 ? "start" : sequence[i] > sequence[i - 1] ? "up" : "down";

    private static string CaseName(string prefix, int[] sequence, int i) => prefix + "/L" + (sequence[i] + 1) + " " + Move(sequence, i);

    /// <summary>Runs one pen through the level sequence and measures each hold.</summary>
    public static List<RateSegment> RunSequence(ulong seed, SkinProfile skin, BenchBattery battery, int[] sequence, bool openLoop, Action<PenFirmware>? configure = null, MnPen.Hal.Simulator.Platform.PlatformKind? platform = null, Runner.PopulationPen? populationPen = null, Action<VirtualPen.VirtualPen>? prepare = null)
    {
        // The open-loop comparison pen gets the absolute overspeed trip lifted, so the report shows the rate such a pen
        // really reaches (a fresh battery drives it well past its level) instead of a trip.
        Action<PenFirmware>? setup = openLoop ? fw0 => { fw0.Safety.Limits.OverspeedAbsolute = 1000f; configure?.Invoke(fw0); } : configure;
        var pen = BenchPen.Ready(seed, skin, battery, DepthMm, openLoop, setup, platform, populationPen);
        prepare?.Invoke(pen);
        var fw = pen.Firmware;
        // Judged figures come from the cam's true revolutions; the hall counter's view is recorded beside as "sensor".
        var rec = StrokeRecorder.Truth(pen.Board);
        var sensor = StrokeRecorder.Sensor(pen.Board.StrokeCounter);
        fw.SetRateLevel(sequence[0]);
        var start = fw.RequestStart();
        if (start != CommandResult.Accepted) throw new InvalidOperationException("start refused: " + start + " (" + fw.LastRefusalFault + ")");
        if (!pen.RunUntil(() => fw.State == PenState.Running, 1.0)) throw new InvalidOperationException("pen did not start (state " + fw.State + ")");
        var segments = new List<RateSegment>();
        double previous = 0;
        ulong holdMicros = (ulong)(HoldSeconds * 1e6);
        for (int i = 0; i < sequence.Length; i++)
        {
            if (i > 0) fw.SetRateLevel(sequence[i]);
            double target = fw.Config.RateLevels[sequence[i]];
            ulong t0 = pen.NowMicros;
            ulong half = t0 + holdMicros / 2;
            double dutySum = 0, vMin = double.MaxValue;
            int dutyN = 0;
            while (pen.NowMicros < t0 + holdMicros)
            {
                pen.Step();
                rec.Sample();
                sensor.Sample();
                if (fw.State != PenState.Running)
                {
                    string why = "pen left Running at L" + (sequence[i] + 1) + ": " + fw.State + " (" + fw.ActiveFault + ")";
                    if (!openLoop) throw new InvalidOperationException(why);
                    // The open-loop figures are a comparison: keep what was measured up to the trip.
                    var partial = new RateSegment { Level = sequence[i], Target = target, From = previous, StartMicros = t0, EndMicros = pen.NowMicros, Note = why };
                    partial.Measure(rec.Strokes);
                    segments.Add(partial);
                    return segments;
                }
                vMin = Math.Min(vMin, pen.Board.BatteryTerminalVolts);
                if (pen.NowMicros >= half) { dutySum += fw.Gate.AppliedDuty; dutyN++; }
            }
            var seg = new RateSegment { Level = sequence[i], Target = target, From = previous, StartMicros = t0, EndMicros = pen.NowMicros, MeanDuty = dutyN > 0 ? dutySum / dutyN : double.NaN, MinBatteryVolts = vMin };
            seg.Measure(rec.Strokes);
            seg.Sensor = new RateSegment { Level = sequence[i], Target = target, From = previous, StartMicros = t0, EndMicros = pen.NowMicros };
            seg.Sensor.Measure(sensor.Strokes);
            segments.Add(seg);
            previous = target;
        }
        fw.RequestStop();
        return segments;
    }

    /// <summary>Lower-case skin name.</summary>
    public static string SkinName(SkinProfile s) => s switch
    {
        SkinProfile.Air => "air",
        SkinProfile.Soft => "soft",
        SkinProfile.Nominal => "nominal",
        _ => "tough",
    };
}
