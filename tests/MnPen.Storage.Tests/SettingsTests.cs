using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class SettingsTests
{
    [Fact]
    public void Defaults_are_the_reference_rate_levels_and_valid()
    {
        var s = Settings.CreateDefaults();
        Assert.Equal(new[] { 50, 70, 90, 110, 130, 150 }, s.RateLevels);
        Assert.Equal(0.05f, s.DepthStepMm);
        Assert.Null(s.Validate());
    }

    [Fact]
    public void Missing_settings_give_defaults_without_a_complaint()
    {
        var store = TestData.NewStore(new SimulatedFlash(), new SimOneWireBus());
        Assert.Equal(RecordStatus.Missing, store.SettingsStatus);
        Assert.True(store.SettingsValid);
        Assert.Equal(TestData.Encode(Settings.CreateDefaults()), TestData.Encode(store.Settings));
    }

    public static TheoryData<string, string> OutOfBounds => new()
    {
        { "level-above-150", "allowed 50..150" },
        { "level-below-50", "allowed 50..150" },
        { "levels-not-rising", "rise strictly" },
        { "five-levels", "exactly 6" },
        { "start-level-7", "start rate level" },
        { "depth-step-not-multiple", "depth step" },
        { "depth-step-zero", "depth step" },
        { "depth-limit-3mm", "depth limit" },
        { "max-run-5s", "max continuous run" },
        { "max-run-hours", "max continuous run" },
        { "timer-30s", "treatment timer" },
        { "inactivity-off", "inactivity" },
    };

    private static Settings Mutate(string what)
    {
        var s = Settings.CreateDefaults();
        switch (what)
        {
            case "level-above-150": s.RateLevels[5] = 151; break;
            case "level-below-50": s.RateLevels[0] = 49; break;
            case "levels-not-rising": s.RateLevels[2] = 70; break;
            case "five-levels": s.RateLevels = new[] { 50, 70, 90, 110, 130 }; break;
            case "start-level-7": s.StartRateLevel = 6; break;
            case "depth-step-not-multiple": s.DepthStepMm = 0.07f; break;
            case "depth-step-zero": s.DepthStepMm = 0f; break;
            case "depth-limit-3mm": s.DepthLimitMm = 3.0f; break;
            case "max-run-5s": s.MaxContinuousRunSeconds = 5; break;
            case "max-run-hours": s.MaxContinuousRunSeconds = 7200; break;
            case "timer-30s": s.TreatmentTimerSeconds = 30; break;
            case "inactivity-off": s.InactivityAutoStopSeconds = 0; break;
        }
        return s;
    }

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void Out_of_bounds_settings_from_a_host_are_refused_with_the_reason_and_nothing_is_written(string mutation, string reasonPart)
    {
        var (flash, _, store) = TestData.CalibratedPen();
        long before = flash.BytesWritten;
        Assert.Equal(StoreWriteResult.Invalid, store.SaveSettings(Mutate(mutation)));
        Assert.Contains(reasonPart, store.LastError);
        Assert.StartsWith("settings refused: ", store.LastError);
        Assert.Equal(before, flash.BytesWritten);
        Assert.Equal(TestData.Encode(Settings.CreateDefaults()), TestData.Encode(store.Settings));
    }

    [Fact]
    public void Valid_settings_are_saved_and_survive_a_power_cycle()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var s = Settings.CreateDefaults();
        s.RateLevels = new[] { 60, 80, 100, 120, 140, 150 };
        s.StartRateLevel = 2;
        s.DepthStepMm = 0.1f;
        s.DepthLimitMm = 1.5f;
        s.MaxContinuousRunSeconds = 900;
        s.TreatmentTimerSeconds = 1200;
        s.InactivityAutoStopSeconds = 45;
        s.StopOnRelease = true;
        Assert.Equal(StoreWriteResult.Ok, store.SaveSettings(s));

        var after = TestData.NewStore(flash, bus);

        Assert.True(after.SettingsValid);
        Assert.Equal(TestData.Encode(s), TestData.Encode(after.Settings));
        Assert.Equal(1.5f, after.Settings.DepthLimitMm, 3);
        Assert.True(after.Settings.StopOnRelease);
    }

    [Fact]
    public void Settings_corrupt_in_both_slots_give_defaults_and_are_reported()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var s = Settings.CreateDefaults();
        s.MaxContinuousRunSeconds = 900;
        store.SaveSettings(s);
        flash.FlipBit(PenStore.SettingsName + ".a", 14, 3);
        flash.FlipBit(PenStore.SettingsName + ".b", 20, 0);

        var after = TestData.NewStore(flash, bus);

        Assert.Equal(RecordStatus.Corrupt, after.SettingsStatus);
        Assert.False(after.SettingsValid);
        Assert.Contains("corrupt", after.SettingsReason);
        Assert.Equal(600, after.Settings.MaxContinuousRunSeconds);
    }
}
