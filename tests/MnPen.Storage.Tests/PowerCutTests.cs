using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class PowerCutTests
{
    private static Calibration NewerCalibration()
    {
        // Different table length too, so the new frame is shorter than the old one in the same file.
        var c = TestData.ValidCalibration(kp: 0.006f);
        c.FeedForwardRates = new[] { 45f, 100f, 155f };
        c.FeedForwardDuties = new[] { 0.25f, 0.5f, 0.77f };
        c.TechnicianId = "tech-7";
        return c;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Calibration_write_cut_at_every_byte_leaves_the_old_or_the_new_record(bool tornByteIsGarbage)
    {
        var (flash, bus, _) = TestData.CalibratedPen();
        var before = flash.Snapshot();
        byte[] oldBytes = TestData.Encode(TestData.ValidCalibration());
        byte[] newBytes = TestData.Encode(NewerCalibration());
        int sawOld = 0, sawNew = 0;

        int cuts = PowerCutHarness.CutEverywhere(flash, before,
            f => { var store = TestData.NewStore(f, bus); return () => store.SaveCalibration(NewerCalibration()); },
            (f, n) =>
            {
                var store = TestData.NewStore(f, bus);
                Assert.True(store.CalibrationResult.IsValid, $"cut at byte {n}: {store.CalibrationResult.Reason}");
                byte[] got = TestData.Encode(store.Calibration);
                bool isOld = got.SequenceEqual(oldBytes), isNew = got.SequenceEqual(newBytes);
                Assert.True(isOld || isNew, $"cut at byte {n}: loaded calibration is neither the old nor the new one");
                if (n < 0) Assert.True(isNew, "without a cut the new calibration must load");
                if (isOld) sawOld++; else sawNew++;
            }, tornByteIsGarbage);

        Assert.True(cuts > 2 * newBytes.Length, $"only {cuts} cut positions");
        Assert.True(sawOld > 0 && sawNew > 1, "cuts must land both before and after the new record became durable");
    }

    [Fact]
    public void First_calibration_write_cut_anywhere_never_yields_a_usable_partial_record()
    {
        var flash = new SimulatedFlash();
        var bus = new SimOneWireBus();
        var before = flash.Snapshot();
        byte[] newBytes = TestData.Encode(TestData.ValidCalibration());
        PowerCutHarness.CutEverywhere(flash, before,
            f => { var store = TestData.NewStore(f, bus); return () => store.SaveCalibration(TestData.ValidCalibration()); },
            (f, n) =>
            {
                var store = TestData.NewStore(f, bus);
                if (store.CalibrationResult.IsValid) Assert.Equal(newBytes, TestData.Encode(store.Calibration));
                else Assert.Null(store.Calibration);
                if (n < 0) Assert.True(store.CalibrationResult.IsValid);
            }, garbageTornByte: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Settings_write_cut_at_every_byte_leaves_the_old_or_the_new_record(bool tornByteIsGarbage)
    {
        var (flash, bus, store0) = TestData.CalibratedPen();
        var oldSettings = Settings.CreateDefaults();
        oldSettings.MaxContinuousRunSeconds = 300;
        Assert.Equal(StoreWriteResult.Ok, store0.SaveSettings(oldSettings));
        store0.Background();
        var newSettings = oldSettings.Clone();
        newSettings.RateLevels = new[] { 60, 75, 90, 105, 120, 135 };
        newSettings.StopOnRelease = true;
        var before = flash.Snapshot();

        PowerCutHarness.CutEverywhere(flash, before,
            f => { var store = TestData.NewStore(f, bus); return () => store.SaveSettings(newSettings); },
            (f, n) =>
            {
                var store = TestData.NewStore(f, bus);
                Assert.Equal(RecordStatus.Ok, store.SettingsStatus);
                Assert.True(store.SettingsValid, store.SettingsReason);
                byte[] got = TestData.Encode(store.Settings);
                Assert.True(got.SequenceEqual(TestData.Encode(oldSettings)) || got.SequenceEqual(TestData.Encode(newSettings)),
                    $"cut at byte {n}: settings are neither old nor new");
                if (n < 0) Assert.Equal(TestData.Encode(newSettings), got);
            }, tornByteIsGarbage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cartridge_registry_write_cut_at_every_byte_leaves_the_old_or_the_new_list(bool tornByteIsGarbage)
    {
        var flash = new SimulatedFlash();
        var reg0 = new CartridgeRegistry(flash, new WriteGuard());
        reg0.Add(Ds2431Device.CreateRomId(1), 100);
        reg0.Add(Ds2431Device.CreateRomId(2), 200).Removed = true;
        Assert.Equal(StoreWriteResult.Ok, reg0.Save());
        var before = flash.Snapshot();

        PowerCutHarness.CutEverywhere(flash, before,
            f =>
            {
                var reg = new CartridgeRegistry(f, new WriteGuard());
                reg.Load();
                return () => { reg.Get(0).Removed = true; reg.Add(Ds2431Device.CreateRomId(3), 300); reg.Save(); };
            },
            (f, n) =>
            {
                var reg = new CartridgeRegistry(f, new WriteGuard());
                Assert.Equal(RecordStatus.Ok, reg.Load());
                bool isOld = reg.Count == 2 && !reg.Get(0).Removed && reg.Get(1).Removed;
                bool isNew = reg.Count == 3 && reg.Get(0).Removed && reg.Get(1).Removed && reg.Get(2).FirstUseSeconds == 300;
                Assert.True(isOld || isNew, $"cut at byte {n}: registry is neither old nor new");
                Assert.True(reg.Get(1).Matches(Ds2431Device.CreateRomId(2)), "an untouched entry changed");
                if (n < 0) Assert.True(isNew);
            }, tornByteIsGarbage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Event_log_append_cut_at_every_byte_loses_at_most_the_new_entry_and_the_slot_it_replaces(bool tornByteIsGarbage)
    {
        const int capacity = 8;
        var flash = new SimulatedFlash();
        var log0 = new EventLog(flash, new WriteGuard(), null, capacity, 16);
        log0.Load();
        for (int i = 1; i <= 10; i++) log0.Append(EventKind.Fault, 100 + i, (uint)i);
        Assert.Equal(StoreWriteResult.Ok, log0.Flush());
        var before = flash.Snapshot();

        PowerCutHarness.CutEverywhere(flash, before,
            f =>
            {
                var log = new EventLog(f, new WriteGuard(), null, capacity, 16);
                log.Load();
                return () => { log.Append(EventKind.SessionEnd, 7, 11); log.Flush(); };
            },
            (f, n) =>
            {
                var log = new EventLog(f, new WriteGuard(), null, capacity, 16);
                log.Load();
                Assert.True(log.NewestSequence is 10 or 11, $"cut at byte {n}: newest is {log.NewestSequence}");
                var e = new EventEntry();
                // Sequences 4..10 do not share a slot with 11; they must all survive.
                for (uint seq = 4; seq <= 10; seq++)
                {
                    Assert.True(log.TryRead(seq, e), $"cut at byte {n}: entry {seq} lost");
                    Assert.Equal(EventKind.Fault, e.Kind);
                    Assert.Equal(100 + (int)seq, e.Code);
                }
                if (log.NewestSequence == 11)
                {
                    Assert.True(log.TryRead(11, e));
                    Assert.Equal(EventKind.SessionEnd, e.Kind);
                    Assert.Equal(11u, e.Argument);
                }
                if (n < 0) Assert.Equal(11u, log.NewestSequence);
                // Numbering continues after a cut: the next entry is written and read back.
                log.Append(EventKind.Boot, 0, 99);
                Assert.Equal(StoreWriteResult.Ok, log.Flush());
                var again = new EventLog(f, new WriteGuard(), null, capacity, 16);
                again.Load();
                Assert.True(again.TryRead(again.NewestSequence, e) && e.Argument == 99);
            }, tornByteIsGarbage);
    }

    [Fact]
    public void Random_bit_flips_in_one_slot_after_a_cut_and_reboot_still_load_the_old_or_the_new_calibration()
    {
        var (flash, bus, _) = TestData.CalibratedPen();
        var saved = flash.Snapshot();
        byte[] oldBytes = TestData.Encode(TestData.ValidCalibration());
        byte[] newBytes = TestData.Encode(NewerCalibration());
        var rnd = new Random(1234);
        for (int trial = 0; trial < 300; trial++)
        {
            flash.Restore(saved);
            flash.RestorePower();
            var writer = TestData.NewStore(flash, bus);
            if (rnd.Next(2) == 0) flash.ArmPowerCut(rnd.Next(400));
            try { writer.SaveCalibration(NewerCalibration()); } catch (PowerCutException) { }
            flash.RestorePower();
            // The next power-up rewrites a torn slot, so later bit rot meets two good copies again.
            _ = TestData.NewStore(flash, bus);
            Assert.False(TestData.CalibrationStore(flash).Load() != RecordStatus.Ok || SlotDamaged(flash), $"trial {trial}: boot did not repair the torn slot");

            string slot = PenStore.CalibrationName + (rnd.Next(2) == 0 ? ".a" : ".b");
            flash.FlipRandomBits(1 + rnd.Next(8), seed: trial, fileName: slot);

            var store = TestData.NewStore(flash, bus);
            Assert.True(store.CalibrationResult.IsValid, $"trial {trial}: {store.CalibrationResult.Reason}");
            byte[] got = TestData.Encode(store.Calibration);
            Assert.True(got.SequenceEqual(oldBytes) || got.SequenceEqual(newBytes), $"trial {trial}: garbage loaded");
        }
    }

    private static bool SlotDamaged(SimulatedFlash flash)
    {
        var store = TestData.CalibrationStore(flash);
        store.Load();
        return store.SlotDamaged;
    }

    [Fact]
    public void Random_bit_flips_in_both_slots_never_load_garbage()
    {
        var (flash, bus, _) = TestData.CalibratedPen();
        var saved = flash.Snapshot();
        byte[] oldBytes = TestData.Encode(TestData.ValidCalibration());
        int corrupt = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            flash.Restore(saved);
            flash.FlipRandomBits(1 + trial % 6, seed: 1000 + trial, fileName: PenStore.CalibrationName + ".a");
            flash.FlipRandomBits(1 + trial % 5, seed: 5000 + trial, fileName: PenStore.CalibrationName + ".b");
            var store = new PenStore(flash, bus, null);
            var result = store.LoadCalibration();
            if (result.IsValid) Assert.Equal(oldBytes, TestData.Encode(result.Calibration));
            else
            {
                corrupt++;
                Assert.Null(result.Calibration);
                Assert.Contains("recalibrate", result.Reason);
            }
        }
        Assert.True(corrupt > 250, "flips in both copies should nearly always be reported corrupt");
    }
    [Fact]
    public void Random_bit_flips_in_one_settings_or_registry_slot_still_load_the_saved_record()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var settings = Settings.CreateDefaults();
        settings.TreatmentTimerSeconds = 900;
        store.SaveSettings(settings);
        var cart = TestData.NewCartridge(31337);
        bus.Device = cart;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(5);
        var saved = flash.Snapshot();
        for (int trial = 0; trial < 200; trial++)
        {
            flash.Restore(saved);
            string file = (trial % 2 == 0 ? PenStore.SettingsName : "carts") + (trial % 4 < 2 ? ".a" : ".b");
            flash.FlipRandomBits(1 + trial % 7, seed: trial, fileName: file);
            var after = new PenStore(flash, bus, null);
            Assert.Equal(RecordStatus.Ok, after.LoadSettings());
            Assert.Equal(TestData.Encode(settings), TestData.Encode(after.Settings));
            Assert.Equal(RecordStatus.Ok, after.Cartridges.Load());
            Assert.Equal(1, after.Cartridges.Count);
            Assert.True(after.Cartridges.Get(0).Matches(cart.RomId));
            Assert.Equal(5u, after.Cartridges.Get(0).FirstUseSeconds);
        }
    }

    [Fact]
    public void Random_bit_flips_in_the_event_log_drop_the_hit_entries_and_never_show_altered_ones()
    {
        var flash = new SimulatedFlash();
        var log = new EventLog(flash, new WriteGuard(), null, 64, 64);
        log.Load();
        for (int i = 1; i <= 50; i++) log.Append(EventKind.Fault, 100 + i, (uint)(i * 7));
        log.Flush();
        var saved = flash.Snapshot();
        for (int trial = 0; trial < 100; trial++)
        {
            flash.Restore(saved);
            flash.FlipRandomBits(10, seed: trial);
            var reloaded = new EventLog(flash, new WriteGuard(), null, 64, 4);
            reloaded.Load();
            var entries = EventLogTests.ReadAll(reloaded);
            Assert.True(entries.Count >= 40, $"trial {trial}: only {entries.Count} entries readable");
            Assert.True(entries.Count + reloaded.DamagedAtLoad >= 50, "every unreadable entry is counted as damaged");
            foreach (var e in entries)
            {
                Assert.Equal(100 + (int)e.Sequence, e.Code);
                Assert.Equal(e.Sequence * 7, e.Argument);
                Assert.Equal(EventKind.Fault, e.Kind);
            }
        }
    }
}
