using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.VirtualPen;

namespace MnPen.Bench.Suites;

/// <summary>
/// Needle-depth accuracy on the simulator, judged against the true needle depth (the simulator's depth gauge: the
/// actuator's real position, and while running the needle tip's deepest point below the skin surface), never against the
/// potentiometer the firmware reads (shown beside as "sensor" figures):
/// every 0.05 mm step from 0 to 2.5 mm and back with the motor stopped, ramped changes while running on skin, and the
/// hard limit of a shallow cartridge under commands and held buttons. Target: |error| ≤ 0.05 mm at every step.
/// </summary>
public sealed class DepthSuite : IBenchSuite
{
    /// <summary>Accuracy limit, mm.</summary>
    public static double MaxErrorMm => Spec.BenchSpec.Current.Limit("depth", "error");

    /// <summary>Time allowed to reach and verify a step, seconds.</summary>
    public const double ReachTimeoutSeconds = 1.5;

    /// <inheritdoc />
    public string Name => "depth";

    /// <inheritdoc />
    public string Description => "needle depth at every 0.05 mm step, ramped changes while running, cartridge hard limit";

    /// <inheritdoc />
    public IReadOnlyList<BenchCase> Run(BenchContext context)
    {
        var cases = new List<BenchCase>();
        var steps = StepTargets(context.Quick ? 10 : 1);
        var skins = Skins(context);
        int total = steps.Count + skins.Length * RunningTargets.Length + LimitCases.Length, done = 0;

        void Add(BenchCase c)
        {
            cases.Add(c);
            context.Report(Name, ++done, total, c.Name);
        }

        var penOfRun = context.ThisPen;
        RunSteps(context.Seed, steps, Add, context.Platform, penOfRun);
        foreach (var skin in skins) RunWhileRunning(context.Seed, skin, RunningTargets, Add, context.Platform, penOfRun);
        RunHardLimit(context.Seed, Add, context.Platform, penOfRun);
        return cases;
    }

    /// <summary>Depths commanded while the motor runs, mm, in order.</summary>
    public static readonly double[] RunningTargets = { 0.5, 1.5, 2.5, 1.0, 0.25 };

    // The cartridge hard-limit cases (RunHardLimit): a command above the limit, and depth-up held while running.
    private static readonly string[] LimitCases = { "limit/shallow cartridge/command above limit", "limit/shallow cartridge/depth-up held 3 s while running" };

    /// <inheritdoc />
    public IReadOnlyList<string> CaseNames(BenchContext context)
    {
        var steps = StepTargets(context.Quick ? 10 : 1);
        return Enumerable.Range(0, steps.Count).Select(i => StepName(steps, i))
            .Concat(Skins(context).SelectMany(skin => RunningTargets.Select(t => RunningName(skin, t))))
            .Concat(LimitCases).ToList();
    }

    private static SkinProfile[] Skins(BenchContext context) =>
        context.Quick ? new[] { SkinProfile.Tough } : new[] { SkinProfile.Soft, SkinProfile.Nominal, SkinProfile.Tough };

    // "step/1.00 mm up": the target and the direction from the step before (none for the first).
    private static string StepName(List<double> targets, int i) =>
        "step/" + Mm(targets[i]) + " mm" + (i == 0 ? "" : targets[i] > targets[i - 1] ? " up" : " down");

    private static string RunningName(SkinProfile skin, double target) => "running/" + RateSuite.SkinName(skin) + "/" + Mm(target) + " mm";

