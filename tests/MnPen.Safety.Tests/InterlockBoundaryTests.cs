namespace MnPen.Safety.Tests;

/// <summary>
/// Each interlock class on its own, at and around its thresholds and persistence deadlines (default limits unless a
/// test says otherwise). The supervisor-level tests show the trips happen; these pin down exactly when.
/// </summary>
public class InterlockBoundaryTests
{
    private static SafetyInputs Healthy(ulong now = 1_000_000) => new()
    {
        NowMicros = now, BatteryVolts = 7.5f, ThermistorRaw = 2048, HandpieceCelsius = 30f, CartridgePresent = true,
        DepthCommandMm = 1.0f, DepthMeasuredMm = 1.0f, DepthFeedbackRaw = 1400, DepthLimitMm = 2.0f,
        CalibrationValid = true, SettingsValid = true,
    };

    // ---- PersistenceTimer -------------------------------------------------------------------------------------

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Persistence_timer_fires_exactly_at_the_hold_time_and_restarts_when_the_condition_drops()
    {
        var t = new PersistenceTimer();
        Assert.False(t.Update(true, 10_000, 5000));
        Assert.False(t.Update(true, 14_999, 5000));
        Assert.True(t.Update(true, 15_000, 5000));
        Assert.True(t.Update(true, 15_001, 5000));
        Assert.False(t.Update(false, 15_002, 5000));
        // Restarted: the old start time no longer counts.
        Assert.False(t.Update(true, 16_000, 5000));
        Assert.False(t.Update(true, 20_999, 5000));
        Assert.True(t.Update(true, 21_000, 5000));
        t.Reset();
        Assert.False(t.Update(true, 22_000, 5000));
        Assert.True(t.Update(true, 27_000, 5000));
        Assert.True(new PersistenceTimer().Update(true, 5, 0));
        Assert.False(new PersistenceTimer().Update(false, 5, 0));
    }

    // ---- BatteryInterlock -------------------------------------------------------------------------------------

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Under_voltage_trips_below_6_V_only_after_5_ms_and_not_at_6_V()
    {
        var l = new SafetyLimits();
        var b = new BatteryInterlock();
        var i = Healthy();
        i.BatteryVolts = l.UnderVoltageVolts;
        for (int k = 0; k <= 20; k++) { i.NowMicros = 1_000_000 + (ulong)k * 1000; Assert.Equal(FaultCode.None, b.Update(i, l)); }
        b = new BatteryInterlock();
        i.BatteryVolts = 5.99f;
        i.NowMicros = 2_000_000;
        Assert.Equal(FaultCode.None, b.Update(i, l));
        i.NowMicros = 2_004_999;
        Assert.Equal(FaultCode.None, b.Update(i, l));
        i.NowMicros = 2_005_000;
        Assert.Equal(FaultCode.UnderVoltage, b.Update(i, l));
    }

