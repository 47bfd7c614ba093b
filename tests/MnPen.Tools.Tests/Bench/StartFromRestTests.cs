using MnPen.Bench.Runner;
using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Platform;
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
}
