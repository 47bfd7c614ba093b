using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.VirtualPen;
using Xunit.Abstractions;

namespace MnPen.Firmware.Tests.Sensing;

/// <summary>
/// The rate loop's averaged current on a pen whose ADC zero lies below the converter's range (docs/hardware.md, "Loop
/// current"): the bias from the 3.3 V rail keeps the averaging node's zero readable at rest, so the zero the firmware
/// learns holds the pin's leakage. Judged against the simulator's true bridge current, the figure the loop's I·R term
/// rests on (1 mA of error is about 0.25 % of rate at 50 strokes/s).
/// </summary>
public sealed class LoopCurrentZeroTests
{
    private readonly ITestOutputHelper _out;

    public LoopCurrentZeroTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public void Loop_current_reads_the_true_mean_current_at_50_strokes_per_second_on_a_pen_whose_zero_lies_below_the_ADC_range()
    {
        double error = MeanErrorAmps(CurrentSenseDeadZoneTests.DeadZoneCorner());
        _out.WriteLine($"loop current − true mean current, air at 50 strokes/s: {error * 1000:+0.0;-0.0} mA");
        Assert.InRange(error, -0.002, 0.002);
    }

    [Fact]
    public void Without_the_bias_the_same_pen_reads_its_loop_current_high_by_the_pins_leakage()
    {
        var p = CurrentSenseDeadZoneTests.DeadZoneCorner();
        p.CurrentSense.MeanBiasOhms = 0;   // the earlier board: the node rests at the floor and its leakage is never read
        double error = MeanErrorAmps(p);
        _out.WriteLine($"without the bias: {error * 1000:+0.0;-0.0} mA");
        Assert.True(error > 0.004, $"read only {error * 1000:0.0} mA high");
    }

    // Boots the factory-calibrated pen, rests 2 s (the zero is learned asleep), runs level 1 in air and compares the loop's
    // reading with the true bridge current, both averaged over the same second of steady running.
    private static double MeanErrorAmps(SimParameters parameters)
    {
        var options = new VirtualPenOptions { Seed = 3, Parameters = parameters, Skin = SkinProfile.Air };
        options.Calibration = MnPen.VirtualPen.Factory.FactoryCalibrator.Measure(options);
        var pen = MnPen.VirtualPen.VirtualPen.Create(options);
        pen.Boot();
        pen.RunFor(2);
        var f = pen.Firmware;
        Assert.True(f.LoopCurrent.Available, "the board has the averaging channel");
        f.SetRateLevel(0);
        Assert.Equal(CommandResult.Accepted, f.RequestStart());
        pen.RunFor(1.0);
        double read = 0, truth = 0;
        int n = 0, m = 0;
        pen.AfterStep = () => { read += f.LoopCurrent.Amps; n++; };
        using var sampler = pen.Board.Samplers.Add(100, pen.Board.NowMicros, _ => { truth += pen.Board.BridgeCurrentAmps; m++; });
        pen.RunFor(1.0);
        pen.AfterStep = null;
        Assert.Equal(MnPen.Safety.FaultCode.None, f.ActiveFault);
        return read / n - truth / m;
    }
}
