using MnPen.Bench.Runner;
using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;
using MnPen.Hal.Simulator.Platform;
using MnPen.VirtualPen;
using MnPen.Safety;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// The motor's start from rest on drawn pens, judged from the simulator's truth: the supervisor's stall push neither spins
/// the rotor past the level nor calls a heavy tough-skin start a jam (docs/control.md "Soft start and the stall push").
/// </summary>
public sealed class StartFromRestTests
{
    private readonly ITestOutputHelper _out;

    public StartFromRestTests(ITestOutputHelper output) => _out = output;

    private static readonly PenPopulation Population = new(1, 50);

    private static RateSegment Start(int pen, SkinProfile skin, BenchBattery battery, PlatformKind platform)
    {
        var p = Population.Pen(pen);
        return RateSuite.RunSequence(p.NoiseSeed, skin, battery, new[] { 0 }, openLoop: false, platform: platform, populationPen: p)[0];
    }

    // Pen 0's tough-skin start: the puncture stalled the rotor in the ramp and two ticks of 0.5 duty spun it 10.6 % past
    // 50 /s; the load then came a filter time late and the hold stayed 1.42 % low.
    [Theory]
    [InlineData(SkinProfile.Tough, PlatformKind.Esp32Nf)]
    [InlineData(SkinProfile.Tough, PlatformKind.Ideal)]
    public void A_level_1_start_that_stalls_on_a_puncture_stays_within_the_rate_targets(SkinProfile skin, PlatformKind platform)
    {
        var s = Start(0, skin, BenchBattery.Full, platform);
        _out.WriteLine($"pen 0 {skin} {platform}: overshoot {s.OvershootPct:0.00} %, steady-state error {s.SteadyStateErrorPct:0.00} %");
        Assert.True(s.OvershootPct <= RateSuite.MaxOvershootPct, $"overshoot {s.OvershootPct:0.00} %");
        Assert.True(s.SteadyStateErrorPct <= RateSuite.MaxSteadyStateErrorPct, $"steady-state error {s.SteadyStateErrorPct:0.00} %");
    }

    // Pen 11's nominal-skin start overshot 34 % on the 0.5 push. Its steady state at 50 /s within the first 0.6 s is the
    // drawn pens' open 50 /s tolerance (docs/control.md "Known limits"), not the push's: only the overshoot is judged here.
    [Fact]
    public void The_stall_push_does_not_spin_a_drawn_pen_past_its_level()
    {
        var s = Start(11, SkinProfile.Nominal, BenchBattery.Full, PlatformKind.Esp32Nf);
        _out.WriteLine($"pen 11 nominal: overshoot {s.OvershootPct:0.00} %");
        Assert.True(s.OvershootPct <= RateSuite.MaxOvershootPct, $"overshoot {s.OvershootPct:0.00} %");
    }

    private static readonly PenPopulation WideMotors = new(1, 50, null, 0.3);

    // Motors far from nominal (the ±30 % draw, after the station's motor auto-tune), judged from the simulator's true cam
    // revolutions. Pen 11 (kₑ −27.7 %): the 0.5 push gave its weak motor 4.2 mN·m, it broke the puncture too slowly for its
    // back-EMF to show within the tick, was taken on to the probe torque (duty 0.88, 1.5 A) and overshot 28.9 % (full pack);
    // pen 40 (kₑ −14.8 %) 13.1 % on the sagging pack. Pen 42 (kₑ −28.9 %) in air was pushed on its first reading from rest
    // while its free rotor was still gathering speed: 7.3 %.
    [Theory]
    [InlineData(11, SkinProfile.Tough, "full")]
    [InlineData(40, SkinProfile.Tough, "sagging")]
    [InlineData(42, SkinProfile.Air, "sagging")]
    public void A_weak_motors_start_does_not_overshoot_its_level(int pen, SkinProfile skin, string battery)
    {
        var p = WideMotors.Pen(pen);
        var b = battery == "full" ? BenchBattery.Full : BenchBattery.Sagging;
        var s = RateSuite.RunSequence(p.NoiseSeed, skin, b, new[] { 0 }, openLoop: false, platform: PlatformKind.Esp32Nf, populationPen: p)[0];
        _out.WriteLine($"pen {pen} (±30 % motors) {skin} {battery}: overshoot {s.OvershootPct:0.00} %");
        Assert.True(s.OvershootPct <= RateSuite.MaxOvershootPct, $"overshoot {s.OvershootPct:0.00} %");
    }

