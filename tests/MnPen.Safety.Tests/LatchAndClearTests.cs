namespace MnPen.Safety.Tests;

public class LatchAndClearTests
{
    private static Rig TrippedBy(Action<Rig> inject, float duty = 0.6f)
    {
        var rig = new Rig().Booted();
        rig.Run(duty, 300);
        inject(rig);
        for (int k = 0; k < 1000 && !rig.Sup.Tripped; k++) rig.Tick(duty);
        Assert.True(rig.Sup.Tripped);
        return rig;
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-01")]
    public void Fault_stays_latched_after_the_condition_goes()
    {
        var rig = TrippedBy(r => r.In.DriverFault = true);
        rig.In.DriverFault = false;
        rig.Run(0.6f, 500);
        Assert.Equal(FaultCode.DriverFault, rig.Sup.ActiveFault);
        Assert.True(rig.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-01")]
    public void First_cause_is_kept_and_other_causes_are_counted_once()
    {
        var rig = TrippedBy(r => { r.In.DriverFault = true; r.In.CartridgePresent = false; });
        Assert.Equal(FaultCode.DriverFault, rig.Sup.ActiveFault);
        Assert.True(rig.Sup.HasSeen(FaultCode.CartridgeRemoved));
        rig.In.BatteryVolts = 5f;
        rig.Run(0.6f, 50);
        Assert.Equal(FaultCode.DriverFault, rig.Sup.ActiveFault);
        Assert.Equal(2, rig.Sup.OtherFaultCount);
        Assert.True(rig.Sup.HasSeen(FaultCode.UnderVoltage));
        Assert.False(rig.Sup.HasSeen(FaultCode.Overcurrent));
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Acknowledge_while_the_motor_is_still_commanded_is_refused()
    {
        var rig = TrippedBy(r => r.In.DriverFault = true);
        rig.In.DriverFault = false;
        rig.Run(0.6f, 200);
        Assert.Equal(AcknowledgeResult.MotorStillCommanded, rig.Sup.Acknowledge());
        Assert.True(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Clear_while_commanded_race_never_restarts_the_motor()
    {
        // The control core keeps asking for duty while claiming it does not command the motor: refused.
        var rig = TrippedBy(r => r.In.DriverFault = true);
        rig.In.DriverFault = false;
        rig.Run(0.6f, 200);
        rig.In.MotorCommanded = false;
        rig.Tick();
        Assert.Equal(AcknowledgeResult.MotorStillCommanded, rig.Sup.Acknowledge());
        // It stops for one tick, the user acknowledges, and in the same moment the core (still in its running
        // state) asks for duty again: the stale request must never reach the motor.
        rig.Gate.Request(0f);
        rig.Tick();
        Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.Acknowledge());
        rig.In.MotorCommanded = true;
        rig.Gate.Request(0.6f);
        for (int k = 0; k < 100; k++)
        {
            rig.Tick(0.6f);
            Assert.True(rig.Safe, $"restarted {k} ticks after the clear");
        }
        Assert.False(rig.Sup.Tripped);
        // A fresh start goes through zero first.
        rig.Tick(0f);
        rig.Tick(0.6f);
        Assert.Equal(FaultCode.None, rig.Sup.ActiveFault);
        Assert.Equal(0.6f, rig.Pwm.Duty);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Acknowledge_the_same_tick_the_core_requests_again_does_not_start_the_motor()
    {
        var rig = TrippedBy(r => r.In.CartridgePresent = false);
        rig.In.CartridgePresent = true;
        rig.Run(0f, 200);
        Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.Acknowledge());
        rig.Gate.Request(0.7f);
        Assert.True(rig.Safe);
        rig.In.MotorCommanded = true;
        rig.Tick(0.7f);
        Assert.True(rig.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Acknowledge_is_refused_while_the_condition_is_present()
    {
        var rig = TrippedBy(r => r.In.HandpieceCelsius = 41f);
        rig.Run(0f, 200);
        Assert.Equal(AcknowledgeResult.ConditionPresent, rig.Sup.Acknowledge());
        rig.In.HandpieceCelsius = 37.5f;
        rig.Run(0f, 5);
        Assert.Equal(AcknowledgeResult.ConditionPresent, rig.Sup.Acknowledge());
        rig.In.HandpieceCelsius = 36.5f;
        rig.Run(0f, 5);
        Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.Acknowledge());
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Acknowledge_waits_for_the_motor_to_stop_turning()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 300);
        rig.Sup.Trip(FaultCode.Overcurrent);
        rig.Gate.Request(0f);
        rig.In.MotorCommanded = false;
        Assert.Equal(AcknowledgeResult.MotorStillCommanded, rig.Sup.Acknowledge());
        rig.Run(0f, 150);
        Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.Acknowledge());
    }

    [Theory]
    [InlineData(FaultCode.Overspeed, AcknowledgeResult.NeedsPowerCycle)]
    [InlineData(FaultCode.ControlLoopOverrun, AcknowledgeResult.NeedsPowerCycle)]
    [InlineData(FaultCode.ThermistorOpen, AcknowledgeResult.NeedsService)]
    [InlineData(FaultCode.CalibrationInvalid, AcknowledgeResult.NeedsService)]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Faults_beyond_user_acknowledgement_stay_latched(FaultCode code, AcknowledgeResult expected)
    {
        var rig = new Rig().Booted();
        rig.Sup.Trip(code);
        rig.Run(0f, 200);
        Assert.Equal(expected, rig.Sup.Acknowledge());
        Assert.Equal(code, rig.Sup.ActiveFault);
        if (expected == AcknowledgeResult.NeedsPowerCycle)
            Assert.Equal(AcknowledgeResult.NeedsPowerCycle, rig.Sup.ServiceClear());
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Service_clear_clears_a_service_fault_once_its_condition_is_gone()
    {
        var rig = TrippedBy(r => r.In.ThermistorRaw = 4095);
        rig.Run(0f, 200);
        Assert.Equal(AcknowledgeResult.ConditionPresent, rig.Sup.ServiceClear());
        rig.In.ThermistorRaw = 2048;
        rig.Run(0f, 2);
        Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.ServiceClear());
        Assert.Equal(AcknowledgeResult.NothingToClear, rig.Sup.Acknowledge());
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Every_clear_policy_in_the_catalogue_is_honoured_by_acknowledge()
    {
        foreach (var code in FaultCatalog.All)
        {
            if (FaultCatalog.ClassOf(code) != FaultClass.HardTrip) continue;
            var rig = new Rig().Booted();
            rig.Sup.Trip(code);
            rig.Run(0f, 150);
            var result = rig.Sup.Acknowledge();
            switch (FaultCatalog.PolicyOf(code))
            {
                case ClearPolicy.Acknowledge:
                    Assert.True(result == AcknowledgeResult.Cleared, $"{code}: {result}");
                    break;
                case ClearPolicy.PowerCycle:
                    Assert.Equal(AcknowledgeResult.NeedsPowerCycle, result);
                    break;
                case ClearPolicy.Service:
                    Assert.Equal(AcknowledgeResult.NeedsService, result);
                    Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.ServiceClear());
                    break;
                default:
                    Assert.Fail($"hard trip {code} has automatic policy");
                    break;
            }
            Assert.True(rig.Safe);
        }
    }
}
