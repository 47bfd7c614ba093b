namespace MnPen.Safety.Tests;

/// <summary>
/// Supervisor boundaries: what each clear checks ("condition gone" per code, at its threshold), tick-level trip
/// thresholds, derating composition and the start-up clock cross-check.
/// </summary>
public class SupervisorBoundaryTests
{
    /// <summary>Latches code on an idle, never-run pen, feeds one tick of the given inputs, then clears.</summary>
    private static AcknowledgeResult ClearWith(FaultCode code, Action<SafetyInputs> condition, bool service = false)
    {
        var rig = new Rig().Booted();
        Assert.True(rig.Sup.Trip(code));
        condition(rig.In);
        rig.In.NowMicros += 1000;
        rig.Sup.Tick(rig.In);
        Assert.Equal(code, rig.Sup.ActiveFault);
        return service ? rig.Sup.ServiceClear() : rig.Sup.Acknowledge();
    }

    private static void AssertClear(bool present, FaultCode code, Action<SafetyInputs> condition, bool service = false)
        => Assert.Equal(present ? AcknowledgeResult.ConditionPresent : AcknowledgeResult.Cleared, ClearWith(code, condition, service));

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Overcurrent_clears_only_once_current_is_at_or_below_the_trip_and_the_sense_is_not_saturated()
    {
        AssertClear(true, FaultCode.Overcurrent, i => { i.MotorCurrentAmps = 2.16f; i.MotorCurrentRaw = 4000; });
        AssertClear(false, FaultCode.Overcurrent, i => { i.MotorCurrentAmps = 2.15f; i.MotorCurrentRaw = 4000; });
        AssertClear(true, FaultCode.Overcurrent, i => { i.MotorCurrentAmps = 0.1f; i.MotorCurrentRaw = 4050; });
        AssertClear(false, FaultCode.Overcurrent, i => { i.MotorCurrentAmps = 0.1f; i.MotorCurrentRaw = 4049; });
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Depth_above_limit_clears_only_with_a_known_limit_and_command_and_position_within_it()
    {
        AssertClear(false, FaultCode.DepthAboveLimit, i => { i.DepthLimitMm = 2.0f; i.DepthCommandMm = 2.0f; i.DepthMeasuredMm = 2.09f; });
        AssertClear(false, FaultCode.DepthAboveLimit, i => { i.DepthLimitMm = 2.0f; i.DepthCommandMm = 2.0f + 0.001f; i.DepthMeasuredMm = 2.0f + 0.1f; });
        AssertClear(true, FaultCode.DepthAboveLimit, i => { i.DepthLimitMm = 0f; i.DepthCommandMm = 0f; i.DepthMeasuredMm = 0f; });
        AssertClear(true, FaultCode.DepthAboveLimit, i => { i.DepthLimitMm = float.NaN; });
        AssertClear(true, FaultCode.DepthAboveLimit, i => { i.DepthLimitMm = 2.0f; i.DepthCommandMm = 2.002f; i.DepthMeasuredMm = 2.002f; });
        AssertClear(true, FaultCode.DepthAboveLimit, i => { i.DepthLimitMm = 2.0f; i.DepthCommandMm = 2.0f; i.DepthMeasuredMm = 2.11f; });
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Over_temperature_clears_only_below_the_derating_band_with_a_readable_sensor()
    {
        AssertClear(true, FaultCode.OverTemperature, i => i.HandpieceCelsius = 37.0f);
        AssertClear(false, FaultCode.OverTemperature, i => i.HandpieceCelsius = 36.9f);
        AssertClear(true, FaultCode.OverTemperature, i => i.HandpieceCelsius = float.NaN);
        AssertClear(true, FaultCode.OverTemperature, i => { i.HandpieceCelsius = 30f; i.ThermistorRaw = 4000; });
        AssertClear(true, FaultCode.OverTemperature, i => { i.HandpieceCelsius = 30f; i.ThermistorRaw = 100; });
        AssertClear(false, FaultCode.OverTemperature, i => { i.HandpieceCelsius = 30f; i.ThermistorRaw = 101; });
    }

    [Theory]
    [InlineData(6.19f, true)]
    [InlineData(6.2f, false)]
    [InlineData(float.NaN, true)]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Under_voltage_clears_only_at_the_start_voltage(float volts, bool present)
        => AssertClear(present, FaultCode.UnderVoltage, i => i.BatteryVolts = volts);

    [Theory]
    [InlineData(2.99f, true)]
    [InlineData(3.0f, false)]
    [InlineData(9.2f, false)]
    [InlineData(9.21f, true)]
    [InlineData(float.NaN, true)]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Battery_sense_fault_service_clear_needs_a_plausible_reading(float volts, bool present)
        => AssertClear(present, FaultCode.BatterySenseImplausible, i => i.BatteryVolts = volts, service: true);

    [Theory]
    [InlineData(FaultCode.ThermistorOpen, 3800, true)]
    [InlineData(FaultCode.ThermistorOpen, 3799, false)]
    [InlineData(FaultCode.ThermistorShort, 100, true)]
    [InlineData(FaultCode.ThermistorShort, 101, false)]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Thermistor_faults_service_clear_only_once_the_reading_is_back_in_range(FaultCode code, int raw, bool present)
    {
        AssertClear(present, code, i => i.ThermistorRaw = raw, service: true);
        Assert.Equal(AcknowledgeResult.NeedsService, ClearWith(code, i => i.ThermistorRaw = 2048));
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Configuration_driver_and_read_back_faults_clear_only_once_their_input_is_healthy()
    {
        AssertClear(true, FaultCode.SettingsInvalid, i => i.SettingsValid = false);
        AssertClear(false, FaultCode.SettingsInvalid, i => i.SettingsValid = true);
        AssertClear(true, FaultCode.CalibrationInvalid, i => i.CalibrationValid = false, service: true);
        AssertClear(false, FaultCode.CalibrationInvalid, i => i.CalibrationValid = true, service: true);
        AssertClear(true, FaultCode.DriverFault, i => i.DriverFault = true);
        AssertClear(false, FaultCode.DriverFault, i => i.DriverFault = false);
        // Tripped: the enable is commanded low, so a high read-back is the fault still present.
        AssertClear(true, FaultCode.DriverEnableReadback, i => i.DriverEnableReadBack = true, service: true);
        AssertClear(false, FaultCode.DriverEnableReadback, i => i.DriverEnableReadBack = false, service: true);
        // Faults without a standing condition (the cause is an event) clear once the motor is still.
        AssertClear(false, FaultCode.CartridgeJam, i => { });
        AssertClear(false, FaultCode.CartridgeRemoved, i => i.CartridgePresent = false);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Limits_that_are_invalid_keep_settings_invalid_from_clearing()
    {
        var rig = new Rig(new SafetyLimits { ClockCheckTicks = 0 });
        rig.Tick();
        Assert.Equal(FaultCode.SettingsInvalid, rig.Sup.ActiveFault);
        Assert.Equal(AcknowledgeResult.ConditionPresent, rig.Sup.Acknowledge());
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Overload_acknowledgement_is_accepted_exactly_when_the_motor_has_cooled_to_half_the_budget()
    {
        var rig = new Rig().Booted();
        rig.RunningAmps = 1.8f;
        for (int k = 0; k < 2000 && !rig.Sup.Tripped; k++) rig.Tick(0.6f);
        Assert.Equal(FaultCode.Overload, rig.Sup.ActiveFault);
        int refused = 0;
        for (int k = 0; k < 3000; k++)
        {
            rig.Tick(0f);
            bool cool = rig.Sup.OverloadAccumulator <= rig.Sup.Limits.OverloadBudgetA2s * 0.5f;
            var r = rig.Sup.Acknowledge();
            if (!cool)
            {
                Assert.NotEqual(AcknowledgeResult.Cleared, r);
                if (r == AcknowledgeResult.ConditionPresent) refused++;
                continue;
            }
            Assert.Equal(AcknowledgeResult.Cleared, r);
            break;
        }
        Assert.False(rig.Sup.Tripped);
        // Cooling runs at 1 A²s per second: about 0.75 s until acknowledgement, 0.1 s of it waiting for the motor to stop.
        Assert.InRange(refused, 600, 700);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Acknowledge_is_refused_until_the_last_stroke_is_more_than_100_ms_old()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 300);
        rig.Sup.Trip(FaultCode.CartridgeJam);
        rig.Tick(0f);
        ulong lastStroke = rig.In.StrokeSampleMicros;
        Assert.True(lastStroke > 0);
        for (int k = 0; k < 300; k++)
        {
            rig.Tick(0f);
            bool stopped = rig.Clock.Now - lastStroke > (ulong)rig.Sup.Limits.MotorStoppedMicros;
            var r = rig.Sup.Acknowledge();
            if (!stopped) { Assert.Equal(AcknowledgeResult.MotorStillCommanded, r); continue; }
            Assert.Equal(AcknowledgeResult.Cleared, r);
            Assert.Equal(lastStroke + 101_000, rig.Clock.Now);
            return;
        }
        Assert.Fail("never cleared");
    }

    [Fact]
    [Trait("Requirement", "SAF-OC-01")]
    public void Overcurrent_trips_above_2_15_A_or_at_4050_counts_and_not_at_the_thresholds()
    {
        (float amps, int raw, bool trips)[] cases = { (2.15f, 4002, false), (2.16f, 4020, true), (0.5f, 4049, false), (0.5f, 4050, true) };
        foreach (var (amps, raw, trips) in cases)
        {
            var rig = new Rig().Booted();
            rig.In.MotorCurrentAmps = amps;
            rig.In.MotorCurrentRaw = raw;
            rig.In.NowMicros += 1000;
            rig.Sup.Tick(rig.In);
            Assert.Equal(trips ? FaultCode.Overcurrent : FaultCode.None, rig.Sup.ActiveFault);
        }
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void A_tick_gap_above_35_ms_trips_and_five_consecutive_ticks_longer_than_a_period_trip_but_four_do_not()
    {
        var gap = new Rig().Booted();
        gap.Run(0.6f, 50);   // motor driven: a gap now leaves it unwatched
        gap.In.TickIntervalMicros = 35_000;
        gap.Tick(0.6f);
        Assert.False(gap.Sup.Tripped);
        gap.In.TickIntervalMicros = 35_001;
        gap.Tick(0.6f);
        Assert.Equal(FaultCode.ControlLoopOverrun, gap.Sup.ActiveFault);

        var slow = new Rig().Booted();
        slow.In.LastTickDurationMicros = 10_000;
        for (int k = 0; k < 20; k++) slow.Tick();
        Assert.False(slow.Sup.Tripped);
        slow.In.LastTickDurationMicros = 10_001;
        for (int k = 0; k < 4; k++) slow.Tick();
        slow.In.LastTickDurationMicros = 200; // a normal tick resets the run
        slow.Tick();
        slow.In.LastTickDurationMicros = 10_001;
        for (int k = 0; k < 4; k++) slow.Tick();
        Assert.False(slow.Sup.Tripped);
        slow.Tick();
        Assert.Equal(FaultCode.ControlLoopOverrun, slow.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void The_first_tick_after_boot_ignores_the_tick_interval()
    {
        // The driver is asleep here (not booted), so a gap seen is counted rather than tripped: the count tells
        // whether the supervisor looked at the interval at all.
        var rig = new Rig();
        rig.In.TickIntervalMicros = 50_000;
        rig.Sup.Tick(rig.In);
        Assert.False(rig.Sup.Tripped);
        Assert.Equal(0, rig.Sup.QuietGaps);
        rig.In.NowMicros += 1000;
        rig.Sup.Tick(rig.In);
        Assert.Equal(1, rig.Sup.QuietGaps);
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void Enable_read_back_mismatch_trips_on_the_second_tick_not_the_first()
    {
        var rig = new Rig().Booted();
        rig.Enable.StuckAt = !rig.Gate.EnableCommanded;
        rig.Tick();
        Assert.False(rig.Sup.Tripped);
        rig.Enable.StuckAt = null;
        rig.Tick();
        rig.Enable.StuckAt = !rig.Gate.EnableCommanded;
        rig.Tick();
        Assert.False(rig.Sup.Tripped);
        rig.Tick();
        Assert.Equal(FaultCode.DriverEnableReadback, rig.Sup.ActiveFault);
    }

    [Theory]
    [InlineData(65f, true)]
    [InlineData(66f, false)]
    [InlineData(0f, false)]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_above_1_3_times_target_plus_15_trips_after_300_ms_only(float target, bool trips)
    {
        // The rig's motor turns at 100 strokes/s; the trip line is target × 1.3 + 15 (99.5 for 65, 100.8 for 66).
        var rig = new Rig().Booted();
        rig.In.TargetStrokeRate = target;
        rig.Run(0.6f, 250);
        Assert.False(rig.Sup.Tripped);
        rig.Run(0.6f, 100);
        Assert.Equal(trips ? FaultCode.Overspeed : FaultCode.None, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-01")]
    public void Zero_current_while_the_bridge_brakes_is_not_a_sensor_fault_but_it_is_once_braking_ends()
    {
        var rig = new Rig().Booted();
        rig.In.TargetStrokeRate = 100f;
        rig.StrokeRate = 115f;   // the supervisor's own rate, above target × 1.08 + 1 = 109: braking
        rig.Run(0.6f, 300);
        rig.RunningAmps = 0f;
        rig.Run(0.6f, 100);
        Assert.False(rig.Sup.Tripped);
        rig.StrokeRate = 100f;   // braking ends once the 200 ms span has caught up, then 30 ms of zero current trip
        int ticks = 0;
        while (!rig.Sup.Tripped && ticks < 400) { rig.Tick(0.6f); ticks++; }
        Assert.Equal(FaultCode.CurrentSensorImplausible, rig.Sup.ActiveFault);
        Assert.InRange(ticks, 30, 260);
    }

    [Theory]
    [InlineData(0.3f, false)]
    [InlineData(0.31f, true)]
    [Trait("Requirement", "SAF-PLS-01")]
    public void Current_above_0_3_A_with_the_driver_asleep_trips_after_30_ms(float amps, bool trips)
    {
        var rig = new Rig().Booted();
        rig.AutoCurrent = false;
        rig.In.MotorCurrentAmps = amps;
        rig.Run(0f, 29);
        Assert.False(rig.Sup.Tripped);
        rig.Run(0f, 5);
        Assert.Equal(trips ? FaultCode.CurrentSensorImplausible : FaultCode.None, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-01")]
    public void A_frozen_current_reading_trips_on_the_twentieth_identical_sample()
    {
        var rig = new Rig().Booted();
        rig.RawJitter = false;
        rig.Run(0.6f, 1); // motor gets duty from here on
        rig.Run(0.6f, 19);
        Assert.False(rig.Sup.Tripped);
        rig.Run(0.6f, 2);
        Assert.Equal(FaultCode.CurrentSensorImplausible, rig.Sup.ActiveFault);
    }

    [Theory]
    [InlineData(false, 38.75f, 0.7f, FaultCode.TemperatureDerating)]
    [InlineData(true, 30f, 0.85f, FaultCode.BatteryDerating)]
    [InlineData(true, 38.75f, 0.7f, FaultCode.TemperatureDerating)]
    [InlineData(true, 38.2f, 0.85f, FaultCode.TemperatureDerating)]
    [InlineData(false, 30f, 1f, FaultCode.None)]
    [Trait("Requirement", "SAF-TMP-01")]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Duty_limit_is_the_lower_of_temperature_and_battery_derating(bool lowBattery, float celsius, float factor, FaultCode limit)
    {
        var rig = new Rig().Booted();
        rig.In.BatteryVolts = lowBattery ? 6.3f : 7.5f;
        rig.In.HandpieceCelsius = celsius;
        rig.Tick();
        Assert.Equal(factor, rig.Sup.MaxDutyFactor, 4);
        Assert.Equal(factor, rig.Gate.DutyLimit, 4);
        Assert.Equal(limit, rig.Sup.ActiveLimit);
        Assert.Equal(lowBattery ? FaultCode.BatteryLow : FaultCode.None, rig.Sup.ActiveWarning);
    }

    [Theory]
    [InlineData(1100, false)]
    [InlineData(900, false)]
    [InlineData(1101, true)]
    [InlineData(899, true)]
    [Trait("Requirement", "SAF-ST-01")]
    public void Clock_cross_check_allows_10_percent_disagreement_over_its_window(int microsPerTick, bool fails)
    {
        var rig = new Rig();
        Assert.True(rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts()).Passed);
        int ticks = rig.Sup.Limits.ClockCheckTicks;
        rig.Sup.Tick(rig.In); // starts the window
        for (int k = 0; k < ticks - 1; k++)
        {
            rig.In.NowMicros += (ulong)microsPerTick;
            rig.Sup.Tick(rig.In);
            Assert.False(rig.Sup.SelfTestDone);
        }
        rig.In.NowMicros += (ulong)microsPerTick;
        rig.Sup.Tick(rig.In);
        Assert.True(rig.Sup.SelfTestDone);
        Assert.Equal(!fails, rig.Sup.SelfTestPassed);
        Assert.Equal(fails ? FaultCode.ClockMismatch : FaultCode.None, rig.Sup.ActiveFault);
        Assert.Equal(fails, rig.Sup.SelfTestReport.Contains(FaultCode.ClockMismatch));
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void A_clock_that_stands_still_fails_the_cross_check()
    {
        var rig = new Rig();
        rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts());
        for (int k = 0; k <= rig.Sup.Limits.ClockCheckTicks; k++) rig.Sup.Tick(rig.In);
        Assert.True(rig.Sup.SelfTestDone);
        Assert.Equal(FaultCode.ClockMismatch, rig.Sup.ActiveFault);
    }

    [Theory]
    // Stall current through the whole path, the winding at the grip's 30 °C plus the bridge: 3.0 × (1 + 0.00393 × 5) + 0.7
    // = 3.76 Ω. (The winding alone, 3 Ω, put the boundary 23 % higher: 0.85 A at 0.6 read as a dead hall.)
    [InlineData(0.6f, 0.75f, FaultCode.CartridgeJam)]      // stall current 0.6 × 7.5 V / 3.76 Ω = 1.20 A; 60 % = 0.72 A
    [InlineData(0.6f, 0.85f, FaultCode.CartridgeJam)]
    [InlineData(0.6f, 0.69f, FaultCode.HallSensorSilent)]
    [InlineData(1.0f, 1.25f, FaultCode.CartridgeJam)]      // 7.5 V / 3.76 Ω = 1.995 A (under the driver's 2.0 A); 60 % = 1.197 A
    [InlineData(1.0f, 1.15f, FaultCode.HallSensorSilent)]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Jam_and_silent_hall_are_told_apart_by_60_percent_of_the_stall_current(float duty, float amps, FaultCode expected)
    {
        var rig = new Rig().Booted();
        rig.Run(duty, 200);
        Assert.False(rig.Sup.Tripped);
        rig.Jammed = true;
        rig.JamAmps = amps;
        for (int k = 0; k < 200 && !rig.Sup.Tripped; k++) rig.Tick(duty);
        Assert.Equal(expected, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Blocked_rotor_from_standstill_trips_as_jam_after_25_ms_not_before()
    {
        var rig = new Rig().Booted();
        rig.Jammed = true;
        rig.Tick(0.6f); // request reaches the motor from the next tick
        rig.Run(0.6f, 24);
        Assert.False(rig.Sup.Tripped);
        rig.Run(0.6f, 3);
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-OL-01")]
    public void Overload_integrates_the_real_time_between_ticks_and_ignores_a_clock_going_back()
    {
        var rig = new Rig();
        rig.AutoCurrent = false;
        rig.In.MotorCurrentAmps = 2f;
        rig.Sup.Tick(rig.In); // first tick: one nominal period
        Assert.Equal(0.003f, rig.Sup.OverloadAccumulator, 5);
        rig.In.NowMicros += 10_000;
        rig.Sup.Tick(rig.In);
        Assert.Equal(0.033f, rig.Sup.OverloadAccumulator, 5);
        rig.In.NowMicros -= 5000;
        rig.Sup.Tick(rig.In);
        Assert.Equal(0.033f, rig.Sup.OverloadAccumulator, 5);
        // A long stall of the loop counts as at most one second.
        rig.In.MotorCurrentAmps = 1.5f;
        rig.In.NowMicros += 5000 + 3_000_000;
        rig.Sup.Tick(rig.In);
        Assert.Equal(0.033f + 1.25f, rig.Sup.OverloadAccumulator, 4);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void A_long_gap_with_the_motor_driver_off_is_counted_not_tripped()
    {
        // An EEPROM programming wait or a flash write holds the loop only while the driver sleeps.
        var rig = new Rig().Booted();
        rig.In.TickIntervalMicros = 40_000;
        rig.Tick();
        Assert.False(rig.Sup.Tripped);
        Assert.Equal(1, rig.Sup.QuietGaps);
        Assert.False(rig.Enable.Level, "the driver stayed asleep");

        // The same gap with the driver on trips, and the quiet count does not move.
        rig.In.TickIntervalMicros = 1000;
        rig.Run(0.6f, 50);
        Assert.False(rig.Sup.Tripped);
        rig.In.TickIntervalMicros = 40_000;
        rig.Tick(0.6f);
        Assert.Equal(FaultCode.ControlLoopOverrun, rig.Sup.ActiveFault);
        Assert.Equal(1, rig.Sup.QuietGaps);
        Assert.True(rig.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void A_driven_loop_at_a_third_of_its_rate_trips_within_ten_ticks_and_a_pause_before_the_start_does_not()
    {
        // Every interval under the 35 ms gap limit, but the mean of the last 10 over twice the period: too slow. From
        // 10 ms ticks, six 30 ms ones bring the mean to 22 ms (five: exactly 20 ms, allowed).
        var slow = new Rig().Booted();
        slow.In.TickIntervalMicros = 10_000;
        slow.Run(0.6f, 20);
        slow.In.TickIntervalMicros = 30_000;
        for (int k = 0; k < 5; k++) slow.Tick(0.6f);
        Assert.False(slow.Sup.Tripped);
        slow.Tick(0.6f);
        Assert.Equal(FaultCode.ControlLoopOverrun, slow.Sup.ActiveFault);

        // Long quiet intervals (driver asleep) just before the start are not a slow loop once driving.
        var quiet = new Rig().Booted();
        quiet.In.TickIntervalMicros = 30_000;
        for (int k = 0; k < 10; k++) quiet.Tick();
        quiet.In.TickIntervalMicros = 10_000;
        quiet.Run(0.6f, 15);
        Assert.False(quiet.Sup.Tripped);
    }
}