    // The weakest motors of seed 3's ±30 % draw: pen 13 (a weak motor) trailed the soft start's ramp by its longer
    // mechanical time constant, and at the ramp's end the observer still held the acceleration's current as load: its
    // nominal-skin 50 /s start overshot 11.3 %. The approach's last 30 % now ramps at the reference motor's time constant
    // over this one's (RateController.SoftStartApproachShare); known-bad: the same pen ramping the whole way at full slew.
    [Fact]
    public void A_weak_motors_soft_start_slows_its_approach_and_stays_within_the_overshoot_target()
    {
        var p = new PenPopulation(3, 50, null, 0.3).Pen(13);
        double Overshoot(float approachShare) => RateSuite.RunSequence(p.NoiseSeed, SkinProfile.Nominal, BenchBattery.Full, new[] { 0 }, openLoop: false,
            configure: fw => fw.RateControl.SoftStartApproachShare = approachShare, platform: PlatformKind.Esp32Nf, populationPen: p)[0].OvershootPct;
        double slowed = Overshoot(new MnPen.Firmware.RateController().SoftStartApproachShare), full = Overshoot(2f);
        _out.WriteLine($"seed 3 pen 13 (±30 % motors), nominal skin, full pack: overshoot {slowed:0.00} % with the approach slowed, {full:0.00} % without");
        Assert.True(slowed <= RateSuite.MaxOvershootPct, $"overshoot {slowed:0.00} % with the approach slowed");
        Assert.True(full > RateSuite.MaxOvershootPct, $"the known-bad full-slew ramp overshot only {full:0.00} %");
    }

