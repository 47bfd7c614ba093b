using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class MigrationTests
{
    [Fact]
    public void Calibration_v1_loads_with_its_values_and_documented_defaults_for_fields_it_lacked()
    {
        var flash = new SimulatedFlash();
        var original = TestData.ValidCalibration();
        byte[] v1 = TestData.EncodeCalibrationV1(original);
        Assert.Equal(StoreWriteResult.Ok, TestData.CalibrationStore(flash).Save(1, v1, v1.Length));

        var store = new PenStore(flash, new SimOneWireBus(), null);
        var result = store.LoadCalibration();

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(1, result.StoredVersion);
        var c = result.Calibration;
        Assert.Equal(original.FeedForwardRates, c.FeedForwardRates);
        for (int i = 0; i < original.FeedForwardDuties.Length; i++) Assert.Equal(original.FeedForwardDuties[i], c.FeedForwardDuties[i], 4);
        for (int i = 0; i < original.DepthMm.Length; i++)
        {
            Assert.Equal(original.DepthMm[i], c.DepthMm[i], 3);
            Assert.Equal(original.DepthDrive[i], c.DepthDrive[i], 4);
        }
        Assert.Equal(original.DepthFeedbackCounts, c.DepthFeedbackCounts);
        Assert.Equal(original.RateKp, c.RateKp);
        Assert.Equal(original.RateKi, c.RateKi);
        Assert.Equal(original.FeedForwardSupplyVolts, c.FeedForwardSupplyVolts, 3);
        Assert.Equal(original.CurrentOffsetCounts, c.CurrentOffsetCounts);
        Assert.Equal(original.CurrentMilliampsPerCount, c.CurrentMilliampsPerCount);
        Assert.Equal(original.SerialNumber, c.SerialNumber);
        Assert.Equal(original.CalibratedOnDay, c.CalibratedOnDay);
        Assert.Equal(original.CalibratedOnDay + CalibrationCodec.V1IntervalDays, c.NextDueDay);
        Assert.Equal(CalibrationCodec.V1TechnicianId, c.TechnicianId);
    }

    [Fact]
    public void Boot_rewrites_a_v1_calibration_in_the_current_schema_and_logs_it()
    {
        var flash = new SimulatedFlash();
        byte[] v1 = TestData.EncodeCalibrationV1(TestData.ValidCalibration());
        TestData.CalibrationStore(flash).Save(1, v1, v1.Length);

        var store = TestData.NewStore(flash, new SimOneWireBus());

        var raw = TestData.CalibrationStore(flash);
        Assert.Equal(RecordStatus.Ok, raw.Load());
        Assert.Equal(CalibrationCodec.CurrentVersion, raw.Version);
        Assert.False(raw.SlotDamaged);
        Assert.True(TestData.NewStore(flash, new SimOneWireBus()).CalibrationResult.IsValid);
        Assert.Contains(EventLogTests.ReadAll(store.Events), e => e.Kind == EventKind.StorageRepaired && e.Code == CalibrationCodec.RecordType && e.Argument == 1);
    }

    [Fact]
    public void Invalid_v1_calibration_is_still_refused_after_migration()
    {
        var flash = new SimulatedFlash();
        var bad = TestData.ValidCalibration();
        bad.FeedForwardDuties[2] = 0.30f; // below the previous point: not monotonic
        byte[] v1 = TestData.EncodeCalibrationV1(bad);
        TestData.CalibrationStore(flash).Save(1, v1, v1.Length);

        var result = new PenStore(flash, new SimOneWireBus(), null).LoadCalibration();

        Assert.Equal(CalibrationStatus.Invalid, result.Status);
        Assert.Contains("feed-forward duty does not rise", result.Reason);
        Assert.Null(result.Calibration);
    }

    [Fact]
    public void Calibration_from_a_newer_schema_is_refused_with_a_reason_not_guessed()
    {
        var flash = new SimulatedFlash();
        byte[] payload = TestData.Encode(TestData.ValidCalibration());
        TestData.CalibrationStore(flash).Save(CalibrationCodec.CurrentVersion + 1, payload, payload.Length);

        var result = new PenStore(flash, new SimOneWireBus(), null).LoadCalibration();

        Assert.Equal(CalibrationStatus.UnknownVersion, result.Status);
        Assert.Contains("v" + (CalibrationCodec.CurrentVersion + 1), result.Reason);
        Assert.Contains("update the firmware", result.Reason);
        Assert.Null(result.Calibration);
    }

    [Fact]
    public void Settings_v1_keeps_its_values_takes_defaults_for_new_fields_and_is_rewritten_as_v2()
    {
        var flash = new SimulatedFlash();
        byte[] v1 = TestData.EncodeSettingsV1(new[] { 55, 65, 80, 100, 120, 140 }, 10, 900);
        TestData.SettingsStore(flash).Save(1, v1, v1.Length);

        var store = TestData.NewStore(flash, new SimOneWireBus());

        Assert.True(store.SettingsValid, store.SettingsReason);
        var s = store.Settings;
        Assert.Equal(new[] { 55, 65, 80, 100, 120, 140 }, s.RateLevels);
        Assert.Equal(0.10f, s.DepthStepMm, 3);
        Assert.Equal(900, s.MaxContinuousRunSeconds);
        var d = Settings.CreateDefaults();
        Assert.Equal(d.TreatmentTimerSeconds, s.TreatmentTimerSeconds);
        Assert.Equal(d.InactivityAutoStopSeconds, s.InactivityAutoStopSeconds);
        Assert.Equal(d.StopOnRelease, s.StopOnRelease);
        Assert.Equal(d.DepthLimitMm, s.DepthLimitMm);

        var raw = TestData.SettingsStore(flash);
        Assert.Equal(RecordStatus.Ok, raw.Load());
        Assert.Equal(SettingsCodec.CurrentVersion, raw.Version);
        Assert.Equal(TestData.Encode(s), TestData.NewStore(flash, new SimOneWireBus()).Settings is var again ? TestData.Encode(again) : null);
    }

    [Fact]
    public void Settings_v1_with_out_of_bounds_values_fall_back_to_defaults_and_report_why()
    {
        var flash = new SimulatedFlash();
        byte[] v1 = TestData.EncodeSettingsV1(new[] { 55, 65, 80, 100, 120, 240 }, 5, 900);
        TestData.SettingsStore(flash).Save(1, v1, v1.Length);

        var store = TestData.NewStore(flash, new SimOneWireBus());

        Assert.False(store.SettingsValid);
        Assert.Contains("rate level 6", store.SettingsReason);
        Assert.Equal(Settings.CreateDefaults().RateLevels, store.Settings.RateLevels);
    }
}
