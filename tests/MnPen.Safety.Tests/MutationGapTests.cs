namespace MnPen.Safety.Tests;

/// <summary>Tests added for surviving mutants that matter: limit validation, report bookkeeping, boundaries.</summary>
public class MutationGapTests
{
    public static TheoryData<string> InvalidLimitSets() => new()
    {
        "TickPeriodMicros=0", "OvercurrentAmps=0", "OverloadContinuousAmps=0", "OverloadBudgetA2s=0", "OverloadContinuousAmps=3",
        "StallMinDuty=0", "JamTimeoutMinMicros=0", "JamTimeoutMaxMicros=10", "MotorResistanceOhms=0", "DriverCurrentLimitAmps=0",
        "JamStallFraction=0", "JamStallFraction=1", "JamDetectMicros=0", "OverspeedAbsolute=0", "OverspeedRelativeFactor=0.9",
        "DepthToleranceMm=0", "DerateStartCelsius=40.5", "OverTemperatureCelsius=41.5", "DerateMinFactor=0", "DerateMinFactor=1.5",
        "BatteryDerateFactor=0", "BatteryDerateFactor=1.5", "UnderVoltageVolts=6.4", "ThermistorShortRaw=4000",
        "MaxTickIntervalMicros=1000", "ClockCheckTicks=0",
    };

    [Theory]
    [MemberData(nameof(InvalidLimitSets))]
    [Trait("Requirement", "SAF-CFG-01")]
    public void Each_out_of_range_limit_makes_the_set_invalid_and_keeps_the_motor_off(string change)
    {
        var l = new SafetyLimits();
        Assert.True(l.IsValid());
        var parts = change.Split('=');
        var f = typeof(SafetyLimits).GetField(parts[0])!;
        f.SetValue(l, Convert.ChangeType(double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), f.FieldType));
        Assert.False(l.IsValid());
        var rig = new Rig(l).Booted();
        rig.Run(0.5f, 20);
        Assert.True(rig.Safe);
        Assert.Equal(FaultCode.SettingsInvalid, rig.Sup.ActiveFault);
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Report_keeps_each_code_once_counts_blocking_entries_and_clears()
    {
        var r = new CheckReport();
        Assert.True(r.Passed);
        Assert.Equal(FaultCode.None, r.FirstBlocking);
        r.Add(FaultCode.BatteryLow);
        r.Add(FaultCode.None);
        Assert.True(r.Passed);
        Assert.Equal(1, r.Count);
        Assert.Equal(FaultCode.None, r.FirstBlocking);
        r.Add(FaultCode.CartridgeAbsent);
        r.Add(FaultCode.CartridgeAbsent);
        Assert.Equal(2, r.Count);
        Assert.False(r.Passed);
        Assert.Equal(FaultCode.CartridgeAbsent, r.FirstBlocking);
        Assert.Equal(FaultCode.BatteryLow, r[0]);
        r.Clear();
        Assert.Equal(0, r.Count);
        Assert.True(r.Passed);
        Assert.False(r.Contains(FaultCode.CartridgeAbsent));
        foreach (var c in FaultCatalog.All) r.Add(c);
        Assert.Equal(FaultCatalog.All.Length - 1, r.Count);
        Assert.True(r.Count <= CheckReport.Capacity);
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-01")]
    public void Only_hard_trip_codes_are_counted_as_other_causes()
    {
        var rig = new Rig().Booted();
        rig.Sup.Trip(FaultCode.Overcurrent);
        rig.Sup.Trip(FaultCode.Overcurrent);
        Assert.Equal(0, rig.Sup.OtherFaultCount);
        rig.Sup.Trip(FaultCode.BatterySenseImplausible);
        rig.Sup.Trip(FaultCode.BatterySenseImplausible);
        Assert.Equal(1, rig.Sup.OtherFaultCount);
        Assert.True(rig.Sup.HasSeen(FaultCode.BatterySenseImplausible));
        Assert.True(rig.Sup.HasSeen(FaultCode.Overcurrent));
        Assert.False(rig.Sup.HasSeen(FaultCode.None));
        Assert.False(rig.Sup.HasSeen(FaultCode.CartridgeAbsent));
        Assert.False(rig.Sup.HasSeen(FaultCode.Overload));
    }

    [Theory]
    [InlineData(3800, FaultCode.ThermistorOpen)]
    [InlineData(100, FaultCode.ThermistorShort)]
    [Trait("Requirement", "SAF-PLS-02")]
    public void Thermistor_thresholds_are_inclusive_in_self_test_and_pre_run(int raw, FaultCode code)
    {
        var rig = new Rig();
        ((FakeAdc)rig.Board.Thermistor).Raw = raw;
        Assert.True(rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts()).Contains(code));
        var ok = new Rig().Booted();
        ok.In.ThermistorRaw = raw;
        var report = new CheckReport();
        ok.Sup.RunPreRunChecks(ok.In, new PreRunFacts { CartridgeIdValid = true }, report);
        Assert.True(report.Contains(code));
        ok.In.ThermistorRaw = code == FaultCode.ThermistorOpen ? raw - 1 : raw + 1;
        ok.Sup.RunPreRunChecks(ok.In, new PreRunFacts { CartridgeIdValid = true }, report);
        Assert.False(report.Contains(code));
    }

