using System.Diagnostics;
using System.Runtime.InteropServices;
using MnPen.Firmware;

namespace MnPen.VirtualPen.Perf;

/// <summary>
/// Measures how fast the virtual pen runs on this host: simulator speed-up with the firmware in the loop during
/// a treatment session kept running, the cost and allocation of one firmware tick, and of one simulated millisecond
/// of physics. Figures only (no thresholds): `mnpen perf` prints them, tests check they are measured.
/// </summary>
public static class PerfProbe
{
    /// <summary>Simulated time of the speed-up run by default: one hour.</summary>
    public const double DefaultSimulatedSeconds = 3600;

    /// <summary>Ticks timed one by one by default.</summary>
    public const int DefaultTicksMeasured = 200_000;

    /// <summary>
    /// Wall time spent running the pen before the measured hour starts, by default: long enough for the runtime to
    /// finish recompiling the hot path with its profile (tiered compilation), so the figure is the steady state a
    /// long bench run sees rather than start-up.
    /// </summary>
    public const double DefaultWarmupWallSeconds = 1.5;

    /// <summary>Depth and stroke rate of the session kept running during the measurement.</summary>
    public const double SessionDepthMm = 1.0, SessionRate = 110;

    /// <summary>Runs the measurement; progress gets 0..1 now and then.</summary>
    public static PerfReport Run(double simulatedSeconds = DefaultSimulatedSeconds, int ticksMeasured = DefaultTicksMeasured,
                                 ulong seed = 1, Action<double>? progress = null, double warmupWallSeconds = DefaultWarmupWallSeconds,
                                 MnPen.Hal.Simulator.Platform.PlatformKind? platform = null)
    {
        if (simulatedSeconds <= 0 || double.IsNaN(simulatedSeconds)) throw new ArgumentOutOfRangeException(nameof(simulatedSeconds), "must be > 0 s");
        if (ticksMeasured < 100) throw new ArgumentOutOfRangeException(nameof(ticksMeasured), "measure at least 100 ticks");
        if (!(warmupWallSeconds >= 0 && warmupWallSeconds <= 60)) throw new ArgumentOutOfRangeException(nameof(warmupWallSeconds), "0 to 60 s");

        var options = new VirtualPenOptions { Seed = seed };
        if (platform != null) options.Platform = platform.Value;
        var pen = VirtualPen.Create(options);
        pen.Boot();
        pen.RunFor(0.5);
        KeepRunning(pen);
        pen.RunFor(1.0);   // ramp-up to the session's rate

        // Warm-up in wall time, the same loop as the measurement (JIT tiers, caches, branch history).
        long warmStart = Stopwatch.GetTimestamp();
        ulong warmSimStart = pen.NowMicros;
        long warmTicks = 0;
        while (Stopwatch.GetElapsedTime(warmStart).TotalSeconds < warmupWallSeconds)
        {
            for (int k = 0; k < 1000; k++)
            {
                pen.Step();
                if (++warmTicks % 100 == 0) KeepRunning(pen);
            }
        }
        double warmWall = Stopwatch.GetElapsedTime(warmStart).TotalSeconds;
        double warmSimulated = (pen.NowMicros - warmSimStart) * 1e-6;

        // 1. Speed-up of the whole loop, with the session kept running.
        long totalTicks = (long)Math.Round(simulatedSeconds * 1e6 / pen.TickPeriodMicros);
        long runningTicks = 0;
        ulong simStart = pen.NowMicros;
        long allocStart = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        long wallStart = Stopwatch.GetTimestamp();
        // Counters instead of a modulo per step: the loop measured should be the pen's, not its own bookkeeping.
        long chunk = Math.Max(1, totalTicks / 100);
        long nextProgress = 0;
        int untilKeep = 100;
        for (long i = 0; i < totalTicks; i++)
        {
            pen.Step();
            if (pen.Firmware.State == PenState.Running) runningTicks++;
            if (--untilKeep == 0)
            {
                untilKeep = 100;
                KeepRunning(pen);
            }
            if (i == nextProgress)
            {
                nextProgress += chunk;
                progress?.Invoke(0.8 * i / totalTicks);
            }
        }
        double wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        long loopAlloc = GC.GetAllocatedBytesForCurrentThread() - allocStart;
        double simulated = (pen.NowMicros - simStart) * 1e-6;

        // 2. Tick and board cost, one tick at a time, on the same running pen.
        KeepRunning(pen);
        pen.RunFor(0.5);
        var tickTimes = new long[ticksMeasured];
        long tickAlloc = 0, boardAlloc = 0, boardTicks = 0, boardMicros = 0;
        var backgroundTimes = new long[ticksMeasured / Math.Max(1, pen.Options.BackgroundEveryTicks) + 1];
        int backgroundCalls = 0;
        long overhead = TimerOverhead();
        var board = pen.Board;
        int every = Math.Max(1, pen.Options.BackgroundEveryTicks);
        int measured = 0;
        for (int i = 0; i < ticksMeasured; i++)
        {
            int micros = pen.TickPeriodMicros + board.Faults.TakeTickDelayMicros();
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            board.Advance(micros);
            long t1 = Stopwatch.GetTimestamp();
            long b1 = GC.GetAllocatedBytesForCurrentThread();
            boardTicks += t1 - t0;
            boardMicros += micros;
            boardAlloc += b1 - b0;
            if (board.TryTakeProcessorReset(out _) || !board.ProcessorRunning) break;   // measured ticks stop at a reset
            var fw = pen.Firmware;
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long s0 = Stopwatch.GetTimestamp();
            fw.Tick();
            long s1 = Stopwatch.GetTimestamp();
            tickAlloc += GC.GetAllocatedBytesForCurrentThread() - a0;
            tickTimes[i] = Math.Max(0, s1 - s0 - overhead);
            measured++;
            if (i % every == every - 1)
            {
                long g0 = Stopwatch.GetTimestamp();
                fw.Background();
                if (backgroundCalls < backgroundTimes.Length)
                    backgroundTimes[backgroundCalls++] = Math.Max(0, Stopwatch.GetTimestamp() - g0 - overhead);
            }
            if (i % 100 == 99) KeepRunning(pen);
            if (progress != null && i % 10_000 == 0) progress(0.8 + 0.2 * i / ticksMeasured);
        }
        progress?.Invoke(1.0);

        if (measured == 0) throw new InvalidOperationException("the processor reset before any tick could be measured");
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        var sorted = tickTimes.AsSpan(0, measured).ToArray();
        Array.Sort(sorted);
        double mean = TrimmedMean(sorted) * nsPerTick;
        var backgroundSorted = backgroundTimes.AsSpan(0, backgroundCalls).ToArray();
        Array.Sort(backgroundSorted);
        ticksMeasured = measured;
        return new PerfReport
        {
            Platform = MnPen.Hal.Simulator.Platform.PlatformNames.Name(pen.Board.Platform.Kind),
            SimSpeedup = simulated / wall,
            SimulatedSeconds = simulated,
            WallSeconds = wall,
            CpuSeconds = cpu,
            SimSpeedupCpu = cpu > 0 ? simulated / cpu : 0,
            RunningFraction = runningTicks / (double)totalTicks,
            StepNs = wall * 1e9 / totalTicks,
            LoopAllocBytesPerTick = loopAlloc / (double)totalTicks,
            LoopAllocBytes = loopAlloc,
            TickNs = mean,
            TickNsP50 = sorted[ticksMeasured / 2] * nsPerTick,
            TickNsP99 = sorted[Math.Min(ticksMeasured - 1, (int)(ticksMeasured * 0.99))] * nsPerTick,
            TickNsMax = sorted[ticksMeasured - 1] * nsPerTick,
            TickAllocBytes = tickAlloc / (double)ticksMeasured,
            TickAllocBytesTotal = tickAlloc,
            TicksMeasured = ticksMeasured,
            BoardAdvanceNsPerMs = boardTicks * nsPerTick / (boardMicros / 1000.0),
            BoardAllocBytesPerMs = boardAlloc / (boardMicros / 1000.0),
            BackgroundNs = TrimmedMean(backgroundSorted) * nsPerTick,
            BackgroundEveryTicks = every,
            WarmupWallSeconds = warmWall,
            WarmupSimulatedSeconds = warmSimulated,
            Optimized = IsOptimized(typeof(PenFirmware).Assembly) && IsOptimized(typeof(MnPen.Hal.Simulator.VirtualBoard).Assembly)
                        && IsOptimized(typeof(PerfProbe).Assembly),
            Seed = seed,
            Host = Environment.ProcessorCount + " cores, " + RuntimeInformation.OSDescription + ", " + RuntimeInformation.FrameworkDescription +
                   (Debugger.IsAttached ? ", debugger attached" : ""),
        };
    }

