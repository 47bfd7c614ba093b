using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class EventLogTests
{
    internal static List<EventEntry> ReadAll(EventLog log)
    {
        var list = new List<EventEntry>();
        if (log.NewestSequence == 0) return list;
        for (uint seq = log.OldestSequence; seq != log.NewestSequence + 1; seq++)
        {
            var e = new EventEntry();
            if (log.TryRead(seq, e)) list.Add(e);
        }
        return list;
    }

    private sealed class FakeClock : MnPen.Hal.IClock
    {
        public ulong NowMicros { get; set; }
        public void Delay(int micros) => NowMicros += (ulong)Math.Max(0, micros);
    }

    [Fact]
    public void Ring_wraps_keeping_the_newest_capacity_entries_in_order()
    {
        var flash = new SimulatedFlash();
        var log = new EventLog(flash, new WriteGuard(), null, 8, 32);
        log.Load();
        for (int i = 1; i <= 20; i++) log.Append(EventKind.SessionEnd, i, (uint)(i * 10));
        Assert.Equal(StoreWriteResult.Ok, log.Flush());

        Assert.Equal(20u, log.NewestSequence);
        Assert.Equal(13u, log.OldestSequence);
        Assert.Equal(8, log.Count);
        Assert.Equal(8 * EventEntry.Size, flash.Length(EventLog.FileName));
        Assert.False(log.TryRead(12, new EventEntry()));
        Assert.Equal(Enumerable.Range(13, 8), ReadAll(log).Select(e => e.Code));
    }

    [Fact]
    public void Log_survives_power_cycles_and_numbering_and_boot_count_continue()
    {
        var flash = new SimulatedFlash();
        var bus = new SimOneWireBus();
        var first = TestData.NewStore(flash, bus);
        first.Events.AppendFault(100, 131.2f, 1.25f, 2.345f, 38.7f, 7.31f);
        first.Background();
        uint newest = first.Events.NewestSequence;

        var second = TestData.NewStore(flash, bus);

        // The second boot is the same event as the first (cause, version): folded into it, with the latest boot number.
        Assert.Equal(newest, second.Events.NewestSequence);
        var all = ReadAll(second.Events);
        Assert.Equal(new[] { EventKind.Boot, EventKind.Fault }, all.Select(e => e.Kind));
        Assert.Equal(new[] { 2, 1 }, all.Select(e => e.BootNumber));
        Assert.Equal(new[] { 1, 0 }, all.Select(e => e.Repeats));
        var third = TestData.NewStore(flash, bus);
        Assert.Equal(3, third.Events.BootNumber);
        var fault = all[1];
        Assert.Equal(100, fault.Code);
        Assert.Equal(131.2f, fault.RateStrokesPerSecond, 1);
        Assert.Equal(1.25f, fault.DepthMm, 2);
        Assert.Equal(2.345f, fault.CurrentAmps, 3);
        Assert.Equal(38.7f, fault.TemperatureC, 1);
        Assert.Equal(7.31f, fault.BatteryVolts, 3);
    }

    [Fact]
    public void Unrecorded_measurements_stay_unrecorded_and_extremes_saturate()
    {
        var flash = new SimulatedFlash();
        var log = new EventLog(flash, new WriteGuard(), new FakeClock { NowMicros = 12_345_678 }, 8, 4);
        log.Load();
        log.Append(EventKind.CartridgeInserted, 50, 0xDEADBEEF);
        log.Append(EventKind.Fault, 105, 9999f, -99f, float.NaN, 1e9f, 8.4f, 0);
        log.Flush();
        var all = ReadAll(log);
        Assert.True(float.IsNaN(all[0].RateStrokesPerSecond) && float.IsNaN(all[0].BatteryVolts));
        Assert.Equal(0xDEADBEEFu, all[0].Argument);
        Assert.Equal(12_345u, all[0].UptimeMillis);
        Assert.Equal(3276.7f, all[1].RateStrokesPerSecond, 1);
        Assert.Equal(-99f, all[1].DepthMm, 2);
        Assert.True(float.IsNaN(all[1].CurrentAmps));
        Assert.Equal(3276.7f, all[1].TemperatureC, 1);
    }

    [Fact]
    public void A_full_ram_queue_drops_and_then_logs_how_many_were_lost()
    {
        var log = new EventLog(new SimulatedFlash(), new WriteGuard(), null, 64, 4);
        log.Load();
        for (int i = 0; i < 10; i++) log.Append(EventKind.Fault, 100, (uint)i);
        Assert.Equal(6, log.Dropped);
        log.Flush();
        var all = ReadAll(log);
        Assert.Equal(5, all.Count);
        Assert.Equal(EventKind.LogOverflow, all[^1].Kind);
        Assert.Equal(6u, all[^1].Argument);
    }

    [Fact]
    public void Appending_in_the_control_tick_allocates_nothing()
    {
        var log = new EventLog(new SimulatedFlash(), new WriteGuard(), new FakeClock(), 64, 8);
        log.Load();
        var store = new PenStore(new SimulatedFlash(), new SimOneWireBus(), new FakeClock());
        for (int i = 0; i < 100; i++) { log.AppendFault(100, 1, 2, 3, 4, 5); store.AddRunMicros(1000); store.MotorRunning = true; }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            log.AppendFault(100, 120f, 1.5f, 0.9f, 40f, 7.2f);
            log.Append(EventKind.SessionStart, 3, 0);
            store.MotorRunning = true;
            store.AddRunMicros(1000);
            store.Events.Append(EventKind.Fault, 101, 1);
            store.Background();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_firmware_change_between_boots_is_logged()
    {
        var flash = new SimulatedFlash();
        var bus = new SimOneWireBus();
        var s1 = new PenStore(flash, bus, null);
        s1.Boot(0, 0x00010000);
        var s2 = new PenStore(flash, bus, null);
        s2.Boot(1, 0x00010001);
        var s3 = new PenStore(flash, bus, null);
        s3.Boot(1, 0x00010001);

        var all = ReadAll(s3.Events);
        Assert.Equal(new[] { EventKind.Boot, EventKind.Boot, EventKind.FirmwareUpdated }, all.Select(e => e.Kind));
        Assert.Equal(0x00010001u, all[1].Argument);
        Assert.Equal(1, all[1].Repeats); // the third boot, same cause and version, folded into the second
    }

    [Fact]
    public void A_repeating_cycle_of_events_folds_with_a_count_and_evicts_nothing()
    {
        var flash = new SimulatedFlash();
        var log = new EventLog(flash, new WriteGuard(), new FakeClock(), 16, 8);
        log.Load();
        log.AppendFault(100, 120f, 1.5f, 0.9f, 40f, 7.2f);
        log.Flush();
        for (int i = 0; i < 600; i++)
        {
            log.Append(EventKind.Boot, 0, 0x100);
            log.Append(EventKind.CartridgeInserted, 50, 1);
            log.Flush();
        }
        var all = ReadAll(log);
        Assert.Equal(EventKind.Fault, all[0].Kind); // the first entry is still held
        Assert.Equal(600, all.Where(e => e.Kind == EventKind.Boot).Sum(e => e.Repeats + 1));
        Assert.Equal(600, all.Where(e => e.Kind == EventKind.CartridgeInserted).Sum(e => e.Repeats + 1));
        Assert.All(all, e => Assert.InRange(e.Repeats, 0, EventEntry.MaxRepeats));
        Assert.Equal(1 + 2 * 3, all.Count); // 600 = 256 + 256 + 88 per event

        // Reloaded from flash, folding continues into the same entries.
        var again = new EventLog(flash, new WriteGuard(), new FakeClock(), 16, 8);
        again.Load();
        again.Append(EventKind.Boot, 0, 0x100);
        again.Flush();
        Assert.Equal(all.Count, ReadAll(again).Count);
        Assert.Equal(601, ReadAll(again).Where(e => e.Kind == EventKind.Boot).Sum(e => e.Repeats + 1));
    }

    [Fact]
    public void Events_with_measurements_are_never_folded()
    {
        var log = new EventLog(new SimulatedFlash(), new WriteGuard(), new FakeClock(), 16, 8);
        log.Load();
        for (int i = 0; i < 3; i++) log.AppendFault(100, 120f, 1.5f, 0.9f, 40f, 7.2f);
        log.Flush();
        Assert.Equal(3, ReadAll(log).Count);
    }

    [Fact]
    public void Every_event_kind_has_a_text_name()
    {
        foreach (EventKind k in Enum.GetValues<EventKind>())
            Assert.False(string.IsNullOrEmpty(EventLog.KindName(k)));
        Assert.Equal(Enum.GetValues<EventKind>().Length, Enum.GetValues<EventKind>().Select(EventLog.KindName).Distinct().Count());
    }
}
