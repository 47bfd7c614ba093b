namespace MnPen.VirtualPen.Perf;

/// <summary>Figures measured by PerfProbe on this host (printed by `mnpen perf`; JSON names are the snake_case of these).</summary>
public sealed record PerfReport
{
    /// <summary>Platform the pen ran on (esp32-nf or ideal).</summary>
    public string Platform { get; init; } = "";

    /// <summary>Simulated seconds per wall second of the whole loop (physics + firmware + background), firmware in the loop.</summary>
    public required double SimSpeedup { get; init; }

    /// <summary>Simulated time the speed-up was measured over, seconds.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Wall time of that run, seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Processor time the process used during that run (all threads), seconds.</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>Simulated seconds per processor second: the speed-up without other load on the host (wall figure / CPU share).</summary>
    public required double SimSpeedupCpu { get; init; }

    /// <summary>Share of the simulated time the motor was under closed-loop control (Running), 0..1.</summary>
    public required double RunningFraction { get; init; }

    /// <summary>Mean wall time of one whole step (board advance + firmware tick + background share), nanoseconds.</summary>
    public required double StepNs { get; init; }

    /// <summary>Bytes allocated by the whole loop over the speed-up run, per tick.</summary>
    public required double LoopAllocBytesPerTick { get; init; }

    /// <summary>Bytes allocated by the whole loop over the speed-up run, total.</summary>
    public required long LoopAllocBytes { get; init; }

    /// <summary>Mean cost of PenFirmware.Tick() alone, nanoseconds (timer overhead subtracted; slowest 0.1 % left out as host preemption).</summary>
    public required double TickNs { get; init; }

    /// <summary>Median Tick() cost, nanoseconds.</summary>
    public required double TickNsP50 { get; init; }

    /// <summary>99th-percentile Tick() cost, nanoseconds.</summary>
    public required double TickNsP99 { get; init; }

    /// <summary>Longest single Tick(), nanoseconds.</summary>
    public required double TickNsMax { get; init; }

    /// <summary>Bytes allocated by Tick() per tick (should be 0: the control tick is allocation-free).</summary>
    public required double TickAllocBytes { get; init; }

    /// <summary>Bytes allocated by Tick() over all measured ticks.</summary>
    public required long TickAllocBytesTotal { get; init; }

    /// <summary>Ticks in the per-tick measurement.</summary>
    public required int TicksMeasured { get; init; }

    /// <summary>Mean cost of VirtualBoard.Advance for one millisecond of simulated time, nanoseconds.</summary>
    public required double BoardAdvanceNsPerMs { get; init; }

    /// <summary>Bytes allocated by the board's Advance per simulated millisecond.</summary>
    public required double BoardAllocBytesPerMs { get; init; }

    /// <summary>Mean cost of one PenFirmware.Background() call, nanoseconds (slowest 0.1 % left out).</summary>
    public required double BackgroundNs { get; init; }

    /// <summary>Background() runs after every this many ticks in the loop.</summary>
    public required int BackgroundEveryTicks { get; init; }

    /// <summary>Wall time the pen ran before the measurement started (runtime warm-up), seconds.</summary>
    public required double WarmupWallSeconds { get; init; }

    /// <summary>Simulated time covered by the warm-up, seconds (not part of SimulatedSeconds).</summary>
    public required double WarmupSimulatedSeconds { get; init; }

    /// <summary>Whether the firmware, simulator and probe were built with optimisation (Release); Debug figures are not comparable.</summary>
    public required bool Optimized { get; init; }

    /// <summary>Simulator seed used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Host description (processor count, OS, runtime), for comparing figures.</summary>
    public required string Host { get; init; }
}
