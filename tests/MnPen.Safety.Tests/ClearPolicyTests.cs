namespace MnPen.Safety.Tests;

/// <summary>Every latched cause keeps its own clear policy: one clear never removes a cause that needs more.</summary>
public class ClearPolicyTests
{
    // CartridgeRemoved (acknowledge) first, then a ControlLoopOverrun (power cycle) while it is latched.
    private static Rig RemovedThenOverrun()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 300);
        rig.In.CartridgePresent = false;
        rig.Tick(0.6f);
        Assert.Equal(FaultCode.CartridgeRemoved, rig.Sup.ActiveFault);
        rig.In.CartridgePresent = true;
        rig.Run(0f, 300);
        rig.In.LastTickDurationMicros = 50000;
        for (int k = 0; k < rig.Sup.Limits.OverrunTicks; k++) rig.Tick(0f);
        rig.In.LastTickDurationMicros = 200;
        rig.Run(0f, 200);
        Assert.True(rig.Sup.HasSeen(FaultCode.ControlLoopOverrun));
        return rig;
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Acknowledge_after_removal_then_overrun_keeps_the_pen_off_until_a_power_cycle()
    {
        var rig = RemovedThenOverrun();
        Assert.Equal(ClearPolicy.PowerCycle, rig.Sup.StrictestPolicy);

        Assert.Equal(AcknowledgeResult.NeedsPowerCycle, rig.Sup.Acknowledge());

        Assert.True(rig.Sup.Tripped);
        Assert.Equal(FaultCode.ControlLoopOverrun, rig.Sup.ActiveFault);
        Assert.False(rig.Sup.HasSeen(FaultCode.CartridgeRemoved));
        // A fresh start from zero must not move the motor.
        rig.Tick(0f);
        for (int k = 0; k < 500; k++)
        {
            rig.Tick(0.6f);
            Assert.True(rig.Safe, $"motor driven {k} ms after the acknowledge");
        }
        rig.Run(0f, 300);
        Assert.Equal(AcknowledgeResult.NeedsPowerCycle, rig.Sup.Acknowledge());
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Service_clear_removes_the_service_cause_but_not_a_power_cycle_cause()
    {
        var rig = RemovedThenOverrun();
        rig.Sup.Trip(FaultCode.ClockMismatch);
        rig.Run(0f, 10);
        Assert.Equal(ClearPolicy.Service, rig.Sup.StrictestPolicy);
        Assert.Equal(AcknowledgeResult.NeedsService, rig.Sup.Acknowledge());
        Assert.True(rig.Sup.HasSeen(FaultCode.ClockMismatch));

        Assert.Equal(AcknowledgeResult.NeedsPowerCycle, rig.Sup.ServiceClear());
        Assert.False(rig.Sup.HasSeen(FaultCode.ClockMismatch));
        Assert.True(rig.Sup.HasSeen(FaultCode.ControlLoopOverrun));
        Assert.True(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void A_cause_whose_condition_persists_stays_latched_when_the_others_clear()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 300);
        rig.In.CartridgePresent = false;
        rig.In.DriverFault = true;
        rig.Tick(0.6f);
        rig.In.CartridgePresent = true;
        rig.Run(0f, 300);
        Assert.Equal(AcknowledgeResult.ConditionPresent, rig.Sup.Acknowledge());
        Assert.True(rig.Sup.HasSeen(FaultCode.DriverFault));
        Assert.False(rig.Sup.HasSeen(FaultCode.CartridgeRemoved));
        Assert.Equal(FaultCode.DriverFault, rig.Sup.ActiveFault);
        rig.In.DriverFault = false;
        rig.Tick(0f);
        Assert.Equal(AcknowledgeResult.Cleared, rig.Sup.Acknowledge());
        Assert.Equal(0UL, rig.Sup.LatchedMask);
    }
}
