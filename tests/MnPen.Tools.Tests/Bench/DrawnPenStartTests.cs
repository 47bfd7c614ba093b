using MnPen.Bench.Runner;
using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Hal.Simulator;

namespace MnPen.Tools.Tests.Bench;

/// <summary>Every drawn pen, on its own calibration and aged parts, gets from Ready through Starting into Running.</summary>
public sealed class DrawnPenStartTests
{
    [Fact]
    public void Every_drawn_pen_of_seed_1_starts_at_2_mm_once_its_depth_is_reached()
    {
        // Before the depth trim stopped winding up while the actuator travelled, 4 of these 49 pens overshot the verify
        // band after "reached" and crept back too slowly: Starting gave up with DepthNotReached (the rate bench's
        // "pen did not start (state Ready)").
        var population = new PenPopulation(1, 50);
        var refused = new List<string>();
        for (int k = 1; k < population.Count; k++)
        {
            var pen = BenchPen.Ready(1, SkinProfile.Air, BenchBattery.Full, 2.0, pen: population.Pen(k));
            var fw = pen.Firmware;
            fw.SetRateLevel(0);
            var r = fw.RequestStart();
            if (r != CommandResult.Accepted || !pen.RunUntil(() => fw.State == PenState.Running, 1.0))
                refused.Add($"pen {k}: {r}, state {fw.State}, {fw.LastRefusalFault}, needle {pen.Board.NeedleDepthMm:0.0000} mm");
        }
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }
}
