using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>Which of the hardware channel's paths opened the gate (flags).</summary>
[Flags]
public enum ProtectivePath
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Cartridge presence switch open.</summary>
    Cartridge = 1,
    /// <summary>Thermal comparator above its trip.</summary>
    Thermal = 2,
    /// <summary>Window watchdog fault memory set.</summary>
    Watchdog = 4,
}

/// <summary>
/// The hardware protective channel between the MCU's pins and the DRV8876's inputs (docs/hardware.md): GATE_OK = cartridge
/// switch closed AND thermal comparator below trip AND window watchdog satisfied. EN (PWM) passes only while GATE_OK
/// (74LVC1G08, ns: at once), so an opened gate brakes the motor (EN low = both low-side FETs on); nSLEEP passes only while
/// GATE_OK held within the last RC delay, so the driver then sleeps (coasts, clears its latch). The firmware reads the
/// gated nSLEEP net back on its own pin (<see cref="SleepLineHigh"/>). Below it the DRV8876's own current limit and
/// overcurrent latch stay in <see cref="HBridge"/>. Allocation-free; stepped every substep before the powertrain.
/// </summary>
public sealed class ProtectiveChannel
{
    private readonly ProtectiveChannelParameters _p;
    private readonly SimPwmChannel _pwm;
    private readonly SimDigitalOutput _enable;
    private readonly SimDigitalOutput _kick;
    private readonly SimDigitalInput _cartridge;
    private uint _seenKick;
    private uint _seenEnableFalling;
    private bool _gateOk = true;
    private ulong _openedAt;
    private bool _sleepHigh;

    /// <summary>Wires the channel to the MCU's pins and the cartridge switch.</summary>
    public ProtectiveChannel(ProtectiveChannelParameters parameters, WindowedWatchdog watchdog, ThermalComparator thermal,
        SimPwmChannel pwm, SimDigitalOutput enable, SimDigitalOutput kick, SimDigitalInput cartridge)
    {
        _p = parameters;
        Watchdog = watchdog;
        Thermal = thermal;
        _pwm = pwm;
        _enable = enable;
        _kick = kick;
        _cartridge = cartridge;
    }

    /// <summary>The window watchdog path.</summary>
    public WindowedWatchdog Watchdog { get; }

    /// <summary>The thermal comparator path.</summary>
    public ThermalComparator Thermal { get; }

    /// <summary>Bench and tests: the cartridge path is wired closed (a model of a channel without it).</summary>
    public bool CartridgePathBypassed { get; set; }

    /// <summary>Bench "firmware channel only": every path reads closed (the gate always passes the MCU's pins).</summary>
    public bool ForcedClosed { get; set; }

    /// <summary>GATE_OK at the last step.</summary>
    public bool GateOk => _gateOk;

    /// <summary>Paths open at the last step.</summary>
    public ProtectivePath OpenPaths { get; private set; }

    /// <summary>Duty at the bridge's EN input (0 while the gate is open or the PWM is stopped).</summary>
    public double Duty { get; private set; }

    /// <summary>Gated nSLEEP net: the bridge's nSLEEP input and the firmware's read-back pin.</summary>
    public bool SleepLineHigh => _sleepHigh;

    /// <summary>High-to-low transitions of the gated nSLEEP net (a short low pulse still resets the bridge's latch).</summary>
    public uint SleepFallingEdges { get; private set; }

    /// <summary>Board time the gate first cut a drive the firmware was asking for (0 = never).</summary>
    public ulong FirstCutMicros { get; private set; }

    /// <summary>Paths open at the first cut.</summary>
    public ProtectivePath FirstCutPaths { get; private set; }

    /// <summary>Cuts of a requested drive since creation.</summary>
    public int Cuts { get; private set; }

    /// <summary>Slow step (1 ms): the comparator's bead follows the needle guide.</summary>
    public void StepThermal(double guideCelsius, double seconds) => Thermal.Step(guideCelsius, seconds);

    /// <summary>One substep at board time now: watchdog edges, the gate, and the gated EN and nSLEEP.</summary>
    public void Step(ulong now)
    {
        bool cmdEnable = _enable.Level;
        if (_kick.FallingTransitions != _seenKick)
        {
            _seenKick = _kick.FallingTransitions;
            Watchdog.Kick(now);
        }
        Watchdog.Step(now, cmdEnable);

        ProtectivePath open = ProtectivePath.None;
        if (!ForcedClosed)
        {
            if (!CartridgePathBypassed && !_cartridge.Level) open |= ProtectivePath.Cartridge;
            if (!Thermal.Satisfied) open |= ProtectivePath.Thermal;
            if (!Watchdog.Satisfied) open |= ProtectivePath.Watchdog;
        }
        OpenPaths = open;
        bool ok = open == ProtectivePath.None;
        double cmdDuty = _pwm.EffectiveDuty;
        if (!ok && _gateOk)
        {
            _openedAt = now;
            if (cmdEnable && cmdDuty > 0.0)
            {
                Cuts++;
                if (FirstCutMicros == 0)
                {
                    FirstCutMicros = now == 0 ? 1 : now;
                    FirstCutPaths = open;
                }
            }
        }
        _gateOk = ok;
        Duty = ok ? cmdDuty : 0.0;

        bool sleepGate = ok || now - _openedAt < (ulong)_p.SleepDelayMicros;
        bool sleep = cmdEnable && sleepGate;
        // A low pulse on the MCU's pin shorter than a substep still reaches the bridge (it clears the latch there).
        bool pulsed = _enable.FallingTransitions != _seenEnableFalling;
        _seenEnableFalling = _enable.FallingTransitions;
        if ((_sleepHigh && !sleep) || (pulsed && _sleepHigh)) SleepFallingEdges++;
        _sleepHigh = sleep;
    }
}
