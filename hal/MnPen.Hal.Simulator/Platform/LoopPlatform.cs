using MnPen.Hal.Simulator.Physics;

namespace MnPen.Hal.Simulator.Platform;

/// <summary>
/// The runtime under the firmware's loop, in simulated time: when the loop thread wakes (RTOS tick granularity plus
/// jitter), how long a tick holds the processor (interpreter cost model plus the GC pauses its allocation triggers),
/// and when a managed event handler runs (late, one at a time). Deterministic for a seed. Allocation-free.
/// </summary>
public sealed class LoopPlatform
{
    private readonly PlatformParameters _p;
    private readonly SimRandom _random;
    private long _allocatedSinceGc;
    private long _gcBudget;
    private ulong _lastWake;
    private bool _haveWake;

    /// <summary>Creates the model with its own random stream from the board seed.</summary>
    public LoopPlatform(PlatformParameters parameters, ulong seed)
    {
        _p = (parameters ?? PlatformParameters.Esp32Nanoframework()).Clone();
        _random = new SimRandom(seed, 11);
        _gcBudget = NextGcBudget();
    }

    /// <summary>The figures in force.</summary>
    public PlatformParameters Parameters => _p;

    /// <summary>Which platform this is.</summary>
    public PlatformKind Kind => _p.Kind;

    /// <summary>What the model did so far.</summary>
    public PlatformStats Stats { get; } = new();

    /// <summary>
    /// Board time at which the loop thread runs its next tick. The thread sleeps until half an RTOS tick before
    /// <paramref name="dueMicros"/> (so it lands on the RTOS tick nearest the due time, not the one after); the CLR sees
    /// the deadline on the first RTOS tick at or after it, and never before the processor is free
    /// (<paramref name="busyUntilMicros"/>); then the thread switch adds its latency. RTOS ticks count from the
    /// processor's boot (<paramref name="bootMicros"/>). The RTOS tick comes from the processor's own clock (FreeRTOS's
    /// systick runs off the same crystal and PLL as everything else), so on a drifting clock it lasts
    /// <paramref name="rtosTickBoardMicros"/> of board time (default: the nominal tick).
    /// </summary>
    public ulong NextWake(ulong dueMicros, ulong busyUntilMicros, ulong bootMicros, int rtosTickBoardMicros = -1)
    {
        ulong wake;
        int grid = _p.RtosTickMicros <= 0 ? _p.RtosTickMicros : rtosTickBoardMicros > 0 ? rtosTickBoardMicros : _p.RtosTickMicros;
        if (grid <= 0)
        {
            wake = dueMicros > busyUntilMicros ? dueMicros : busyUntilMicros;
        }
        else
        {
            ulong half = (ulong)(grid / 2);
            ulong deadline = dueMicros > half ? dueMicros - half : 0;
            if (deadline < busyUntilMicros) deadline = busyUntilMicros;
            if (deadline < bootMicros) deadline = bootMicros;
            ulong since = deadline - bootMicros;
            ulong ticks = (since + (ulong)grid - 1) / (ulong)grid;
            wake = bootMicros + ticks * (ulong)grid + (ulong)Latency();
        }
        Record(dueMicros, wake);
        return wake;
    }

    /// <summary>
    /// Processor time of the tick that has just run, microseconds: the interpreter's cost of the tick (idle or with the
    /// rate loop running) and of its native HAL calls, varied tick to tick, plus a GC pause when the tick's allocation
    /// has used up the free heap.
    /// </summary>
    public int TickCost(bool running)
    {
        int baseCost = (running ? _p.TickCostRunningMicros : _p.TickCostIdleMicros) + _p.NativeCallsPerTick * _p.NativeCallMicros;
        double v = _p.TickCostVariation;
        int cost = baseCost;
        if (baseCost > 0 && v > 0) cost = (int)(baseCost * (1.0 + v * (2.0 * _random.NextDouble() - 1.0)));
        cost += Allocate(_p.AllocatedBytesPerTick);
        if (cost > Stats.MaxTickMicros) Stats.MaxTickMicros = cost;
        return cost;
    }

    /// <summary>Accounts an allocation; returns the GC pause it triggers (0 if none), microseconds.</summary>
    public int Allocate(int bytes)
    {
        if (bytes <= 0 || _p.FreeHeapBytes <= 0) return 0;
        _allocatedSinceGc += bytes;
        if (_allocatedSinceGc < _gcBudget) return 0;
        _allocatedSinceGc = 0;
        _gcBudget = NextGcBudget();
        int min = _p.GcPauseMinMicros, max = _p.GcPauseMaxMicros;
        int pause = min + (int)((max - min) * _random.NextDouble());
        Stats.GcPauses++;
        if (pause > Stats.MaxGcPauseMicros) Stats.MaxGcPauseMicros = pause;
        return pause;
    }

    /// <summary>
    /// When the handler of a managed event (a GPIO edge, a timer expiry) that became ready at <paramref name="readyMicros"/>
    /// runs: events that arrive during a tick wait for it to end (<paramref name="tickEndMicros"/>); events that arrive
    /// while the CLR idles are seen on the next RTOS tick; each dispatch takes EventDispatchMicros and events queue
    /// behind each other (<paramref name="previousHandlerMicros"/>: when the one before ran).
    /// </summary>
    public ulong HandlerTime(ulong readyMicros, ulong tickStartMicros, ulong tickEndMicros, ulong bootMicros, ulong previousHandlerMicros)
    {
        ulong start = readyMicros;
        if (readyMicros >= tickStartMicros && readyMicros < tickEndMicros) start = tickEndMicros;
        else if (_p.RtosTickMicros > 0 && readyMicros >= bootMicros)
        {
            ulong grid = (ulong)_p.RtosTickMicros;
            start = bootMicros + (readyMicros - bootMicros + grid - 1) / grid * grid;
        }
        if (start < previousHandlerMicros) start = previousHandlerMicros;
        return start + (ulong)_p.EventDispatchMicros;
    }

    /// <summary>Forgets the previous wake-up (the processor restarted; its RTOS ticks start again).</summary>
    public void ProcessorRestarted() => _haveWake = false;

    private int Latency()
    {
        int min = _p.WakeLatencyMinMicros, max = _p.WakeLatencyMaxMicros;
        int l = min + (int)((max - min) * _random.NextDouble());
        if (_p.LateWakeProbability > 0 && _random.NextDouble() < _p.LateWakeProbability)
            l += (int)(_p.LateWakeMaxMicros * _random.NextDouble());
        return l;
    }

    private void Record(ulong due, ulong wake)
    {
        PlatformStats s = Stats;
        s.Wakes++;
        if (wake > due)
        {
            long late = (long)(wake - due);
            if (late > s.WorstWakeJitterMicros && (_p.RtosTickMicros <= 0 || late < _p.RtosTickMicros)) s.WorstWakeJitterMicros = late;
            if (_p.RtosTickMicros > 0 && late >= _p.RtosTickMicros) s.MissedPeriods++;
        }
        if (_haveWake && wake > _lastWake)
        {
            long interval = (long)(wake - _lastWake);
            s.Intervals++;
            s.IntervalSumMicros += interval;
            if (interval > s.MaxIntervalMicros) s.MaxIntervalMicros = interval;
        }
        _lastWake = wake;
        _haveWake = true;
    }

    // The heap left for garbage varies with what the rest of the firmware holds at the moment (±25 %).
    private long NextGcBudget() => _p.FreeHeapBytes <= 0 ? long.MaxValue : (long)(_p.FreeHeapBytes * (0.75 + 0.5 * _random.NextDouble()));
}
