namespace MnPen.Hal.Simulator.Platform;

/// <summary>What the platform model did to the loop so far: wake-up intervals and jitter, tick cost, GC pauses.</summary>
public sealed class PlatformStats
{
    /// <summary>Loop wake-ups (ticks run).</summary>
    public long Wakes { get; internal set; }

    /// <summary>Sum of wake-to-wake intervals, microseconds (for the mean loop period).</summary>
    public long IntervalSumMicros { get; internal set; }

    /// <summary>Wake-to-wake intervals counted in <see cref="IntervalSumMicros"/>.</summary>
    public long Intervals { get; internal set; }

    /// <summary>Longest wake-to-wake interval, microseconds.</summary>
    public long MaxIntervalMicros { get; internal set; }

    /// <summary>Latest wake-up after its due time, microseconds (the worst jitter; 0 on an ideal processor).</summary>
    public long WorstWakeJitterMicros { get; internal set; }

    /// <summary>Wake-ups that came a whole RTOS tick or more after their due time (the loop missed a period).</summary>
    public long MissedPeriods { get; internal set; }

    /// <summary>Longest tick, GC pause included, microseconds.</summary>
    public long MaxTickMicros { get; internal set; }

    /// <summary>Garbage collections that paused the loop.</summary>
    public long GcPauses { get; internal set; }

    /// <summary>Longest GC pause, microseconds.</summary>
    public long MaxGcPauseMicros { get; internal set; }

    /// <summary>Mean wake-to-wake interval, microseconds (0 before two wake-ups).</summary>
    public double MeanIntervalMicros => Intervals == 0 ? 0 : (double)IntervalSumMicros / Intervals;
}
