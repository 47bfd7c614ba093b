using MnPen.Hal.Simulator.Platform;

namespace MnPen.Simulator.Tests.Platform;

public class LoopPlatformTests
{
    [Fact]
    public void A_loop_asking_for_one_millisecond_wakes_only_on_the_ten_millisecond_RTOS_tick()
    {
        var p = new LoopPlatform(PlatformParameters.Esp32Nanoframework(), 1);
        ulong busy = 0, due = 1000;
        var wakes = new List<ulong>();
        for (int i = 0; i < 50; i++)
        {
            ulong wake = p.NextWake(due, busy, 0);
            wakes.Add(wake);
            busy = wake + 2500;
            due += 1000;
            if (wake >= due) due = wake + 1000;
        }
        for (int i = 1; i < wakes.Count; i++)
        {
            ulong interval = wakes[i] - wakes[i - 1];
            Assert.InRange(interval, 10_000UL - 500, 10_000UL + 2500);
            Assert.Equal(0UL, (wakes[i] - wakes[i] % 10_000) % 10_000);
            Assert.InRange(wakes[i] % 10_000, 20UL, 2500UL);
        }
    }

    [Fact]
    public void A_ten_millisecond_loop_lands_on_the_RTOS_tick_nearest_its_due_time_with_bounded_jitter()
    {
        var p = new LoopPlatform(PlatformParameters.Esp32Nanoframework(), 3);
        ulong due = 10_000, busy = 0;
        for (int i = 0; i < 2000; i++)
        {
            ulong wake = p.NextWake(due, busy, 0);
            // On time within the jitter, or a whole RTOS tick later when a GC pause held the processor past the tick.
            if (wake > due + 2500) Assert.InRange(wake - due, 10_000UL, 12_500UL);
            else Assert.True(wake >= due - 500);
            busy = wake + (ulong)p.TickCost(true);
            due += 10_000;
            if (wake >= due) due += 10_000;
        }
        Assert.True(p.Stats.MissedPeriods <= p.Stats.GcPauses, "only a GC pause makes the loop miss a period");
        Assert.InRange(p.Stats.MeanIntervalMicros, 9_900, 10_500);
        Assert.InRange(p.Stats.WorstWakeJitterMicros, 500, 2500);
        Assert.True(p.Stats.GcPauses >= 10, "a second of ticks allocates more than the free heap: the GC runs");
    }

    [Theory]
    [InlineData(69.0)]
    [InlineData(-60.0)]
    public void On_a_drifting_processor_clock_the_RTOS_tick_drifts_with_it(double percent)
    {
        // FreeRTOS's tick comes from the processor's own clock: a clock 69 % fast wakes the 10 ms loop every 5.9 ms of
        // true time, not on a fixed 10 ms grid (which would stretch the loop and hide the drift from the window watchdog).
        var pen = MnPen.VirtualPen.VirtualPen.Create(new MnPen.VirtualPen.VirtualPenOptions { Seed = 1, Platform = PlatformKind.Esp32Nf });
        pen.Boot();
        pen.RunFor(0.5);
        pen.Board.Faults.Inject("mcu-clock-drift", "percent=" + percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pen.RunFor(0.2);
        long w0 = pen.Board.Platform.Stats.Wakes;
        ulong t0 = pen.Board.NowMicros;
        pen.RunFor(1.0);
        double meanTrueMicros = (pen.Board.NowMicros - t0) / (double)(pen.Board.Platform.Stats.Wakes - w0);
        double expected = 10_000 / (1 + percent / 100.0);
        Assert.InRange(meanTrueMicros, expected * 0.95, expected * 1.08);
    }

    [Fact]
    public void Tick_cost_follows_the_interpreter_measurement_scaled_to_the_ESP32()
    {
        var p = new LoopPlatform(NoGc(), 5);
        for (int i = 0; i < 200; i++)
        {
            // 2000 / 2550 µs of interpreted tick plus 21 native calls of 30 µs.
            Assert.InRange(p.TickCost(false), (int)(2630 * 0.9) - 1, (int)(2630 * 1.1) + 1);
            Assert.InRange(p.TickCost(true), (int)(3180 * 0.9) - 1, (int)(3180 * 1.1) + 1);
        }
    }

    private static PlatformParameters NoGc()
    {
        var p = PlatformParameters.Esp32Nanoframework();
        p.AllocatedBytesPerTick = 0;
        return p;
    }

    [Fact]
    public void An_edge_during_a_tick_is_handled_after_the_tick_and_an_idle_one_on_the_next_RTOS_tick()
    {
        var p = new LoopPlatform(PlatformParameters.Esp32Nanoframework(), 1);
        ulong during = p.HandlerTime(12_000, 10_100, 13_000, 0, 0);
        Assert.Equal(13_000UL + 300, during);
        ulong idle = p.HandlerTime(14_000, 10_100, 13_000, 0, 0);
        Assert.Equal(20_000UL + 300, idle);
        ulong queued = p.HandlerTime(14_500, 10_100, 13_000, 0, idle);
        Assert.Equal(idle + 300, queued);
    }

    [Fact]
    public void The_ideal_platform_wakes_exactly_on_time_and_charges_nothing()
    {
        var p = new LoopPlatform(PlatformParameters.IdealProcessor(), 1);
        Assert.Equal(10_000UL, p.NextWake(10_000, 0, 0));
        Assert.Equal(0, p.TickCost(true));
        Assert.Equal(0, p.Stats.GcPauses);
    }

    [Theory]
    [InlineData("esp32-nf", PlatformKind.Esp32Nf)]
    [InlineData("IDEAL", PlatformKind.Ideal)]
    public void Platform_names_parse(string name, PlatformKind kind)
    {
        Assert.True(PlatformNames.TryParse(name, out var k));
        Assert.Equal(kind, k);
        Assert.False(PlatformNames.TryParse("esp32", out _));
    }
}
