using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Simulator.Tests.Population;

public sealed class HallAngleTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(-0.1)]
    [InlineData(3.0)]
    public void The_hall_switch_sees_every_cam_turn_wherever_its_magnet_sits(double magnetRadians)
    {
        // A drawn pen's magnet sits a little off the reference angle; a step that wraps past a full turn must still
        // pass a magnet just after zero (at 150 strokes/s a 200 µs substep turns the cam 0.19 rad).
        var p = SimParameters.Default();
        p.Cam.HallAngleRadians = magnetRadians;
        var b = new VirtualBoard(new SimOptions { Seed = 3, Skin = SkinProfile.Air, Parameters = p });
        b.Pen.MotorEnable.Write(true);
        b.Pen.MotorPwm.Start();
        b.Pen.MotorPwm.Duty = 0.9f;
        b.AdvanceSeconds(0.4);
        uint pulses0 = b.StrokeCounter.Count;
        double integrated = 0;
        for (int i = 0; i < 1000; i++)
        {
            b.Advance(1000);
            integrated += b.StrokeRate * 1e-3;
        }
        Assert.True(b.StrokeRate > 100, "the cam must turn fast enough for a step to wrap past the magnet");
        double turns = integrated;
        Assert.InRange(b.StrokeCounter.Count - pulses0, turns - 1.5, turns + 1.5);
    }
}
