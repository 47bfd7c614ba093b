using MnPen.Hal.Simulator;

namespace MnPen.Simulator.Tests.Physics;

/// <summary>The hall switch between the cam magnet and the counter: its timing and the faults that fool the counter.</summary>
public class HallSwitchTests
{
    [Fact]
    public void Each_pulse_comes_on_the_switch_sampling_grid_one_to_two_sampling_periods_after_the_magnet_passes()
    {
        var b = Bench.Spinning();
        double sample = b.Parameters.Hall.SamplingPeriodMicros;
        for (int k = 0; k < 40; k++)
        {
            uint n = b.StrokeCounter.Count;
            while (b.StrokeCounter.Count == n) b.Advance(200);
            long late = (long)b.StrokeCounter.LastPulseMicros - (long)b.Powertrain.LastRevolutionMicros;
            Assert.InRange(late, (long)Math.Floor(sample), (long)Math.Ceiling(2 * sample) + 1);
        }
        Assert.Equal(b.Strokes, b.HallPulses);
    }

    [Fact]
    public void A_drop_out_as_long_as_its_period_is_refused_with_the_reason()
    {
        var b = Bench.Board(SkinProfile.Air);
        var e = Assert.Throws<ArgumentException>(() => b.Faults.Inject("hall-intermittent", "off=50", "period=50"));
        Assert.Contains("shorter than period", e.Message);
    }
}
