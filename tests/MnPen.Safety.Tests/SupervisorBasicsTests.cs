namespace MnPen.Safety.Tests;

public class SupervisorBasicsTests
{
    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void Gate_stays_forced_safe_until_the_self_test_and_clock_check_pass()
    {
        var rig = new Rig();
        for (int k = 0; k < 200; k++) rig.Tick(0.5f);
        Assert.True(rig.Gate.ForcedSafe);
        Assert.True(rig.Safe);
        rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts());
        for (int k = 0; k < rig.Sup.Limits.ClockCheckTicks; k++) rig.Tick(0f);
        Assert.False(rig.Sup.SelfTestDone);
        Assert.True(rig.Gate.ForcedSafe);
        rig.Tick(0f);
        rig.Tick(0f);
        Assert.True(rig.Sup.SelfTestPassed);
        Assert.False(rig.Gate.ForcedSafe);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-01")]
    public void Healthy_pen_runs_without_tripping()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 2000);
        Assert.False(rig.Sup.Tripped);
        Assert.Equal(0.6f, rig.Pwm.Duty);
        Assert.InRange(rig.Sup.MeasuredStrokeRate, 95f, 105f);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Measured_rate_falls_to_zero_once_strokes_stop()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 500);
        rig.Run(0f, 300);
        Assert.Equal(0f, rig.Sup.MeasuredStrokeRate);
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-CFG-01")]
    public void Invalid_limits_keep_the_motor_off()
    {
        var rig = new Rig(new SafetyLimits { OverTemperatureCelsius = 45f });
        Assert.Equal(FaultCode.SettingsInvalid, rig.Sup.ActiveFault);
        rig.Booted();
        rig.Run(0.5f, 100);
        Assert.True(rig.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-01")]
    public void Trip_accepts_only_hard_trip_codes()
    {
        var rig = new Rig().Booted();
        Assert.False(rig.Sup.Trip(FaultCode.BatteryLow));
        Assert.False(rig.Sup.Trip(FaultCode.CartridgeAbsent));
        Assert.False(rig.Sup.Tripped);
        rig.Run(0.5f, 10);
        Assert.True(rig.Sup.Trip(FaultCode.StorageCorrupt));
        Assert.True(rig.Safe);
        Assert.Equal(FaultCode.StorageCorrupt, rig.Sup.ActiveFault);
    }
}
