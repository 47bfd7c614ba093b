using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// TPS3430 window watchdog with the board's fault memory, timed by its own oscillator (not the MCU's crystal): while
/// enabled (its SET0 follows the MCU's inverted nSLEEP command, so it watches exactly while the firmware wants the driver
/// awake) every WDI falling edge must come inside [tWDL, tWDU] after the previous one or after the enable. An early kick
/// or none by tWDU is a fault: WDO pulses low for tRST and the fault memory (74LVC1G74, cleared by the MCU's reset line)
/// holds the gate open until the processor restarts. A firmware that toggles nSLEEP restarts the window but cannot clear
/// the memory; with nSLEEP low the watchdog is disabled, so the loop may pause (flash writes) without a fault.
/// </summary>
public sealed class WindowedWatchdog
{
    private readonly ProtectiveChannelParameters _p;
    private ulong _windowStart;
    private ulong _wdoLowUntil;

    /// <summary>Creates a disabled watchdog.</summary>
    public WindowedWatchdog(ProtectiveChannelParameters parameters) => _p = parameters;

    /// <summary>True while enabled (the MCU's nSLEEP command is high).</summary>
    public bool Enabled { get; private set; }

    /// <summary>A window fault is held in the fault memory (cleared only by a processor reset).</summary>
    public bool Faulted { get; private set; }

    /// <summary>Kicks inside the window since creation.</summary>
    public int GoodKicks { get; private set; }

    /// <summary>Early-kick faults since creation.</summary>
    public int EarlyFaults { get; private set; }

    /// <summary>Late (missing kick) faults since creation.</summary>
    public int LateFaults { get; private set; }

    /// <summary>Interval of the latest kick (or fault) from the window start, true microseconds.</summary>
    public ulong LastIntervalMicros { get; private set; }

    /// <summary>Tests and the bench's firmware-only mode: the watchdog never faults.</summary>
    public bool Bypassed { get; set; }

    /// <summary>WDO output level (false during the tRST pulse after a fault).</summary>
    public bool WdoHigh(ulong now) => now >= _wdoLowUntil;

    /// <summary>Satisfied: disabled (nothing to watch, the gate's nSLEEP term is low anyway) or enabled without a fault.</summary>
    public bool Satisfied => Bypassed || !Faulted;

    private ulong Lower => Scale(_p.WatchdogLowerMicros);

    private ulong Upper => Scale(_p.WatchdogUpperMicros);

    private ulong Scale(int micros) => (ulong)Math.Round(micros * (1.0 + _p.WatchdogOscillatorError));

    /// <summary>Follows the enable input (the MCU's nSLEEP command) and checks the late limit, at board time now.</summary>
    public void Step(ulong now, bool enable)
    {
        if (enable != Enabled)
        {
            Enabled = enable;
            _windowStart = now;
            return;
        }
        if (Enabled && !Faulted && now - _windowStart > Upper)
        {
            LastIntervalMicros = now - _windowStart;
            LateFaults++;
            Fault(now);
        }
    }

    /// <summary>A WDI falling edge at board time now.</summary>
    public void Kick(ulong now)
    {
        if (!Enabled || Faulted) return;
        ulong interval = now - _windowStart;
        LastIntervalMicros = interval;
        _windowStart = now;
        if (interval < Lower)
        {
            EarlyFaults++;
            Fault(now);
            return;
        }
        GoodKicks++;
    }

    /// <summary>The MCU's reset line clears the fault memory (processor reset, power-up).</summary>
    public void Reset()
    {
        Faulted = false;
        Enabled = false;
    }

    private void Fault(ulong now)
    {
        Faulted = true;
        _wdoLowUntil = now + (ulong)_p.WatchdogResetPulseMicros;
    }
}
