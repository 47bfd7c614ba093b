using MnPen.VirtualPen.Perf;
using MnPen.VirtualPen.Reporting;

namespace MnPen.Simulator.Tests.VirtualPenTests;

public class PerfProbeTests
{
    [Fact]
    public void Perf_probe_measures_every_figure()
    {
        // Figures only: no timing threshold here (that is `mnpen perf`'s job), just that each one is measured.
        var r = PerfProbe.Run(simulatedSeconds: 2, ticksMeasured: 2000, seed: 3, warmupWallSeconds: 0.05);
        Assert.InRange(r.SimulatedSeconds, 1.95, 2.1);   // 200 ticks of a 10 ms loop with jitter and GC pauses
        Assert.True(r.SimSpeedup > 0);
        Assert.True(r.WallSeconds > 0);
        Assert.True(r.TickNs > 0);
        Assert.True(r.BoardAdvanceNsPerMs > 0);
        Assert.True(r.StepNs > 0);
        Assert.True(r.TickAllocBytes >= 0 && r.LoopAllocBytes >= 0);
        Assert.Equal(2000, r.TicksMeasured);
        Assert.True(r.WarmupWallSeconds >= 0.05, "the warm-up runs for the wall time asked");
        Assert.True(r.WarmupSimulatedSeconds > 0, "the warm-up steps the pen");
        Assert.InRange(r.RunningFraction, 0.9, 1.0);   // the session was kept running while measured

        string json = SummaryJson.Serialize(r);
        foreach (var key in new[] { "sim_speedup", "tick_ns", "tick_alloc_bytes", "board_advance_ns_per_ms", "loop_alloc_bytes", "warmup_wall_seconds", "optimized" })
            Assert.Contains("\"" + key + "\"", json);
    }

    [Fact]
    public void Perf_probe_tells_an_optimised_build_from_a_debug_one()
    {
        // The simulator is always built optimised (its csproj says so); this test assembly follows the configuration.
        Assert.True(PerfProbe.IsOptimized(typeof(MnPen.Hal.Simulator.VirtualBoard).Assembly));
#if DEBUG
        Assert.False(PerfProbe.IsOptimized(typeof(PerfProbeTests).Assembly));
#else
        Assert.True(PerfProbe.IsOptimized(typeof(PerfProbeTests).Assembly));
#endif
    }
}