    [Theory]
    [InlineData(2.5f, 2.5f, false)]
    [InlineData(2.51f, 2.51f, true)]
    [Trait("Requirement", "SAF-DEP-02")]
    public void Pre_run_refuses_a_depth_above_the_cartridge_limit_but_not_at_it(float command, float measured, bool refused)
    {
        var rig = new Rig().Booted();
        rig.In.DepthCommandMm = command;
        rig.In.DepthMeasuredMm = measured;
        var report = new CheckReport();
        rig.Sup.RunPreRunChecks(rig.In, new PreRunFacts { CartridgeIdValid = true }, report);
        Assert.Equal(refused, report.Contains(FaultCode.DepthAboveLimit));
    }

    [Theory]
    [InlineData(6.25f, false, false)]
    [InlineData(6.15f, true, false)]
    [InlineData(2.9f, false, true)]
    [InlineData(9.3f, false, true)]
    [Trait("Requirement", "SAF-BAT-01")]
    public void Pre_run_battery_checks(float volts, bool tooLow, bool implausible)
    {
        var rig = new Rig().Booted();
        rig.In.BatteryVolts = volts;
        var report = new CheckReport();
        rig.Sup.RunPreRunChecks(rig.In, new PreRunFacts { CartridgeIdValid = true }, report);
        Assert.Equal(tooLow, report.Contains(FaultCode.BatteryTooLowToStart));
        Assert.Equal(implausible, report.Contains(FaultCode.BatterySenseImplausible));
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void Self_test_battery_and_depth_pot_ranges()
    {
        var low = new Rig();
        ((FakeAdc)low.Board.BatteryVoltage).Raw = 1915; // 5.8 V at 3.028 mV/count
        var r = low.Sup.RunSelfTest(low.Board, low.GoodFacts());
        Assert.True(r.Contains(FaultCode.UnderVoltage));
        Assert.False(r.Contains(FaultCode.BatterySenseImplausible));
        var high = new Rig();
        ((FakeAdc)high.Board.BatteryVoltage).Raw = 4095; // 12.4 V
        Assert.True(high.Sup.RunSelfTest(high.Board, high.GoodFacts()).Contains(FaultCode.BatterySenseImplausible));
        var pot = new Rig();
        ((FakeAdc)pot.Board.DepthFeedback).Raw = 50;
        Assert.True(pot.Sup.RunSelfTest(pot.Board, pot.GoodFacts()).Contains(FaultCode.DepthActuatorFault));
        var none = new Rig();
        Assert.True(none.Sup.RunSelfTest(none.Board, null!).Contains(FaultCode.StorageCorrupt));
    }
}
