namespace MnPen.Safety.Tests;

public class GateTests
{
    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void New_gate_holds_duty_zero_and_driver_asleep()
    {
        var pwm = new FakePwm { Duty = 0.7f };
        var en = new FakeOutput { Level = true };
        var gate = new MotorGate(pwm, en);
        Assert.Equal(0f, pwm.Duty);
        Assert.False(en.Level);
        Assert.True(gate.ForcedSafe);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-01")]
    public void Requests_do_not_reach_the_motor_while_forced_safe()
    {
        var pwm = new FakePwm();
        var en = new FakeOutput();
        var gate = new MotorGate(pwm, en);
        gate.Request(0.8f);
        Assert.Equal(0f, pwm.Duty);
        Assert.False(en.Level);
        Assert.Equal(0.8f, gate.RequestedDuty);
        Assert.Equal(0f, gate.AppliedDuty);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-01")]
    public void Control_core_cannot_release_the_gate()
    {
        // Release is supervisor-only: not part of the public surface the control core compiles against.
        var release = typeof(MotorGate).GetMethod("Release");
        Assert.Null(release);
        Assert.NotNull(typeof(MotorGate).GetMethod("ForceSafe"));
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Release_does_not_start_the_motor_and_a_stale_request_stays_ignored_until_zero()
    {
        var pwm = new FakePwm();
        var en = new FakeOutput();
        var gate = new MotorGate(pwm, en);
        gate.Request(0.6f);
        gate.Release();
        Assert.Equal(0f, pwm.Duty);
        Assert.Equal(0f, gate.RequestedDuty);
        gate.Request(0.6f);
        Assert.Equal(0f, pwm.Duty);
        Assert.False(en.Level);
        gate.Request(0f);
        gate.Request(0.6f);
        Assert.Equal(0.6f, pwm.Duty);
        Assert.True(en.Level);
    }

    // A released gate driving at 0.5, then forced safe: it brakes.
    private static MotorGate DrivenThenForcedSafe(out FakePwm pwm, out FakeOutput en)
    {
        pwm = new FakePwm();
        en = new FakeOutput();
        var gate = new MotorGate(pwm, en);
        gate.Release();
        gate.Request(0f);
        gate.Request(0.5f);
        gate.ForceSafe();
        return gate;
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void A_stop_brakes_with_the_driver_awake_and_sleeps_once_no_stroke_comes()
    {
        var pwm = new FakePwm();
        var en = new FakeOutput();
        var gate = new MotorGate(pwm, en);
        var limits = new SafetyLimits();
        gate.Release();
        gate.Request(0f);
        Assert.False(en.Level);     // idle: asleep, nothing to brake
        gate.Request(0.5f);
        Assert.True(en.Level);
        gate.Request(0f);
        // EN low with nSLEEP high is the DRV8876's brake; nSLEEP low would let the rotor coast.
        Assert.Equal(0f, pwm.Duty);
        Assert.True(en.Level);
        Assert.True(gate.Braking);
        ulong t = 1_000_000;
        uint strokes = 10;
        gate.SettleBrake(t, strokes, false, limits);
        for (int k = 1; k <= 4; k++) gate.SettleBrake(t + (ulong)k * 10_000, ++strokes, false, limits);
        Assert.True(en.Level, "still turning: keep braking");
        ulong lastStroke = t + 40_000;
        gate.SettleBrake(lastStroke + (ulong)limits.BrakeStillMicros - 1, strokes, false, limits);
        Assert.True(en.Level);
        gate.SettleBrake(lastStroke + (ulong)limits.BrakeStillMicros, strokes, false, limits);
        Assert.False(en.Level, "still for the brake window: asleep");
        Assert.False(gate.Braking);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void Force_safe_brakes_a_driven_motor_and_sleeps_at_the_bound_even_if_strokes_keep_coming()
    {
        var gate = DrivenThenForcedSafe(out var pwm, out var en);
        var limits = new SafetyLimits();
        Assert.Equal(0f, pwm.Duty);
        Assert.Equal(0f, gate.AppliedDuty);
        Assert.True(en.Level);
        Assert.True(gate.Braking);
        gate.Request(0.9f);          // forced safe: no request reaches the bridge, the brake holds
        Assert.Equal(0f, pwm.Duty);
        uint strokes = 0;
        ulong t = 0;
        // A stroke every 40 ms: too often for the still window (50 ms), too few for the stroke bound (7 in 300 ms), as a
        // spurious hall pulse would give; only the time bound can end this brake.
        for (; t < (ulong)limits.BrakeMaxMicros; t += 40_000)
        {
            gate.SettleBrake(t, strokes++, false, limits);
            gate.ForceSafe();
            Assert.True(en.Level);
        }
        gate.SettleBrake(t, strokes, false, limits);
        Assert.False(en.Level, "a brake is bounded in time");
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void A_rotor_that_keeps_stroking_under_brake_is_driven_so_the_driver_is_put_to_sleep()
    {
        var gate = DrivenThenForcedSafe(out _, out var en);
        var limits = new SafetyLimits();
        uint strokes = 100;
        ulong t = 0;
        // 200 strokes/s under "brake": a braked rotor makes at most a few more strokes, this one is being driven.
        for (int k = 0; k < limits.BrakeMaxStrokes; k++, t += 5_000)
        {
            gate.SettleBrake(t, strokes++, false, limits);
            Assert.True(en.Level, $"stroke {k}: within what a braked rotor may still make");
        }
        gate.SettleBrake(t, strokes++, false, limits);
        Assert.True(en.Level);
        gate.SettleBrake(t + 5_000, strokes, false, limits);
        Assert.False(en.Level, "more strokes under brake than a braked rotor can make: asleep");
        Assert.True(t + 5_000 < (ulong)limits.BrakeMaxMicros);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void A_driver_fault_ends_the_brake_at_once_because_a_latched_bridge_cannot_brake()
    {
        var gate = DrivenThenForcedSafe(out var pwm, out var en);
        Assert.True(en.Level);
        gate.SettleBrake(5_000, 3, true, new SafetyLimits());
        Assert.False(en.Level);
        Assert.Equal(0f, pwm.Duty);
    }

    [Fact]
    [Trait("Requirement", "SAF-GATE-02")]
    public void Force_safe_on_an_idle_motor_sleeps_at_once()
    {
        var pwm = new FakePwm();
        var en = new FakeOutput();
        var gate = new MotorGate(pwm, en);
        gate.Release();
        gate.Request(0f);
        gate.ForceSafe();
        Assert.False(en.Level);
        Assert.False(gate.Braking);
    }

    [Theory]
    [InlineData(float.NaN, 0f)]
    [InlineData(-0.5f, 0f)]
    [InlineData(3f, 1f)]
    [Trait("Requirement", "SAF-GATE-02")]
    public void Bad_duty_requests_are_clamped(float request, float expected)
    {
        var pwm = new FakePwm();
        var gate = new MotorGate(pwm, new FakeOutput());
        gate.Release();
        gate.Request(0f);
        gate.Request(request);
        Assert.Equal(expected, gate.AppliedDuty);
    }

    [Fact]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Duty_limit_caps_requests_and_lowers_a_running_duty_at_once()
    {
        var pwm = new FakePwm();
        var gate = new MotorGate(pwm, new FakeOutput());
        gate.Release();
        gate.Request(0f);
        gate.Request(0.9f);
        gate.SetDutyLimit(0.5f);
        Assert.Equal(0.5f, pwm.Duty);
        gate.Request(0.8f);
        Assert.Equal(0.5f, gate.AppliedDuty);
        gate.SetDutyLimit(1f);
        gate.Request(0.8f);
        Assert.Equal(0.8f, gate.AppliedDuty);
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void Enable_readback_test_passes_on_a_good_line_and_fails_stuck_high_or_low()
    {
        var good = new MotorGate(new FakePwm(), new FakeOutput());
        Assert.True(good.TestEnableReadBack());
        Assert.False(new MotorGate(new FakePwm(), new FakeOutput { StuckAt = true }).TestEnableReadBack());
        Assert.False(new MotorGate(new FakePwm(), new FakeOutput { StuckAt = false }).TestEnableReadBack());
        var en = new FakeOutput();
        var released = new MotorGate(new FakePwm(), en);
        released.Release();
        Assert.False(released.TestEnableReadBack());
    }
}