    /// <summary>
    /// Keeps a treatment session going the way a user would: acknowledge a fault, seat a fresh cartridge when the
    /// old one is refused, set depth and rate, press start again (e.g. after the continuous-run limit).
    /// </summary>
    public static void KeepRunning(VirtualPen pen)
    {
        var fw = pen.Firmware;
        switch (fw.State)
        {
            case PenState.Running:
            case PenState.Starting:
            case PenState.Stopping:
            case PenState.Boot:
            case PenState.SelfTest:
                return;
            case PenState.Fault:
                fw.AcknowledgeFault();
                return;
        }
        if (fw.Status.DepthTargetMm != (float)SessionDepthMm) fw.SetDepthMm((float)SessionDepthMm);
        int level = pen.LevelForRate(SessionRate);
        if (level >= 0 && fw.Status.RateLevel != level) fw.SetRateLevel(level);
        var r = fw.RequestStart();
        if (r is CommandResult.RefusedCartridge or CommandResult.RefusedSessionLimit or CommandResult.RefusedNoCartridge)
            pen.InsertCartridge(CartridgeKinds.New);
    }

    /// <summary>
    /// False for an assembly built without optimisation (a Debug build): its figures are several times worse than
    /// what a Release build of the same code shows, so the report says which it was.
    /// </summary>
    public static bool IsOptimized(System.Reflection.Assembly assembly)
    {
        var d = (DebuggableAttribute?)Attribute.GetCustomAttribute(assembly, typeof(DebuggableAttribute));
        return d == null || !d.IsJITOptimizerDisabled;
    }

    // Mean over all but the slowest 0.1 %: those are the host preempting the thread (other processes, GC of
    // other threads), not the code measured; the maximum still shows them.
    private static double TrimmedMean(long[] sorted)
    {
        if (sorted.Length == 0) return 0;
        int kept = Math.Max(1, sorted.Length - sorted.Length / 1000);
        double sum = 0;
        for (int k = 0; k < kept; k++) sum += sorted[k];
        return sum / kept;
    }

    private static long TimerOverhead()
    {
        long best = long.MaxValue;
        for (int i = 0; i < 1000; i++)
        {
            long a = Stopwatch.GetTimestamp();
            long b = Stopwatch.GetTimestamp();
            if (b - a < best) best = b - a;
        }
        return best;
    }
}
