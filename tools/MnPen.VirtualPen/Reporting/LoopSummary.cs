using MnPen.Hal.Simulator.Platform;

namespace MnPen.VirtualPen.Reporting;

/// <summary>
/// How the firmware's control loop ran on the modelled platform: mean loop period, worst wake-up jitter, missed periods,
/// GC pauses, and the loop faults the firmware raised (ControlLoopOverrun, ClockMismatch, watchdog restarts).
/// </summary>
public sealed record LoopSummary
{
    /// <summary>Platform name (esp32-nf or ideal).</summary>
    public required string Platform { get; init; }

    /// <summary>The firmware's control period, milliseconds.</summary>
    public required double ControlPeriodMs { get; init; }

    /// <summary>Mean wake-to-wake interval seen, milliseconds.</summary>
    public required double LoopPeriodMs { get; init; }

    /// <summary>Longest wake-to-wake interval, milliseconds.</summary>
    public required double MaxIntervalMs { get; init; }

    /// <summary>Latest wake-up after its due time, milliseconds.</summary>
    public required double WorstWakeJitterMs { get; init; }

    /// <summary>Wake-ups a whole RTOS tick or more late.</summary>
    public required long MissedPeriods { get; init; }

    /// <summary>Longest tick including a GC pause, milliseconds.</summary>
    public required double MaxTickMs { get; init; }

    /// <summary>GC pauses seen.</summary>
    public required long GcPauses { get; init; }

    /// <summary>Longest GC pause, milliseconds.</summary>
    public required double MaxGcPauseMs { get; init; }

    /// <summary>Loop faults: ControlLoopOverrun and ClockMismatch trips plus watchdog restarts.</summary>
    public required int LoopFaults { get; init; }

    /// <summary>The figures of a pen after a run; faults are those the run recorded.</summary>
    public static LoopSummary From(VirtualPen pen, IReadOnlyList<FaultRecord> faults)
    {
        PlatformStats s = pen.Board.Platform.Stats;
        int loopFaults = faults.Count(f => f.Code == "ControlLoopOverrun" || f.Code == "ClockMismatch" || f.Code == "WatchdogReset");
        loopFaults += pen.Board.Watchdog.Expirations;
        return new LoopSummary
        {
            Platform = PlatformNames.Name(pen.Board.Platform.Kind),
            ControlPeriodMs = pen.TickPeriodMicros / 1000.0,
            LoopPeriodMs = s.MeanIntervalMicros / 1000.0,
            MaxIntervalMs = s.MaxIntervalMicros / 1000.0,
            WorstWakeJitterMs = s.WorstWakeJitterMicros / 1000.0,
            MissedPeriods = s.MissedPeriods,
            MaxTickMs = s.MaxTickMicros / 1000.0,
            GcPauses = s.GcPauses,
            MaxGcPauseMs = s.MaxGcPauseMicros / 1000.0,
            LoopFaults = loopFaults,
        };
    }
}