    // The working day's false CartridgeJam (pens 6 and 46: tough skin, level 4, 1.5 mm, the reference cartridge), reproduced
    // short: repeated starts from rest leave the cam at many angles, some with the needles resting on the skin, where the
    // rotor stalls in the soft start against a puncture the 0.5 push could not break (4 and 14 of 100 starts at 7.6 V).
    [Theory]
    [InlineData(6)]
    [InlineData(46)]
    public void A_tough_skin_start_at_1_5_mm_from_rest_is_never_taken_for_a_jam(int penIndex)
    {
        const double depth = 1.5;
        var p = Population.Pen(penIndex);
        var pen = BenchPen.Ready(p.NoiseSeed, SkinProfile.Tough, new BenchBattery("7.6 V", 7.6, 0.0), depth, pen: p);
        var fw = pen.Firmware;
        Assert.Equal(CommandResult.Accepted, fw.SetRateLevel(4));
        var faults = new List<string>();
        for (int k = 0; k < 60; k++)
        {
            long strokes = pen.Board.Strokes;
            Assert.Equal(CommandResult.Accepted, fw.RequestStart());
            Assert.True(pen.RunUntil(() => fw.State != PenState.Starting && fw.State != PenState.Ready, 1.0), "did not start: " + fw.State);
            ulong t0 = pen.NowMicros;
            while (pen.NowMicros < t0 + 250_000 && fw.ActiveFault == FaultCode.None) pen.Step();
            if (fw.ActiveFault != FaultCode.None)
            {
                faults.Add($"start {k}: {fw.ActiveFault} after {(pen.NowMicros - t0) / 1000.0:0} ms");
                break;
            }
            // Truth: the needle ran (the cam turned), nothing jammed it.
            Assert.True(pen.Board.Strokes - strokes >= 5, $"start {k}: only {pen.Board.Strokes - strokes} strokes in 250 ms");
            fw.RequestStop();
            Assert.True(pen.RunUntil(() => fw.State == PenState.Ready, 1.0), "not Ready after the stop: " + fw.State);
            // A few ms more or less each time, so the cam comes to rest at many angles.
            pen.RunUntil(() => false, 0.05 + 0.013 * (k % 8));
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }
    // Starts from rest of every cartridge kind over drawn pens (docs/cartridge.md "Starts from rest over the population"):
    // MNPEN_START_PENS=50 runs the whole population (about 25 s on two cores), the default the first 8 pens.
    private static int StartPens => int.TryParse(Environment.GetEnvironmentVariable("MNPEN_START_PENS"), out int n) && n > 0 ? n : 8;

    /// <summary>
    /// Boots pen p with a cartridge of the kind in tough skin on the battery, sets the deepest depth the pen accepts at or
    /// under the kind's rated one, and starts it from rest at 50 /s the given number of times (the cam coming to rest at a
    /// different angle each time). Returns the depth and one line per start that did not run at its rate (empty: every
    /// start ran, at 45 strokes or more in the second after its first 500 ms).
    /// </summary>
    private static (double Depth, List<string> Failures) StartsFromRest(PopulationPen p, string kind, BenchBattery battery, int starts)
    {
        var k = CartridgeKinds.FindKind(kind)!;
        var options = new VirtualPenOptions
        {
            Seed = p.NoiseSeed, Skin = SkinProfile.Tough, Cartridge = kind,
            BatteryStateOfCharge = Battery.StateOfChargeForOpenCircuitVolts(SimParameters.Default().Battery, battery.OpenCircuitVolts),
        };
        var pen = VirtualPen.VirtualPen.Create(p.Apply(options));
        if (battery.ExtraOhms > 0) pen.InjectFault("battery-sag", new[] { new KeyValuePair<string, double>("ohms", battery.ExtraOhms) });
        pen.Boot();
        var fw = pen.Firmware;
        Assert.True(pen.RunUntil(() => fw.State == PenState.Ready, 2.0), "not Ready: " + fw.State);
        double depth = k.MaxDepthMm;
        var set = fw.SetDepthMm((float)depth);
        while (set == CommandResult.RefusedCartridge && depth > 0.05)
        {
            depth = Math.Round(depth - 0.05, 2);
            set = fw.SetDepthMm((float)depth);
        }
        Assert.True(set == CommandResult.Accepted || set == CommandResult.AlreadyDone, $"{kind}: no depth accepted ({set})");
        Assert.True(pen.RunUntil(() => fw.DepthControl.Reached, 2.0), "depth not reached");
        Assert.Contains(fw.SetRateLevel(0), new[] { CommandResult.Accepted, CommandResult.AlreadyDone });
        var failures = new List<string>();
        for (int s = 0; s < starts && failures.Count == 0; s++)
        {
            long strokes = pen.Board.Strokes;
            var r = fw.RequestStart();
            if (r != CommandResult.Accepted) { failures.Add($"start {s}: {r}"); break; }
            // The first start writes the cartridge's usage record before the motor runs: time runs from the drive.
            pen.RunUntil(() => fw.State != PenState.Starting && fw.State != PenState.Ready, 1.0);
            ulong t0 = pen.NowMicros;
            while (pen.NowMicros < t0 + 500_000 && !fw.Safety.Tripped) pen.Step();
            // Truth: the cam turned (at 50 /s at least 5 strokes in the half second after a soft start), nothing tripped.
            if (fw.Safety.Tripped) failures.Add($"start {s}: {fw.Safety.ActiveFault} after {(pen.NowMicros - t0) / 1000.0:0} ms, {pen.Board.Strokes - strokes} strokes");
            else if (pen.Board.Strokes - strokes < 5) failures.Add($"start {s}: only {pen.Board.Strokes - strokes} strokes in 500 ms");
            else
            {
                // Started is running at the level: over the next second the cam turns at 90 % of 50 /s at least. A rotor
                // held below half speed by a load the loop had not observed crawled at 17-20 /s here (pen 25, 16 needles at
                // 2.5 mm, sagging pack) until LoadObserver.StallHoldMaxSeconds; every start now turns 49-51 strokes.
                long s1 = pen.Board.Strokes;
                ulong t1 = pen.NowMicros;
                while (pen.NowMicros < t1 + 1_000_000 && !fw.Safety.Tripped) pen.Step();
                long turned = pen.Board.Strokes - s1;
                if (fw.Safety.Tripped) failures.Add($"start {s}: {fw.Safety.ActiveFault} in its second second");
                else if (turned < 45) failures.Add($"start {s}: only {turned} strokes in the second after the first 500 ms (50 /s set)");
            }
            fw.RequestStop();
            pen.RunUntil(() => fw.State == PenState.Ready, 1.0);
            pen.RunUntil(() => false, 0.05 + 0.013 * (s % 8));
        }
        return (depth, failures);
    }

    // Before the drive's start check, 24 needles at 1.5 mm and 36 at 1.0 mm (accepted by a needles × depth budget of
    // 40 needle·mm) stalled at the puncture from rest and tripped CartridgeJam on 26 and 48 of 50 pens at 8.4 V (8 starts
    // each); the reference cartridge at 2.5 mm stalled under the soft start's duty after 2-5 strokes on 8 of 50.
    [Theory]
    [InlineData("36-needle", "full")]
    [InlineData("36-needle", "sagging")]
    [InlineData("24-needle", "full")]
    [InlineData("24-needle", "sagging")]
    [InlineData("16-needle", "full")]
    [InlineData("16-needle", "sagging")]
    [InlineData("12-needle", "sagging")]
    [InlineData("nano", "sagging")]
    public void Every_cartridge_at_the_deepest_depth_the_pen_accepts_starts_from_rest_in_tough_skin_on_every_pen(string kind, string battery)
    {
        var b = battery == "full" ? BenchBattery.Full : BenchBattery.Sagging;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var depths = new System.Collections.Concurrent.ConcurrentBag<double>();
        Parallel.For(0, StartPens, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (depth, f) = StartsFromRest(Population.Pen(i), kind, b, 8);
            depths.Add(depth);
            foreach (var line in f) failures.Add($"pen {i} at {depth:0.00} mm, {line}");
        });
        _out.WriteLine($"{kind} {battery}: {StartPens} pens x 8 starts at {depths.Min():0.00}-{depths.Max():0.00} mm, {failures.Count} pen(s) failed");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.OrderBy(x => x)));
    }

    // Pen 0 stalled from rest at these rated depths under the old budget (24 needles at 1.5 mm: 1 of 8 starts; 36 at 1.0 mm:
    // 1 of 4): the depth is now refused with its reason before the motor runs, and the deepest it accepts starts.
    [Theory]
    [InlineData("24-needle", 1.5f, 0.5)]
    [InlineData("36-needle", 1.0f, 0.3)]
    public void A_heavy_cartridge_at_its_rated_depth_is_refused_with_the_reason_before_the_motor_runs(string kind, float rated, double deepest)
    {
        var options = new VirtualPenOptions { Seed = 1, Skin = SkinProfile.Tough, Cartridge = kind };
        var pen = VirtualPen.VirtualPen.Create(options);
        pen.Boot();
        var fw = pen.Firmware;
        Assert.True(pen.RunUntil(() => fw.State == PenState.Ready, 2.0), "not Ready: " + fw.State);
        Assert.Equal(rated, CartridgeKinds.FindKind(kind)!.MaxDepthMm, 3);
        Assert.Equal(CommandResult.RefusedCartridge, fw.SetDepthMm(rated));
        Assert.Equal(FaultCode.CartridgeTooHeavy, fw.LastRefusalFault);
        Assert.Contains("stall", FaultCatalog.Cause(FaultCode.CartridgeTooHeavy));
        Assert.Contains("0.5 mm for 24 needles", FaultCatalog.Remedy(FaultCode.CartridgeTooHeavy));
        Assert.Equal(CommandResult.RefusedCartridge, fw.SetDepthMm((float)deepest + 0.05f));
        Assert.Contains(fw.SetDepthMm((float)deepest), new[] { CommandResult.Accepted, CommandResult.AlreadyDone });
        Assert.Equal(0, pen.Board.Strokes);
    }
}
