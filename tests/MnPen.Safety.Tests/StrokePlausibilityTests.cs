namespace MnPen.Safety.Tests;

/// <summary>
/// The stroke-sensor cross-check on the supervisor: hall pulses counted against the strokes the motor's back-EMF implies.
/// The rig's motor here draws the current a real one would at its true speed, (duty × V − 2πkₑ·rate) / R, while the
/// counter may see another rate: the one a faulty hall switch reports.
/// </summary>
public class StrokePlausibilityTests
{
    private static Rig Consistent()
    {
        var rig = new Rig(new SafetyLimits()).Booted();
        rig.AutoCurrent = false;
        return rig;
    }

    // Runs ms ticks with the counter stroking at rig.StrokeRate while the motor turns at trueRate.
    private static int Run(Rig rig, float duty, int ms, float trueRate)
    {
        var l = rig.Sup.Limits;
        for (int k = 0; k < ms; k++)
        {
            rig.In.MotorCurrentAmps = (duty * rig.In.BatteryVolts - 2f * MathF.PI * l.MotorBackEmfVoltSecondsPerRad * trueRate)
                / (l.MotorResistanceOhms + l.BridgeOnResistanceOhms);
            rig.Tick(duty);
            if (rig.Sup.Tripped) return k;
        }
        return -1;
    }

    [Fact]
    public void A_counter_that_agrees_with_the_motor_never_trips_and_its_ratio_is_learned_near_one()
    {
        var rig = Consistent();
        Assert.Equal(-1, Run(rig, 0.6f, 20000, 100f));
        Assert.InRange(rig.Sup.StrokeSensorRatio, 0.99f, 1.01f);
    }

    [Fact]
    public void A_counter_two_percent_off_the_motor_after_learning_stays_inside_the_allowance()
    {
        var rig = Consistent();
        Run(rig, 0.6f, 4000, 100f);
        Assert.Equal(-1, Run(rig, 0.6f, 20000, 102f));
    }

    [Theory]
    [InlineData(100f / 0.95f)] // misses 1 pulse in 20
    [InlineData(100f / 1.10f)] // adds 1 pulse in 10
    public void A_counter_off_by_5_percent_or_more_after_learning_trips_within_its_deadline(float trueRate)
    {
        var rig = Consistent();
        Assert.Equal(-1, Run(rig, 0.6f, 4000, 100f));
        int ms = Run(rig, 0.6f, 10000, trueRate);
        Assert.Equal(FaultCode.StrokeSensorImplausible, rig.Sup.ActiveFault);
        Assert.InRange(ms, 0, FaultCatalog.DetectionDeadlineMicros(FaultCode.StrokeSensorImplausible) / 1000);
        Assert.True(rig.Safe);
    }

    [Fact]
    public void A_counter_wrong_from_the_first_stroke_by_more_than_the_motor_tolerance_trips_when_learning_ends()
    {
        var rig = Consistent();
        int ms = Run(rig, 0.6f, 10000, 100f / 1.2f);
        Assert.Equal(FaultCode.StrokeSensorImplausible, rig.Sup.ActiveFault);
        // 300 strokes at 100 /s.
        Assert.InRange(ms, 2900, 3200);
    }
}