    private static string Mm(double v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>0 → 2.5 mm and back down in 0.05 mm steps (every `stride`-th step for quick runs).</summary>
    public static List<double> StepTargets(int stride)
    {
        var up = new List<double>();
        for (int k = 0; k <= 50; k += stride) up.Add(k * 0.05);
        var down = up.AsEnumerable().Reverse().Skip(1).ToList();
        return up.Concat(down).ToList();
    }

    private void RunSteps(ulong seed, List<double> targets, Action<BenchCase> add, MnPen.Hal.Simulator.Platform.PlatformKind platform, Runner.PopulationPen penOfRun)
    {
        VirtualPen.VirtualPen? pen = null;
        string? setupError = null;
        try { pen = BenchPen.Ready(seed, SkinProfile.Nominal, BenchBattery.Full, 0.0, platform: platform, pen: penOfRun); }
        catch (InvalidOperationException e) { setupError = e.Message; }
        for (int i = 0; i < targets.Count; i++)
        {
            double target = targets[i];
            var c = new BenchCase(Name, StepName(targets, i)) { PrimaryMeasurement = "error" };
            c.Parameters["target"] = Mm(target);
            c.Parameters["motor"] = "stopped";
            if (pen == null) { c.Error = setupError; add(c); continue; }
            MeasureStep(pen, target, c);
            add(c);
        }
    }

    private void RunWhileRunning(ulong seed, SkinProfile skin, double[] targets, Action<BenchCase> add, MnPen.Hal.Simulator.Platform.PlatformKind platform, Runner.PopulationPen penOfRun)
    {
        VirtualPen.VirtualPen? pen = null;
        string? setupError = null;
        try
        {
            pen = BenchPen.Ready(seed, skin, BenchBattery.Full, 0.25, platform: platform, pen: penOfRun);
            pen.Firmware.SetRateLevel(3);
            var r = pen.Firmware.RequestStart();
            if (r != CommandResult.Accepted || !pen.RunUntil(() => pen.Firmware.State == PenState.Running, 1.0))
                throw new InvalidOperationException("pen did not start: " + r + " (" + pen.Firmware.LastRefusalFault + ")");
            pen.RunFor(0.3);
        }
        catch (InvalidOperationException e) { setupError = e.Message; pen = null; }
        foreach (double target in targets)
        {
            var c = new BenchCase(Name, RunningName(skin, target)) { PrimaryMeasurement = "error" };
            c.Parameters["target"] = Mm(target);
            c.Parameters["motor"] = "running L4";
            c.Parameters["skin"] = RateSuite.SkinName(skin);
            if (pen == null) { c.Error = setupError; add(c); continue; }
            MeasureStep(pen, target, c);
            if (pen.Firmware.State != PenState.Running) c.Error = "pen stopped during the change: " + pen.Firmware.State + " (" + pen.Firmware.ActiveFault + ")";
            add(c);
        }
    }

    /// <summary>
    /// Commands the depth, waits until the firmware has reached and verified it, then averages the true depth for 50 ms
    /// (and, while running on skin, takes the needle's deepest true penetration). Adds the judged figures to the case.
    /// </summary>
    public static void MeasureStep(VirtualPen.VirtualPen pen, double target, BenchCase c)
    {
        var fw = pen.Firmware;
        var r = fw.SetDepthMm((float)target);
        if (r != CommandResult.Accepted && r != CommandResult.AlreadyDone) { c.Error = "depth refused: " + r; return; }
        double start = pen.NowSeconds, peak = double.MinValue, trough = double.MaxValue, from = pen.Board.NeedleDepthMm;
        bool reached = pen.RunUntil(() =>
        {
            peak = Math.Max(peak, pen.Board.NeedleDepthMm);
            trough = Math.Min(trough, pen.Board.NeedleDepthMm);
            return fw.DepthControl.Reached && fw.DepthControl.TargetMm == (float)Math.Round(target / 0.05) * 0.05f;
        }, ReachTimeoutSeconds);
        double reachMs = (pen.NowSeconds - start) * 1000.0;
        double sum = 0, sumFw = 0;
        int n = 0;
        long entries = pen.Board.Penetrations;
        pen.Board.DeepestPenetrationMm = 0;
        for (int k = 0; k < 50; k++)
        {
            pen.Step();
            sum += pen.Board.NeedleDepthMm;
            sumFw += fw.Status.DepthMeasuredMm;
            peak = Math.Max(peak, pen.Board.NeedleDepthMm);
            trough = Math.Min(trough, pen.Board.NeedleDepthMm);
            n++;
        }
        double truth = sum / n;
        bool up = target >= from;
        double overshoot = Math.Max(0, up ? peak - target : target - trough);
        c.Add("error", Math.Abs(truth - target), "mm", LimitKind.AtMost, MaxErrorMm);
        c.Add("overshoot", overshoot, "mm", LimitKind.AtMost, MaxErrorMm);
        c.Add("reachedAndVerified", reached ? 1 : 0, "", LimitKind.AtLeast, 1);
        c.Add("timeToVerified", reached ? reachMs : double.NaN, "ms");
        c.Add("trueDepth", truth, "mm");
        // Needles that entered the skin in the window reached this deep (ground truth; stroke bottoms are exact).
        if (pen.Board.Penetrations > entries) c.Add("truePenetration", pen.Board.DeepestPenetrationMm, "mm");
        c.Add("feedbackError", Math.Abs(sumFw / n - truth), "mm");
        // What the firmware believes from its potentiometer: shown, never judged (an offset pot reads right while the needle is off).
        c.Add("sensorError", Math.Abs(sumFw / n - target), "mm");
    }

    private void RunHardLimit(ulong seed, Action<BenchCase> add, MnPen.Hal.Simulator.Platform.PlatformKind platform, Runner.PopulationPen penOfRun)
    {
        var refused = new BenchCase(Name, LimitCases[0]) { PrimaryMeasurement = "maxTrueDepthOverLimit" };
        var buttons = new BenchCase(Name, LimitCases[1]) { PrimaryMeasurement = "maxTrueDepthOverLimit" };
        try
        {
            var options = new VirtualPenOptions { Seed = seed, Skin = SkinProfile.Nominal, Cartridge = CartridgeKinds.Shallow, Platform = platform };
            var pen = VirtualPen.VirtualPen.Create(penOfRun.Apply(options));
            pen.Boot();
            if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 2.0)) throw new InvalidOperationException("pen did not become Ready: " + pen.Firmware.State);
            var fw = pen.Firmware;
            double limit = fw.DepthControl.LimitMm;
            refused.Parameters["limit"] = limit.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            buttons.Parameters["limit"] = refused.Parameters["limit"];
            double maxTrue = 0;
            int accepted = 0;
            foreach (double ask in new[] { limit + 0.05, limit + 0.5, 2.5, 3.0, 100.0 })
            {
                if (fw.SetDepthMm((float)ask) == CommandResult.Accepted) accepted++;
                for (int k = 0; k < 100; k++) { pen.Step(); maxTrue = Math.Max(maxTrue, pen.Board.NeedleDepthMm); }
            }
            refused.Add("acceptedAboveLimit", accepted, "commands", LimitKind.AtMost, 0);
            refused.Add("maxTrueDepthOverLimit", Math.Max(0, maxTrue - limit), "mm", LimitKind.AtMost, MaxErrorMm);
            refused.Add("cartridgeLimit", limit, "mm");

            fw.SetDepthMm((float)(limit - 0.2));
            pen.RunUntil(() => fw.DepthControl.Reached, 1.0);
            if (fw.RequestStart() != CommandResult.Accepted || !pen.RunUntil(() => fw.State == PenState.Running, 1.0))
                throw new InvalidOperationException("pen did not start with the shallow cartridge: " + fw.LastRefusalFault);
            maxTrue = 0;
            float maxTarget = 0;
            pen.Press(SimButton.DepthUp);
            for (int k = 0; k < 3000; k++)
            {
                pen.Step();
                maxTrue = Math.Max(maxTrue, pen.Board.NeedleDepthMm);
                maxTarget = Math.Max(maxTarget, fw.DepthControl.TargetMm);
            }
            pen.Release(SimButton.DepthUp);
            buttons.Add("maxTargetOverLimit", Math.Max(0, maxTarget - limit), "mm", LimitKind.AtMost, 0.0001);
            buttons.Add("maxTrueDepthOverLimit", Math.Max(0, maxTrue - limit), "mm", LimitKind.AtMost, MaxErrorMm);
            buttons.Add("stillRunning", fw.State == PenState.Running ? 1 : 0, "", LimitKind.AtLeast, 1);
        }
        catch (InvalidOperationException e)
        {
            refused.Error ??= e.Message;
            buttons.Error ??= e.Message;
        }
        add(refused);
        add(buttons);
    }
}
