namespace MnPen.Safety.Tests;

/// <summary>Pre-run checks one condition at a time, at and around each threshold, on an otherwise healthy booted pen.</summary>
public class PreRunBoundaryTests
{
    private static readonly PreRunFacts GoodCartridge = new() { CartridgeIdValid = true };

    private static CheckReport Check(Action<SafetyInputs> change, PreRunFacts? facts = null, Rig? rig = null)
    {
        rig ??= new Rig().Booted();
        change(rig.In);
        var report = new CheckReport();
        bool ok = rig.Sup.RunPreRunChecks(rig.In, facts ?? GoodCartridge, report);
        Assert.Equal(report.Passed, ok);
        return report;
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void A_healthy_pen_reports_nothing_and_the_supervisor_keeps_the_last_report_when_none_is_given()
    {
        var rig = new Rig().Booted();
        Assert.Equal(0, Check(_ => { }, rig: rig).Count);
        rig.In.DriverFault = true;
        Assert.False(rig.Sup.RunPreRunChecks(rig.In, GoodCartridge, null!));
        Assert.True(rig.Sup.PreRunReport.Contains(FaultCode.DriverFault));
    }

    [Theory]
    [InlineData(1.3f, false)]
    [InlineData(0.7f, false)]
    [InlineData(1.31f, true)]
    [InlineData(0.69f, true)]
    [InlineData(float.NaN, true)]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Start_waits_until_the_depth_is_within_0_3_mm_of_the_command(float measured, bool refused)
    {
        var r = Check(i => { i.DepthCommandMm = 1.0f; i.DepthMeasuredMm = measured; });
        Assert.Equal(refused, r.Contains(FaultCode.DepthNotReached));
        Assert.Equal(refused, !r.Passed);
    }

    [Theory]
    [InlineData(79, true)]
    [InlineData(80, false)]
    [InlineData(4020, false)]
    [InlineData(4021, true)]
    [Trait("Requirement", "SAF-DEP-01")]
    public void Start_is_refused_with_a_depth_pot_reading_outside_80_to_4020(int raw, bool refused)
        => Assert.Equal(refused, Check(i => i.DepthFeedbackRaw = raw).Contains(FaultCode.DepthActuatorFault));

    [Theory]
    [InlineData(0f)]
    [InlineData(float.NaN)]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Start_is_refused_while_the_cartridge_depth_limit_is_unknown(float limit)
        => Assert.True(Check(i => i.DepthLimitMm = limit).Contains(FaultCode.DepthAboveLimit));

    [Theory]
    [InlineData(38.5f, true)]
    [InlineData(38.49f, false)]
    [InlineData(float.NaN, true)]
    [Trait("Requirement", "SAF-TMP-01")]
    public void Start_is_refused_within_the_hysteresis_of_the_temperature_trip(float celsius, bool refused)
        => Assert.Equal(refused, Check(i => i.HandpieceCelsius = celsius).Contains(FaultCode.OverTemperature));

    [Fact]
    [Trait("Requirement", "SAF-PLS-02")]
    public void A_broken_thermistor_is_reported_as_such_not_as_a_temperature()
    {
        var open = Check(i => { i.ThermistorRaw = 4095; i.HandpieceCelsius = 60f; });
        Assert.True(open.Contains(FaultCode.ThermistorOpen));
        Assert.False(open.Contains(FaultCode.OverTemperature));
        var shorted = Check(i => { i.ThermistorRaw = 0; i.HandpieceCelsius = 60f; });
        Assert.True(shorted.Contains(FaultCode.ThermistorShort));
        Assert.False(shorted.Contains(FaultCode.OverTemperature));
    }

    [Theory]
    [InlineData(0.3f, false)]
    [InlineData(0.31f, true)]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Start_is_refused_with_more_than_0_3_A_flowing_at_rest(float amps, bool refused)
        => Assert.Equal(refused, Check(i => i.MotorCurrentAmps = amps).Contains(FaultCode.CurrentOffsetOutOfRange));

    [Fact]
    [Trait("Requirement", "SAF-CFG-01")]
    public void Start_is_refused_with_invalid_calibration_or_settings_or_a_driver_fault()
    {
        Assert.True(Check(i => i.CalibrationValid = false).Contains(FaultCode.CalibrationInvalid));
        Assert.True(Check(i => i.SettingsValid = false).Contains(FaultCode.SettingsInvalid));
        Assert.True(Check(i => i.DriverFault = true).Contains(FaultCode.DriverFault));
    }

    [Theory]
    [InlineData(6.59f, true)]
    [InlineData(6.6f, false)]
    [InlineData(2.9f, false)]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Low_battery_warning_below_6_6_V_does_not_block_the_start(float volts, bool warned)
    {
        var r = Check(i => i.BatteryVolts = volts);
        Assert.Equal(warned, r.Contains(FaultCode.BatteryLow));
        if (warned) Assert.True(r.Passed);
    }

    [Fact]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Low_battery_warning_in_force_is_reported_even_after_the_reading_recovers_into_the_band()
    {
        var rig = new Rig().Booted();
        rig.In.BatteryVolts = 6.5f;
        rig.Tick();
        var r = Check(i => i.BatteryVolts = 6.65f, rig: rig);
        Assert.True(r.Contains(FaultCode.BatteryLow));
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Calibration_due_is_reported_as_a_warning_and_cartridge_facts_only_count_with_a_cartridge()
    {
        var due = Check(_ => { }, new PreRunFacts { CartridgeIdValid = true, CalibrationDue = true });
        Assert.True(due.Contains(FaultCode.CalibrationDue));
        Assert.True(due.Passed);
        var none = Check(i => i.CartridgePresent = false, new PreRunFacts { CartridgeIdValid = false, CartridgeUsedUp = true });
        Assert.True(none.Contains(FaultCode.CartridgeAbsent));
        Assert.False(none.Contains(FaultCode.CartridgeUnreadable));
        Assert.False(none.Contains(FaultCode.CartridgeReused));
        var noFacts = new Rig().Booted();
        var report = new CheckReport();
        Assert.False(noFacts.Sup.RunPreRunChecks(noFacts.In, null!, report));
        Assert.True(report.Contains(FaultCode.CartridgeUnreadable));
        Assert.False(report.Contains(FaultCode.CartridgeReused));
        Assert.False(report.Contains(FaultCode.CalibrationDue));
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void A_latched_fault_is_reported_with_its_cause()
    {
        var rig = new Rig().Booted();
        rig.Sup.Trip(FaultCode.Overload);
        var r = Check(_ => { }, rig: rig);
        Assert.True(r.Contains(FaultCode.FaultPending));
        Assert.True(r.Contains(FaultCode.Overload));
        Assert.False(r.Contains(FaultCode.SelfTestPending));
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Pre_run_thresholds_are_inclusive_where_the_limits_say_so()
    {
        var l = new SafetyLimits();
        var flat = Check(i => i.BatteryVolts = l.BatteryMinPlausibleVolts);
        Assert.False(flat.Contains(FaultCode.BatterySenseImplausible));
        Assert.True(flat.Contains(FaultCode.BatteryTooLowToStart));
        Assert.True(flat.Contains(FaultCode.BatteryLow));
        Assert.False(Check(i => i.BatteryVolts = l.BatteryMaxPlausibleVolts).Contains(FaultCode.BatterySenseImplausible));
        Assert.False(Check(i => i.BatteryVolts = l.BatteryStartMinVolts).Contains(FaultCode.BatteryTooLowToStart));
        Assert.False(Check(i => { i.DepthLimitMm = 2.0f; i.DepthCommandMm = 2.0f + 0.001f; i.DepthMeasuredMm = 2.0f; }).Contains(FaultCode.DepthAboveLimit));
        Assert.True(Check(i => { i.DepthLimitMm = 0f; i.DepthCommandMm = 0f; i.DepthMeasuredMm = 0f; }).Contains(FaultCode.DepthAboveLimit));
    }

    [Theory]
    [InlineData(40, 80, false, false)]
    [InlineData(41, 4020, true, false)]
    [InlineData(3, 79, false, true)]
    [InlineData(3, 4021, false, true)]
    [Trait("Requirement", "SAF-ST-01")]
    public void Self_test_current_offset_and_depth_pot_limits_are_inclusive(int currentRaw, int potRaw, bool offsetFails, bool potFails)
    {
        var rig = new Rig();
        ((FakeAdc)rig.Board.MotorCurrent).Raw = currentRaw;
        ((FakeAdc)rig.Board.DepthFeedback).Raw = potRaw;
        var r = rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts());
        Assert.Equal(offsetFails, r.Contains(FaultCode.CurrentOffsetOutOfRange));
        Assert.Equal(potFails, r.Contains(FaultCode.DepthActuatorFault));
    }
}
