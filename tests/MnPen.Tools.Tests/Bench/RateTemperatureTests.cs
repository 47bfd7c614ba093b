using MnPen.Bench.Runner;
using MnPen.Bench.Suites;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Platform;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// The rate loop's motor model on a warm or cold pen: the winding's resistance follows its temperature (copper, 0.39 %/K),
/// and the I·R part of the motor equation is a third of the duty in tough skin at 50 strokes/s, so the model takes the
/// path at the handpiece temperature (docs/control.md "Stroke rate"). Judged from the cam's true revolutions.
/// </summary>
public sealed class RateTemperatureTests
{
    private readonly ITestOutputHelper _out;

    public RateTemperatureTests(ITestOutputHelper output) => _out = output;

    private static readonly PenPopulation Population = new(1, 1);

    // A pen held in the hand for a while sits at 30-35 °C; a pen out of a cold car at 10 °C. The soak reaches the winding,
    // the grip and (over the idle seconds before the start) the thermistor bead and the firmware's filtered reading.
    [Theory]
    [InlineData(35.0)]
    [InlineData(10.0)]
    public void The_level_1_hold_in_tough_skin_stays_within_its_target_on_a_warm_or_cold_pen(double celsius)
    {
        var p = Population.Pen(0);
        var segments = RateSuite.RunSequence(p.NoiseSeed, SkinProfile.Tough, BenchBattery.Full, new[] { 0, 1, 0 }, openLoop: false,
            platform: PlatformKind.Esp32Nf, populationPen: p, prepare: pen =>
            {
                pen.Board.AmbientCelsius = celsius;
                pen.Board.Thermal.Soak(celsius);
                pen.RunUntil(() => false, 20.0);
            });
        foreach (var s in segments)
            _out.WriteLine($"{celsius} °C, {s.Target} /s: steady-state error {s.SteadyStateErrorPct:0.00} %, overshoot {s.OvershootPct:0.00} %");
        foreach (var s in segments)
            Assert.True(s.SteadyStateErrorPct <= RateSuite.MaxSteadyStateErrorPct, $"{s.Target} /s at {celsius} °C: steady-state error {s.SteadyStateErrorPct:0.00} %");
    }
}
