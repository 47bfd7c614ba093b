namespace MnPen.Safety.Tests;

/// <summary>Each interlock with inputs fed directly: trips with the right code, in time, and the motor is safe in that same tick.</summary>
public class InterlockTests
{
    /// <summary>Runs at duty, injects, and returns the ticks to the trip (the trip tick counts as 1).</summary>
    private static int TicksToTrip(Rig rig, Action inject, float duty = 0.6f, int maxTicks = 3000, Action? everyTick = null)
    {
        inject();
        for (int k = 1; k <= maxTicks; k++)
        {
            everyTick?.Invoke();
            rig.Tick(duty);
            if (rig.Sup.Tripped)
            {
                Assert.True(rig.Safe, "motor must be cut in the detection tick");
                return k;
            }
        }
        return int.MaxValue;
    }

    private static Rig Running(float duty = 0.6f, int ms = 400)
    {
        var rig = new Rig().Booted();
        rig.Run(duty, ms);
        Assert.False(rig.Sup.Tripped);
        return rig;
    }

    [Fact]
    [Trait("Requirement", "SAF-OC-01")]
    public void Motor_stops_in_the_same_tick_as_an_overcurrent_reading()
    {
        var rig = Running();
        rig.AutoCurrent = false;
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.MotorCurrentAmps = 2.2f));
        Assert.Equal(FaultCode.Overcurrent, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-OC-01")]
    public void Saturated_current_sense_trips_overcurrent_even_if_calibrated_amps_look_low()
    {
        var rig = Running();
        rig.AutoCurrent = false;
        rig.In.MotorCurrentAmps = 0.5f;
        rig.Tick(0.6f);
        rig.In.MotorCurrentRaw = 4095;
        rig.Sup.Tick(rig.In);
        Assert.Equal(FaultCode.Overcurrent, rig.Sup.ActiveFault);
        Assert.True(rig.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-OC-01")]
    public void Current_at_the_regulation_limit_is_not_an_overcurrent()
    {
        var rig = Running();
        rig.AutoCurrent = false;
        rig.In.MotorCurrentAmps = 2.0f;
        rig.Run(0.6f, 100);
        Assert.NotEqual(FaultCode.Overcurrent, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-OL-01")]
    public void Sustained_overload_trips_on_i2t_and_never_at_rated_current()
    {
        var rated = Running();
        rated.RunningAmps = 1.0f;
        rated.Run(0.6f, 20000);
        Assert.False(rated.Sup.Tripped);

        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.RunningAmps = 2.0f);
        Assert.Equal(FaultCode.Overload, rig.Sup.ActiveFault);
        // 1.5 A²s / (4 - 1) A² = 0.5 s
        Assert.InRange(ticks, 480, 520);
    }

    [Fact]
    [Trait("Requirement", "SAF-OL-01")]
    public void Overload_accumulator_cools_down_below_the_rating()
    {
        var rig = Running();
        rig.RunningAmps = 1.8f;
        rig.Run(0.6f, 300);
        float hot = rig.Sup.OverloadAccumulator;
        Assert.True(hot > 0.5f);
        rig.RunningAmps = 0.4f;
        rig.Run(0.6f, 300);
        Assert.True(rig.Sup.OverloadAccumulator < hot);
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-DRV-01")]
    public void Motor_stops_in_the_same_tick_as_the_driver_fault_pin()
    {
        var rig = Running();
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.DriverFault = true));
        Assert.Equal(FaultCode.DriverFault, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-CART-02")]
    public void Motor_stops_within_one_tick_when_cartridge_is_pulled()
    {
        var rig = Running();
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.CartridgePresent = false));
        Assert.Equal(FaultCode.CartridgeRemoved, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-CART-01")]
    public void Removing_the_cartridge_while_idle_is_not_a_fault_but_commanding_without_one_is()
    {
        var rig = new Rig().Booted();
        rig.In.CartridgePresent = false;
        rig.Run(0f, 100);
        Assert.False(rig.Sup.Tripped);
        rig.Tick(0.5f);
        rig.Tick(0.5f);
        Assert.Equal(FaultCode.CartridgeRemoved, rig.Sup.ActiveFault);
        Assert.True(rig.Safe);
    }

    [Theory]
    [InlineData(50f)]
    [InlineData(100f)]
    [InlineData(150f)]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Jam_while_running_is_detected_within_50_ms(float rate)
    {
        var rig = new Rig().Booted();
        rig.StrokeRate = rate;
        rig.Run(0.6f, 400);
        int ticks = TicksToTrip(rig, () => rig.Jammed = true);
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
        Assert.True(ticks <= 50, $"jam detected after {ticks} ms");
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Jam_from_standstill_is_detected_within_50_ms_by_its_blocked_rotor_current()
    {
        var rig = new Rig().Booted();
        rig.Jammed = true;
        int ticks = TicksToTrip(rig, () => { });
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 20, 30);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Jam_at_low_duty_is_still_a_jam_not_a_sensor_fault()
    {
        var rig = new Rig().Booted();
        rig.StrokeRate = 50f;
        rig.Run(0.3f, 300);
        rig.JamAmps = 0.3f * 7.5f / 3.3f; // blocked rotor, warm winding
        int ticks = TicksToTrip(rig, () => rig.Jammed = true, 0.3f);
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
        Assert.True(ticks <= 50);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Stalled_startup_without_blocked_rotor_current_times_out_as_hall_fault()
    {
        var rig = new Rig().Booted();
        rig.HallDead = true;
        int ticks = TicksToTrip(rig, () => { });
        Assert.Equal(FaultCode.HallSensorSilent, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 145, 160);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Slow_but_turning_motor_during_a_ramp_down_is_not_a_jam()
    {
        var rig = Running();
        rig.RunningAmps = 0.1f;
        for (int r = 100; r >= 12; r -= 4)
        {
            rig.StrokeRate = r;
            rig.Run(0.2f, 40);
        }
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-03")]
    public void Silent_hall_sensor_with_normal_current_is_reported_as_hall_fault()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.HallDead = true);
        Assert.Equal(FaultCode.HallSensorSilent, rig.Sup.ActiveFault);
        Assert.True(ticks <= 50);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Runaway_above_the_absolute_ceiling_trips_within_its_200_ms_measuring_span()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.StrokeRate = 200f);
        Assert.Equal(FaultCode.Overspeed, rig.Sup.ActiveFault);
        Assert.True(ticks <= 250, ticks + " ms");
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_far_above_the_target_trips_after_the_transient_allowance()
    {
        var rig = Running();
        rig.In.TargetStrokeRate = 50f;
        rig.StrokeRate = 140f;
        int ticks = TicksToTrip(rig, () => { });
        Assert.Equal(FaultCode.Overspeed, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 290, 360);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_change_down_does_not_trip_overspeed()
    {
        var rig = Running();
        rig.In.TargetStrokeRate = 150f;
        rig.StrokeRate = 150f;
        rig.Run(0.8f, 300);
        rig.In.TargetStrokeRate = 50f;
        for (int k = 0; k < 20; k++)
        {
            rig.StrokeRate = 150f - 5f * k;
            rig.Run(0.4f, 10);
        }
        rig.Run(0.4f, 500);
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Depth_actuator_not_following_its_command_trips_after_the_settling_time()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.In.DepthCommandMm = 1.5f);
        Assert.Equal(FaultCode.DepthActuatorFault, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 250, 260);
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-01")]
    public void A_ramping_command_does_not_hide_a_seized_actuator()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => { }, everyTick: () => rig.In.DepthCommandMm += 0.002f);
        Assert.Equal(FaultCode.DepthActuatorFault, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 400, 420);
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-01")]
    public void Frozen_current_reading_while_driven_trips_as_sensor_fault()
    {
        var rig = Running();
        rig.AutoCurrent = false;
        int n = 0;
        rig.Run(0.6f, 300);
        for (int k = 0; k < 300; k++) { rig.In.MotorCurrentAmps = 0.5f + (n++ % 3) * 0.01f; rig.Tick(0.6f); }
        Assert.False(rig.Sup.Tripped);
        int ticks = TicksToTrip(rig, () => { rig.In.MotorCurrentAmps = 0.5f; rig.RawJitter = false; });
        Assert.Equal(FaultCode.CurrentSensorImplausible, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 19, 22);
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Depth_change_that_settles_in_time_does_not_trip()
    {
        var rig = Running();
        rig.In.DepthCommandMm = 2.0f;
        for (int k = 0; k < 400; k++)
        {
            rig.In.DepthMeasuredMm = Math.Min(2.0f, 1.0f + k * 0.004f);
            rig.Tick(0.6f);
        }
        Assert.False(rig.Sup.Tripped);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(4090)]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Broken_depth_pot_trips_within_a_few_ticks(int raw)
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.In.DepthFeedbackRaw = raw);
        Assert.Equal(FaultCode.DepthActuatorFault, rig.Sup.ActiveFault);
        Assert.True(ticks <= 5);
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Depth_command_above_the_cartridge_limit_trips_at_once_while_driven()
    {
        var rig = Running();
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.DepthCommandMm = 2.6f));
        Assert.Equal(FaultCode.DepthAboveLimit, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Measured_depth_above_the_limit_trips_within_5_ms()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.In.DepthMeasuredMm = 2.7f);
        Assert.Equal(FaultCode.DepthAboveLimit, rig.Sup.ActiveFault);
        Assert.True(ticks <= 5);
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Unknown_cartridge_limit_forbids_driving()
    {
        var rig = Running();
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.DepthLimitMm = 0f));
        Assert.Equal(FaultCode.DepthAboveLimit, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Warm_handpiece_derates_then_trips_before_41_C()
    {
        var rig = Running(0.9f);
        rig.In.HandpieceCelsius = 39f;
        rig.Run(0.9f, 10);
        Assert.False(rig.Sup.Tripped);
        Assert.Equal(FaultCode.TemperatureDerating, rig.Sup.ActiveLimit);
        Assert.True(rig.Sup.MaxDutyFactor < 0.9f);
        Assert.True(rig.Pwm.Duty <= rig.Sup.MaxDutyFactor);
        int ticks = TicksToTrip(rig, () => rig.In.HandpieceCelsius = 40.6f, 0.9f);
        Assert.Equal(FaultCode.OverTemperature, rig.Sup.ActiveFault);
        Assert.True(ticks <= 10);
    }

    [Fact]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Derating_ends_only_below_the_hysteresis_band()
    {
        var rig = Running();
        rig.In.HandpieceCelsius = 38.5f;
        rig.Run(0.6f, 5);
        Assert.Equal(FaultCode.TemperatureDerating, rig.Sup.ActiveLimit);
        rig.In.HandpieceCelsius = 37.5f;
        rig.Run(0.6f, 5);
        Assert.Equal(FaultCode.TemperatureDerating, rig.Sup.ActiveLimit);
        Assert.Equal(1f, rig.Sup.MaxDutyFactor);
        rig.In.HandpieceCelsius = 36.9f;
        rig.Run(0.6f, 5);
        Assert.Equal(FaultCode.None, rig.Sup.ActiveLimit);
    }

    [Theory]
    [InlineData(4090, FaultCode.ThermistorOpen)]
    [InlineData(5, FaultCode.ThermistorShort)]
    [Trait("Requirement", "SAF-PLS-02")]
    public void Broken_thermistor_trips_within_10_ms(int raw, FaultCode expected)
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.In.ThermistorRaw = raw);
        Assert.Equal(expected, rig.Sup.ActiveFault);
        Assert.True(ticks <= 10);
    }

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Brown_out_trips_within_10_ms_and_a_short_dip_does_not()
    {
        var rig = Running();
        rig.In.BatteryVolts = 5.8f;
        rig.Run(0.6f, 3);
        rig.In.BatteryVolts = 7.0f;
        rig.Run(0.6f, 10);
        Assert.False(rig.Sup.Tripped);
        int ticks = TicksToTrip(rig, () => rig.In.BatteryVolts = 5.9f);
        Assert.Equal(FaultCode.UnderVoltage, rig.Sup.ActiveFault);
        Assert.True(ticks <= 10);
    }

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Low_battery_derates_and_warns()
    {
        var rig = Running(0.95f);
        rig.In.BatteryVolts = 6.3f;
        rig.Run(0.95f, 5);
        Assert.Equal(FaultCode.BatteryDerating, rig.Sup.ActiveLimit);
        Assert.Equal(FaultCode.BatteryLow, rig.Sup.ActiveWarning);
        Assert.Equal(0.85f, rig.Pwm.Duty);
        Assert.False(rig.Sup.Tripped);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(12f)]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Impossible_battery_reading_trips(float volts)
    {
        var rig = Running();
        TicksToTrip(rig, () => rig.In.BatteryVolts = volts);
        Assert.Equal(FaultCode.BatterySenseImplausible, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-01")]
    public void Zero_current_while_driven_trips_as_sensor_fault()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.RunningAmps = 0f);
        Assert.Equal(FaultCode.CurrentSensorImplausible, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 30, 50);
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-01")]
    public void Current_reading_with_the_driver_asleep_trips_as_sensor_fault()
    {
        var rig = new Rig().Booted();
        rig.AutoCurrent = false;
        int ticks = TicksToTrip(rig, () => rig.In.MotorCurrentAmps = 0.6f, 0f);
        Assert.Equal(FaultCode.CurrentSensorImplausible, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 30, 50);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void Missed_ticks_trip_at_once_and_repeated_long_ticks_after_five()
    {
        var rig = Running();
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.TickIntervalMicros = 40_000));
        Assert.Equal(FaultCode.ControlLoopOverrun, rig.Sup.ActiveFault);

        var slow = Running();
        slow.In.LastTickDurationMicros = 12_000;
        slow.Run(0.6f, 4);
        Assert.False(slow.Sup.Tripped);
        slow.Tick(0.6f);
        Assert.Equal(FaultCode.ControlLoopOverrun, slow.Sup.ActiveFault);
        Assert.True(slow.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-CFG-01")]
    public void Invalid_calibration_or_settings_trip_in_one_tick()
    {
        var rig = Running();
        Assert.Equal(1, TicksToTrip(rig, () => rig.In.CalibrationValid = false));
        Assert.Equal(FaultCode.CalibrationInvalid, rig.Sup.ActiveFault);
        var rig2 = Running();
        Assert.Equal(1, TicksToTrip(rig2, () => rig2.In.SettingsValid = false));
        Assert.Equal(FaultCode.SettingsInvalid, rig2.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    [Trait("Requirement", "SAF-RB-01")]
    public void Enable_line_stuck_high_while_the_motor_should_be_off_trips()
    {
        var rig = new Rig().Booted();
        rig.Enable.StuckAt = true;
        int ticks = TicksToTrip(rig, () => { }, 0f);
        Assert.Equal(FaultCode.DriverEnableReadback, rig.Sup.ActiveFault);
        Assert.True(ticks <= 3);
    }

    [Fact]
    [Trait("Requirement", "SAF-RB-01")]
    public void A_gated_net_read_low_while_the_driver_is_commanded_trips_HardwareChannelCut_not_the_read_back_fault()
    {
        var rig = Running();
        int ticks = TicksToTrip(rig, () => rig.Enable.StuckAt = false);
        Assert.Equal(FaultCode.HardwareChannelCut, rig.Sup.ActiveFault);
        Assert.False(rig.Sup.HasSeen(FaultCode.DriverEnableReadback));
        Assert.Equal(ClearPolicy.PowerCycle, FaultCatalog.PolicyOf(FaultCode.HardwareChannelCut));
        Assert.True(ticks <= 3);
    }
}
