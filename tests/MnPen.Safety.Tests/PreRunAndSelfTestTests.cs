using MnPen.Hal;

namespace MnPen.Safety.Tests;

public class PreRunAndSelfTestTests
{
    private static PreRunFacts GoodCartridge() => new() { CartridgeIdValid = true };

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Healthy_pen_passes_the_pre_run_checks()
    {
        var rig = new Rig().Booted();
        var report = new CheckReport();
        Assert.True(rig.Sup.RunPreRunChecks(rig.In, GoodCartridge(), report));
        Assert.Equal(0, report.Count);
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    [Trait("Requirement", "SAF-CART-01")]
    public void Pre_run_checks_report_every_failure_not_just_the_first()
    {
        var rig = new Rig().Booted();
        rig.In.CartridgePresent = false;
        rig.In.BatteryVolts = 6.1f;
        rig.In.HandpieceCelsius = 40f;
        rig.In.CalibrationValid = false;
        rig.In.DepthMeasuredMm = 0.2f;
        rig.In.DriverFault = true;
        var report = new CheckReport();
        Assert.False(rig.Sup.RunPreRunChecks(rig.In, GoodCartridge(), report));
        FaultCode[] expected =
        {
            FaultCode.CartridgeAbsent, FaultCode.BatteryTooLowToStart, FaultCode.OverTemperature,
            FaultCode.CalibrationInvalid, FaultCode.DepthNotReached, FaultCode.DriverFault, FaultCode.BatteryLow,
        };
        foreach (var c in expected) Assert.True(report.Contains(c), $"missing {c}");
        Assert.Equal(expected.Length, report.Count);
        Assert.Equal(FaultCode.CartridgeAbsent, report.FirstBlocking);
        for (int k = 0; k < report.Count; k++)
        {
            Assert.NotEqual("Unknown", FaultCatalog.Name(report[k]));
            Assert.False(string.IsNullOrWhiteSpace(FaultCatalog.Remedy(report[k])));
        }
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Used_or_unreadable_cartridge_and_too_deep_setting_are_refused()
    {
        var rig = new Rig().Booted();
        rig.In.DepthCommandMm = 2.6f;
        rig.In.DepthMeasuredMm = 2.6f;
        var report = new CheckReport();
        Assert.False(rig.Sup.RunPreRunChecks(rig.In, new PreRunFacts { CartridgeIdValid = false, CartridgeUsedUp = true }, report));
        Assert.True(report.Contains(FaultCode.CartridgeUnreadable));
        Assert.True(report.Contains(FaultCode.CartridgeReused));
        Assert.True(report.Contains(FaultCode.DepthAboveLimit));
    }

    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void Latched_fault_and_missing_self_test_refuse_start_and_warnings_alone_do_not()
    {
        var fresh = new Rig();
        var report = new CheckReport();
        Assert.False(fresh.Sup.RunPreRunChecks(fresh.In, GoodCartridge(), report));
        Assert.True(report.Contains(FaultCode.SelfTestPending));

        var rig = new Rig().Booted();
        rig.Sup.Trip(FaultCode.Overcurrent);
        Assert.False(rig.Sup.RunPreRunChecks(rig.In, GoodCartridge(), null!));
        Assert.True(rig.Sup.PreRunReport.Contains(FaultCode.FaultPending));
        Assert.True(rig.Sup.PreRunReport.Contains(FaultCode.Overcurrent));

        var warn = new Rig().Booted();
        warn.In.BatteryVolts = 6.5f;
        warn.Run(0f, 2);
        Assert.True(warn.Sup.RunPreRunChecks(warn.In, new PreRunFacts { CartridgeIdValid = true, CalibrationDue = true }, report));
        Assert.True(report.Contains(FaultCode.CalibrationDue));
        Assert.True(report.Contains(FaultCode.BatteryLow));
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void Self_test_reports_every_failed_check_and_keeps_the_motor_off()
    {
        var rig = new Rig();
        rig.Enable.StuckAt = false;
        ((FakeInput)rig.Board.MotorFaultN).Level = false;
        ((FakeAdc)rig.Board.MotorCurrent).Raw = 200;
        ((FakeAdc)rig.Board.Thermistor).Raw = 4095;
        ((FakeAdc)rig.Board.DepthFeedback).Raw = 4095;
        ((FakeAdc)rig.Board.BatteryVoltage).Raw = 100;
        var facts = new SelfTestFacts { ResetCause = ResetCause.Watchdog, CalibrationCrcOk = false, SettingsCrcOk = false, StorageOk = false };
        var report = rig.Sup.RunSelfTest(rig.Board, facts);
        FaultCode[] expected =
        {
            FaultCode.DriverEnableReadback, FaultCode.DriverFault, FaultCode.CurrentOffsetOutOfRange, FaultCode.ThermistorOpen,
            FaultCode.BatterySenseImplausible, FaultCode.DepthActuatorFault, FaultCode.StorageCorrupt, FaultCode.CalibrationInvalid,
            FaultCode.SettingsInvalid, FaultCode.WatchdogReset,
        };
        foreach (var c in expected) Assert.True(report.Contains(c), $"missing {c}");
        Assert.False(report.Passed);
        Assert.Equal(FaultCode.DriverEnableReadback, rig.Sup.ActiveFault);
        for (int k = 0; k < 300; k++) rig.Tick(0.5f);
        Assert.False(rig.Sup.SelfTestPassed);
        Assert.True(rig.Safe);
    }

    [Theory]
    [InlineData(3,   false, FaultCode.None)]
    [InlineData(60,  true,  FaultCode.CurrentOffsetOutOfRange)]
    [Trait("Requirement", "SAF-ST-01")]
    public void Current_offset_at_rest_is_checked(int raw, bool fails, FaultCode code)
    {
        var rig = new Rig();
        ((FakeAdc)rig.Board.MotorCurrent).Raw = raw;
        var report = rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts());
        Assert.Equal(!fails, report.Passed);
        if (fails) Assert.True(report.Contains(code));
    }

    [Fact]
    [Trait("Requirement", "SAF-ST-01")]
    public void Brown_out_reset_is_a_warning_not_a_failure()
    {
        var rig = new Rig();
        var facts = rig.GoodFacts();
        facts.ResetCause = ResetCause.BrownOut;
        var report = rig.Sup.RunSelfTest(rig.Board, facts);
        Assert.True(report.Passed);
        Assert.True(report.Contains(FaultCode.BrownOutReset));
        Assert.Equal(FaultCode.BrownOutReset, rig.Sup.ActiveWarning);
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1080, true)]
    [InlineData(1200, false)]
    [InlineData(800, false)]
    [Trait("Requirement", "SAF-ST-01")]
    public void Clock_cross_check_compares_tick_count_with_the_microsecond_clock(int microsPerTick, bool passes)
    {
        var rig = new Rig();
        rig.Sup.RunSelfTest(rig.Board, rig.GoodFacts());
        for (int k = 0; k < rig.Sup.Limits.ClockCheckTicks + 2; k++)
        {
            rig.Clock.Now += (ulong)(microsPerTick - 1000);
            rig.In.TickIntervalMicros = 1000;
            rig.Tick(0f);
        }
        Assert.True(rig.Sup.SelfTestDone);
        Assert.Equal(passes, rig.Sup.SelfTestPassed);
        Assert.Equal(passes ? FaultCode.None : FaultCode.ClockMismatch, rig.Sup.ActiveFault);
    }

    [Theory]
    [InlineData(ResetCause.LoopAbort, true)]
    [InlineData(ResetCause.Watchdog, true)]
    [InlineData(ResetCause.Software, false)]
    [Trait("Requirement", "SAF-TIM-01")]
    public void A_loop_that_aborted_on_an_exception_is_a_power_cycle_fault_at_the_next_boot(ResetCause cause, bool fault)
    {
        var rig = new Rig();
        var facts = rig.GoodFacts();
        facts.ResetCause = cause;
        var report = rig.Sup.RunSelfTest(rig.Board, facts);
        Assert.Equal(fault, report.Contains(FaultCode.WatchdogReset));
        Assert.Equal(fault ? FaultCode.WatchdogReset : FaultCode.None, rig.Sup.ActiveFault);
        Assert.True(rig.Safe);
    }
}