    [Theory]
    [InlineData(2.99f, true)]
    [InlineData(3.0f, false)]
    [InlineData(9.2f, false)]
    [InlineData(9.21f, true)]
    [InlineData(float.NaN, true)]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Battery_reading_outside_3_to_9_2_V_is_a_sense_fault_after_5_ms(float volts, bool implausible)
    {
        var l = new SafetyLimits();
        var b = new BatteryInterlock();
        var i = Healthy();
        i.BatteryVolts = volts;
        Assert.Equal(FaultCode.None, b.Update(i, l));
        i.NowMicros += 4999;
        Assert.Equal(FaultCode.None, b.Update(i, l));
        i.NowMicros += 1;
        var code = b.Update(i, l);
        if (implausible) Assert.Equal(FaultCode.BatterySenseImplausible, code);
        else Assert.NotEqual(FaultCode.BatterySenseImplausible, code);
        // A 3.0 V reading is a real, very flat battery: brown-out, not a sense fault.
        if (volts == 3.0f) Assert.Equal(FaultCode.UnderVoltage, code);
    }

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Battery_derating_and_low_warning_start_below_their_thresholds_and_end_only_above_the_hysteresis()
    {
        var l = new SafetyLimits();
        var b = new BatteryInterlock();
        var i = Healthy();
        i.BatteryVolts = l.BatteryLowVolts;
        b.Update(i, l);
        Assert.False(b.Low);
        i.BatteryVolts = l.BatteryDerateVolts;
        b.Update(i, l);
        Assert.False(b.Derating);
        Assert.True(b.Low);
        i.BatteryVolts = 6.39f;
        b.Update(i, l);
        Assert.True(b.Derating);
        // Inside the band: both stay.
        i.BatteryVolts = 6.45f;
        b.Update(i, l);
        Assert.True(b.Derating);
        i.BatteryVolts = l.BatteryDerateVolts + l.BatteryHysteresisVolts;
        b.Update(i, l);
        Assert.False(b.Derating);
        Assert.True(b.Low);
        i.BatteryVolts = 6.65f;
        b.Update(i, l);
        Assert.True(b.Low);
        i.BatteryVolts = l.BatteryLowVolts + l.BatteryHysteresisVolts;
        b.Update(i, l);
        Assert.False(b.Low);
    }

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void An_impossible_battery_reading_neither_starts_nor_ends_derating()
    {
        var l = new SafetyLimits();
        var b = new BatteryInterlock();
        var i = Healthy();
        i.BatteryVolts = 2.0f;
        b.Update(i, l);
        Assert.False(b.Derating);
        Assert.False(b.Low);
        i.BatteryVolts = 6.3f;
        b.Update(i, l);
        Assert.True(b.Derating);
        Assert.True(b.Low);
        i.BatteryVolts = 9.5f;
        b.Update(i, l);
        Assert.True(b.Derating);
        Assert.True(b.Low);
    }

    // ---- TemperatureInterlock ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(3800, FaultCode.ThermistorOpen)]
    [InlineData(4095, FaultCode.ThermistorOpen)]
    [InlineData(100, FaultCode.ThermistorShort)]
    [InlineData(0, FaultCode.ThermistorShort)]
    [InlineData(3799, FaultCode.None)]
    [InlineData(101, FaultCode.None)]
    [Trait("Requirement", "SAF-PLS-02")]
    public void Thermistor_open_and_short_trip_exactly_after_5_ms(int raw, FaultCode expected)
    {
        var l = new SafetyLimits();
        var t = new TemperatureInterlock();
        var i = Healthy();
        i.ThermistorRaw = raw;
        Assert.Equal(FaultCode.None, t.Update(i, l));
        i.NowMicros += 4999;
        Assert.Equal(FaultCode.None, t.Update(i, l));
        i.NowMicros += 1;
        Assert.Equal(expected, t.Update(i, l));
        // An unreadable sensor is the worst case for derating, at once.
        bool bad = expected != FaultCode.None;
        Assert.Equal(bad, t.Derating);
        Assert.Equal(bad ? l.DerateMinFactor : 1f, t.Factor);
    }

