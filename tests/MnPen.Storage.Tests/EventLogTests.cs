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

        Assert.Equal(newest + 1, second.Events.NewestSequence); // its own boot entry
        var all = ReadAll(second.Events);
        Assert.Equal(new[] { EventKind.Boot, EventKind.Fault, EventKind.Boot }, all.Select(e => e.Kind));
        Assert.Equal(new[] { 1, 1, 2 }, all.Select(e => e.BootNumber));
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
        for (int i = 0; i < 10; i++) log.Append(EventKind.Fault, 100, 0);
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

        var kinds = ReadAll(s3.Events).Select(e => e.Kind).ToArray();
        Assert.Equal(new[] { EventKind.Boot, EventKind.Boot, EventKind.FirmwareUpdated, EventKind.Boot }, kinds);
    }

    [Fact]
    public void Every_event_kind_has_a_text_name()
    {
        foreach (EventKind k in Enum.GetValues<EventKind>())
            Assert.False(string.IsNullOrEmpty(EventLog.KindName(k)));
        Assert.Equal(Enum.GetValues<EventKind>().Length, Enum.GetValues<EventKind>().Select(EventLog.KindName).Distinct().Count());
    }
}