    [Theory]
    [InlineData(39.5f, true)]
    [InlineData(39.49f, false)]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Over_temperature_trips_at_39_5_C_exactly_after_5_ms(float celsius, bool trips)
    {
        var l = new SafetyLimits();
        var t = new TemperatureInterlock();
        var i = Healthy();
        i.HandpieceCelsius = celsius;
        Assert.Equal(FaultCode.None, t.Update(i, l));
        i.NowMicros += 4999;
        Assert.Equal(FaultCode.None, t.Update(i, l));
        i.NowMicros += 1;
        Assert.Equal(trips ? FaultCode.OverTemperature : FaultCode.None, t.Update(i, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Over_temperature_persistence_starts_only_once_the_sensor_reads_again()
    {
        var l = new SafetyLimits();
        var t = new TemperatureInterlock();
        var i = Healthy();
        i.HandpieceCelsius = 45f;
        i.ThermistorRaw = 4010; // open for 3 ms (not yet a fault), reading meaningless
        for (int k = 0; k < 3; k++) { Assert.Equal(FaultCode.None, t.Update(i, l)); i.NowMicros += 1000; }
        i.ThermistorRaw = 2048; // reads again: 45 C is real from now on
        ulong start = i.NowMicros;
        for (; i.NowMicros < start + 5000; i.NowMicros += 1000) Assert.Equal(FaultCode.None, t.Update(i, l));
        Assert.Equal(FaultCode.OverTemperature, t.Update(i, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-PLS-02")]
    public void A_sensor_fault_is_reported_before_the_temperature_it_misreads()
    {
        var l = new SafetyLimits();
        var t = new TemperatureInterlock();
        var i = Healthy();
        i.HandpieceCelsius = 45f;
        i.ThermistorRaw = 4010;
        t.Update(i, l);
        i.NowMicros += 10_000;
        Assert.Equal(FaultCode.ThermistorOpen, t.Update(i, l));
        // Limits where one reading is both "open" and "short": open is reported.
        var odd = new SafetyLimits { ThermistorOpenRaw = 50, ThermistorShortRaw = 100 };
        var t2 = new TemperatureInterlock();
        i.ThermistorRaw = 75;
        t2.Update(i, odd);
        i.NowMicros += 10_000;
        Assert.Equal(FaultCode.ThermistorOpen, t2.Update(i, odd));
    }

    [Theory]
    [InlineData(37.99f, false, 1f)]
    [InlineData(38.0f, true, 1f)]
    [InlineData(38.75f, true, 0.7f)]
    [InlineData(39.5f, true, 0.4f)]
    [InlineData(45f, true, 0.4f)]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Temperature_derating_is_linear_from_38_C_to_the_trip_and_never_below_the_minimum(float celsius, bool derating, float factor)
    {
        var l = new SafetyLimits();
        var t = new TemperatureInterlock();
        var i = Healthy();
        i.HandpieceCelsius = celsius;
        t.Update(i, l);
        Assert.Equal(derating, t.Derating);
        Assert.Equal(factor, t.Factor, 4);
    }

    [Fact]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Temperature_derating_holds_down_to_the_hysteresis_band_and_unreadable_temperature_derates_fully()
    {
        var l = new SafetyLimits();
        var t = new TemperatureInterlock();
        var i = Healthy();
        i.HandpieceCelsius = 39f;
        t.Update(i, l);
        Assert.True(t.Derating);
        Assert.True(t.Factor < 1f);
        i.HandpieceCelsius = 37.0f; // exactly start - hysteresis: still derating, full duty allowed
        t.Update(i, l);
        Assert.True(t.Derating);
        Assert.Equal(1f, t.Factor);
        i.HandpieceCelsius = 36.99f;
        t.Update(i, l);
        Assert.False(t.Derating);
        i.HandpieceCelsius = float.NaN;
        t.Update(i, l);
        Assert.True(t.Derating);
        Assert.Equal(l.DerateMinFactor, t.Factor);
    }

    // ---- OverloadInterlock ------------------------------------------------------------------------------------

    [Fact]
    [Trait("Requirement", "SAF-OL-01")]
    public void Overload_trips_when_the_i2t_budget_is_reached_and_not_before()
    {
        var l = new SafetyLimits();
        var o = new OverloadInterlock();
        // 2 A: (4 - 1) A² per second above the rating; 1.5 A²s lasts 0.5 s.
        Assert.False(o.Update(2f, 250_000, l));
        Assert.Equal(0.75f, o.Accumulator, 4);
        Assert.False(o.Update(2f, 240_000, l));
        Assert.True(o.Update(2f, 10_000, l));
        Assert.Equal(l.OverloadBudgetA2s, o.Accumulator, 4);
        var exact = new OverloadInterlock { Accumulator = l.OverloadBudgetA2s };
        Assert.True(exact.Update(l.OverloadContinuousAmps, 1000, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-OL-01")]
    public void Overload_accumulator_never_goes_below_zero_and_cools_at_the_rate_it_heated()
    {
        var l = new SafetyLimits();
        var o = new OverloadInterlock();
        Assert.False(o.Update(0f, 1_000_000, l));
        Assert.Equal(0f, o.Accumulator);
        // Banked cooling would hide the next overload: it must not exist.
        Assert.False(o.Update(2f, 100_000, l));
        Assert.Equal(0.3f, o.Accumulator, 4);
        Assert.False(o.Update(0f, 100_000, l));
        Assert.Equal(0.2f, o.Accumulator, 4);
        Assert.False(o.Update(l.OverloadContinuousAmps, 1_000_000, l));
        Assert.Equal(0.2f, o.Accumulator, 4);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Overload_counts_as_cooled_down_at_half_the_budget()
    {
        var l = new SafetyLimits();
        Assert.True(new OverloadInterlock { Accumulator = 0.75f }.CooledDown(l));
        Assert.True(new OverloadInterlock { Accumulator = 0.5f }.CooledDown(l));
        Assert.False(new OverloadInterlock { Accumulator = 0.76f }.CooledDown(l));
        Assert.False(new OverloadInterlock { Accumulator = 1.4f }.CooledDown(l));
    }

    // ---- DepthInterlock ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(79, true)]
    [InlineData(80, false)]
    [InlineData(4020, false)]
    [InlineData(4021, true)]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Depth_pot_outside_80_to_4020_counts_trips_exactly_after_3_ms(int raw, bool trips)
    {
        var l = new SafetyLimits();
        var d = new DepthInterlock();
        var i = Healthy();
        i.DepthFeedbackRaw = raw;
        Assert.Equal(FaultCode.None, d.Update(i, false, false, l));
        i.NowMicros += 2999;
        Assert.Equal(FaultCode.None, d.Update(i, false, false, l));
        i.NowMicros += 1;
        Assert.Equal(trips ? FaultCode.DepthActuatorFault : FaultCode.None, d.Update(i, false, false, l));
    }

    [Theory]
    [InlineData(0.7f, false)]
    [InlineData(0.69f, true)]
    [InlineData(float.NaN, true)]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Depth_tracking_error_beyond_0_3_mm_shallower_trips_exactly_after_250_ms(float measured, bool trips)
    {
        var l = new SafetyLimits();
        var d = new DepthInterlock();
        var i = Healthy();
        i.DepthCommandMm = 1.0f;
        i.DepthMeasuredMm = measured;
        Assert.Equal(FaultCode.None, d.Update(i, true, true, l));
        i.NowMicros += 249_999;
        Assert.Equal(FaultCode.None, d.Update(i, true, true, l));
        i.NowMicros += 1;
        Assert.Equal(trips ? FaultCode.DepthActuatorFault : FaultCode.None, d.Update(i, true, true, l));
    }

    [Theory]
    [InlineData(1.3f, false)]
    [InlineData(1.31f, true)]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Depth_more_than_0_3_mm_deeper_than_commanded_trips_after_3_ms_a_runaway_cannot_wait_for_250_ms(float measured, bool trips)
    {
        var l = new SafetyLimits();
        var d = new DepthInterlock();
        var i = Healthy();
        i.DepthCommandMm = 1.0f;
        i.DepthMeasuredMm = measured;
        Assert.Equal(FaultCode.None, d.Update(i, true, true, l));
        i.NowMicros += (ulong)l.DepthAboveLimitMicros - 1;
        Assert.Equal(FaultCode.None, d.Update(i, true, true, l));
        i.NowMicros += 1;
        Assert.Equal(trips ? FaultCode.DepthActuatorFault : FaultCode.None, d.Update(i, true, true, l));
        i.NowMicros += 250_000;
        Assert.Equal(trips ? FaultCode.DepthActuatorFault : FaultCode.None, d.Update(i, true, true, l));
        // At rest a deeper needle waits for the tracking allowance (a new set-point is a step there).
        var rest = new DepthInterlock();
        Assert.Equal(FaultCode.None, rest.Update(i, false, false, l));
        i.NowMicros += 249_999;
        Assert.Equal(FaultCode.None, rest.Update(i, false, false, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Measured_depth_above_the_limit_plus_margin_trips_after_3_ms_only_while_the_needle_moves()
    {
        var l = new SafetyLimits();
        var i = Healthy();
        i.DepthLimitMm = 2.0f;
        i.DepthCommandMm = 2.0f;
        i.DepthMeasuredMm = 2.15f;
        // Coasting (moving, no drive requested): the measured check alone.
        var d = new DepthInterlock();
        Assert.Equal(FaultCode.None, d.Update(i, true, false, l));
        i.NowMicros += 2999;
        Assert.Equal(FaultCode.None, d.Update(i, true, false, l));
        i.NowMicros += 1;
        Assert.Equal(FaultCode.DepthAboveLimit, d.Update(i, true, false, l));
        // Within the margin: no trip.
        var m = new DepthInterlock();
        i.DepthMeasuredMm = 2.05f;
        for (int k = 0; k < 10; k++) { i.NowMicros += 1000; Assert.Equal(FaultCode.None, m.Update(i, true, false, l)); }
        // Needle still, cartridge out, or limit unknown while coasting: not this check's business.
        i.DepthMeasuredMm = 2.15f;
        var still = new DepthInterlock();
        var noCart = new DepthInterlock();
        var unknown = new DepthInterlock();
        for (int k = 0; k < 10; k++)
        {
            i.NowMicros += 1000;
            Assert.Equal(FaultCode.None, still.Update(i, false, false, l));
            i.CartridgePresent = false;
            Assert.Equal(FaultCode.None, noCart.Update(i, true, false, l));
            i.CartridgePresent = true;
            i.DepthLimitMm = 0f;
            Assert.Equal(FaultCode.None, unknown.Update(i, true, false, l));
            i.DepthLimitMm = 2.0f;
        }
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Commanded_depth_above_the_limit_or_an_unknown_limit_trips_at_once_when_driven_with_a_cartridge()
    {
        var l = new SafetyLimits();
        var i = Healthy();
        i.DepthLimitMm = 2.0f;
        i.DepthCommandMm = 2.0f;
        i.DepthMeasuredMm = 2.0f;
        Assert.Equal(FaultCode.None, new DepthInterlock().Update(i, true, true, l));
        i.DepthCommandMm = 2.002f;
        i.DepthMeasuredMm = 2.002f;
        Assert.Equal(FaultCode.DepthAboveLimit, new DepthInterlock().Update(i, true, true, l));
        Assert.Equal(FaultCode.None, new DepthInterlock().Update(i, true, false, l));
        i.DepthCommandMm = 1.0f;
        i.DepthMeasuredMm = 1.0f;
        i.DepthLimitMm = 0f;
        Assert.Equal(FaultCode.DepthAboveLimit, new DepthInterlock().Update(i, false, true, l));
        i.DepthLimitMm = float.NaN;
        Assert.Equal(FaultCode.DepthAboveLimit, new DepthInterlock().Update(i, false, true, l));
        i.CartridgePresent = false;
        Assert.Equal(FaultCode.None, new DepthInterlock().Update(i, false, true, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Depth_above_limit_is_reported_before_an_actuator_fault()
    {
        var l = new SafetyLimits();
        var d = new DepthInterlock();
        var i = Healthy();
        i.DepthFeedbackRaw = 10;
        d.Update(i, true, true, l);
        i.NowMicros += 5000;
        Assert.Equal(FaultCode.DepthActuatorFault, d.Update(i, true, true, l));
        i.DepthLimitMm = 0f;
        i.NowMicros += 1000;
        Assert.Equal(FaultCode.DepthAboveLimit, d.Update(i, true, true, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Depth_exactly_at_the_limit_and_margin_is_allowed_and_an_unknown_limit_forbids_even_zero_depth()
    {
        var l = new SafetyLimits();
        var i = Healthy();
        i.DepthLimitMm = 2.0f;
        i.DepthCommandMm = 2.0f + 0.001f; // the command tolerance itself
        i.DepthMeasuredMm = 2.0f + l.DepthLimitMarginMm;
        var d = new DepthInterlock();
        for (int k = 0; k < 10; k++) { i.NowMicros += 1000; Assert.Equal(FaultCode.None, d.Update(i, true, true, l)); }
        i.DepthLimitMm = 0f;
        i.DepthCommandMm = 0f;
        i.DepthMeasuredMm = 0f;
        Assert.Equal(FaultCode.DepthAboveLimit, new DepthInterlock().Update(i, true, true, l));
    }

    [Fact]
    [Trait("Requirement", "SAF-OL-01")]
    public void Overload_uses_the_configured_continuous_rating()
    {
        var l = new SafetyLimits { OverloadContinuousAmps = 1.2f };
        var o = new OverloadInterlock();
        Assert.False(o.Update(1.2f, 1_000_000, l));
        Assert.Equal(0f, o.Accumulator, 5);
        Assert.False(o.Update(1.3f, 1_000_000, l));
        Assert.Equal(1.3f * 1.3f - 1.2f * 1.2f, o.Accumulator, 4);
    }
}
