using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Physics;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator;

// Time stepping and the processor's life cycle (resets, brown-out, power).
public sealed partial class VirtualBoard
{
    /// <summary>Slow-step period for thermal, battery drain and winding resistance, microseconds.</summary>
    public const int SlowStepMicros = 1000;

    /// <summary>Simulated board time since creation, microseconds (never resets; the processor clock does).</summary>
    public ulong NowMicros => _now;

    /// <summary>Simulated board time since creation, seconds.</summary>
    public double NowSeconds => _now * 1e-6;

    /// <summary>
    /// Advances the physics by the given simulated time in substeps of Parameters.SubstepMicros: powertrain, actuator,
    /// buttons and hall pulses every substep; thermal, battery drain and winding resistance every millisecond; watchdog,
    /// brown-out and scheduled faults as they fall due. Allocation-free.
    /// </summary>
    public void Advance(int micros)
    {
        if (micros < 0) throw new ArgumentOutOfRangeException(nameof(micros), "cannot advance by a negative time");
        if (_blockedMicros > 0)
        {
            // Time the firmware spent blocked (IClock.Delay) passes first: it happened before what is asked now.
            int owed = _blockedMicros;
            _blockedMicros = 0;
            AdvanceSubsteps(owed);
        }
        AdvanceSubsteps(micros);
    }

    /// <summary>Processor time owed to the physics by IClock.Delay since the last Advance, microseconds.</summary>
    public int BlockedMicros => _blockedMicros;

    /// <summary>Total time the firmware has spent blocked in IClock.Delay, microseconds.</summary>
    public long TotalBlockedMicros { get; private set; }

    internal void BlockProcessor(int micros)
    {
        // Bounded so a runaway delay cannot overflow; a real pen's watchdog would fire long before.
        long total = (long)_blockedMicros + micros;
        _blockedMicros = total > int.MaxValue / 2 ? int.MaxValue / 2 : (int)total;
        TotalBlockedMicros += micros;
    }

    private void AdvanceSubsteps(int micros)
    {
        int remaining = micros;
        // Locals for what every substep touches; the rare paths (bounce, brown-out, faults) are tested inline and
        // called only when they have something to do.
        Powertrain powertrain = _powertrain;
        DepthActuator actuator = _actuator;
        SimPwmChannel depthDrive = DepthDrive;
        HBridge bridge = Bridge;
        SimDigitalInput faultPin = MotorFaultN;
        Battery battery = Battery;
        DcMotor motor = Motor;
        ProtectiveChannel protective = Protective;
        double bor = _p.Battery.ProcessorBrownOutVolts;
        while (remaining > 0)
        {
            int h = remaining < _substepMicros ? remaining : _substepMicros;
            double hs = h == _substepMicros ? _substepSeconds : h * 1e-6;
            ulong start = _now;
            powertrain.DepthMetres = actuator.Position;
            protective.Step(start);
            powertrain.Step(hs, h, start);
            actuator.Step(depthDrive.EffectiveDuty, hs);
            double amps = Math.Abs(motor.MeanCurrent);
            if (amps > _peakMotorAmps) _peakMotorAmps = amps;
            ulong now = start + (ulong)h;
            _now = now;
            if (Buttons.Bouncing) Buttons.Step(now);
            bool faultLine = bridge.FaultLineHigh;
            if (faultLine != faultPin.Level) faultPin.Drive(faultLine);
            if (Watchdog.Expired(now)) WatchdogFired();
            if (_brownedOut || (_processorRunning && battery.TerminalVolts < bor)) CheckSupply();
            _slowMicros += h;
            if (_slowMicros >= SlowStepMicros) SlowStep();
            if (Faults.NeedsPolling) Faults.Poll();
            if (now >= _samplers.NextDue) _samplers.Run(now);
            remaining -= h;
        }
    }

    /// <summary>Advances by whole seconds of simulated time (convenience for tests and tools).</summary>
    public void AdvanceSeconds(double seconds)
    {
        if (seconds < 0 || double.IsNaN(seconds)) throw new ArgumentOutOfRangeException(nameof(seconds));
        long total = (long)Math.Round(seconds * 1e6);
        while (total > 0)
        {
            int chunk = total > 1_000_000 ? 1_000_000 : (int)total;
            Advance(chunk);
            total -= chunk;
        }
    }

    /// <summary>
    /// The motor and depth outputs keep their present state while the processor runs a tick: what the tick writes
    /// reaches the pins at <see cref="ReleaseOutputs"/>, after the platform model has charged the tick's execution time.
    /// </summary>
    public void HoldOutputs()
    {
        MotorPwm.HoldOutput();
        MotorEnable.HoldOutput();
        DepthDrive.HoldOutput();
    }

    /// <summary>Ends <see cref="HoldOutputs"/>: the tick's writes reach the pins now.</summary>
    public void ReleaseOutputs()
    {
        MotorPwm.ReleaseOutput();
        MotorEnable.ReleaseOutput();
        DepthDrive.ReleaseOutput();
    }

    private int _blockedMicros;
    private long _bytesSinceErase;
    private readonly BoardSamplers _samplers = new();
    private double _peakMotorAmps;

    /// <summary>
    /// Highest motor winding current magnitude (substep mean, as MotorCurrentAmps) since the last call, ampere, and
    /// starts the next period: a caller stepping a whole 10 ms loop turn at a time still sees the peaks inside it.
    /// </summary>
    public double TakePeakMotorCurrentAmps()
    {
        double peak = Math.Max(_peakMotorAmps, Math.Abs(Motor.MeanCurrent));
        _peakMotorAmps = 0;
        return peak;
    }

    /// <summary>Observers called at fixed instants of board time, inside Advance (trace and plot recorders).</summary>
    public BoardSamplers Samplers => _samplers;

    /// <summary>
    /// Drops the processor time owed so far: for set-up that belongs before the pen's life (the factory writing its
    /// calibration), not to the run being simulated.
    /// </summary>
    public void ForgetBlockedTime()
    {
        TotalBlockedMicros -= _blockedMicros;
        _blockedMicros = 0;
    }

    // The firmware's file writes hold the processor as they would on the pen's flash (FlashParameters).
    private void OnFlashWritten(string name, int offset, int bytes)
    {
        if (!_processorRunning) return;
        FlashParameters f = _p.Flash;
        long micros = f.WriteOverheadMicros + (long)Math.Round(f.MicrosPerByte * bytes);
        _bytesSinceErase += bytes;
        if (f.EraseBlockBytes > 0 && _bytesSinceErase >= f.EraseBlockBytes)
        {
            _bytesSinceErase -= f.EraseBlockBytes;
            micros += f.EraseMicros;
        }
        if (micros > 0) BlockProcessor((int)Math.Min(micros, int.MaxValue / 4));
    }

    private void SlowStep()
    {
        double dt = _slowMicros * 1e-6;
        _slowMicros = 0;
        _powertrain.TakeHeat(out double windingJ, out double bridgeJ);
        double electronics = _processorRunning ? _p.Thermal.ElectronicsWatts : 0.0;
        Thermal.Step(dt, windingJ / dt, bridgeJ / dt + electronics);
        Motor.SetWindingTemperature(Thermal.WindingCelsius);
        Ntc.Step(Thermal.HandpieceCelsius, dt);
        Protective.StepThermal(Thermal.HandpieceCelsius, dt);
        Battery.Drain(dt);
        _powertrain.UpdateQuiescentLoad();
        if (_powerCutActive)
        {
            if (_now >= _powerRestoreAt && _powerRestoreAt != 0) RestorePowerAfterCut();
        }
        else if (Flash.PowerIsCut)
        {
            // The flash model cut power mid-write: the whole pen dies with it.
            _powerCutActive = true;
            _powerRestoreAt = Faults.PowerCutRestoreDelayMicros > 0 ? _now + (ulong)Faults.PowerCutRestoreDelayMicros : 0;
            ProcessorOff();
        }
    }

    private void CheckSupply()
    {
        double v = Battery.TerminalVolts;
        double bor = _p.Battery.ProcessorBrownOutVolts;
        if (_processorRunning && v < bor)
        {
            _brownedOut = true;
            ProcessorOff();
        }
        else if (_brownedOut && v >= bor + 0.1 && System.PowerHeld && !_powerCutActive)
        {
            _brownedOut = false;
            StartProcessor(ResetCause.BrownOut);
        }
    }

    private void WatchdogFired()
    {
        Watchdog.Expirations++;
        ResetProcessor(ResetCause.Watchdog);
    }

    /// <summary>
    /// Resets the processor now: peripherals return to their power-on state (PWM stopped, outputs low, so the motor
    /// driver sleeps), the processor clock restarts at 0, and a reset is reported through <see cref="TryTakeProcessorReset"/>.
    /// Physics carries on (the rotor coasts down).
    /// </summary>
    public void ResetProcessor(ResetCause cause)
    {
        ResetPeripherals();
        StartProcessor(cause);
    }

    /// <summary>The power latch dropped (HoldPower(false)): everything stops until <see cref="PressPowerButton"/>.</summary>
    internal void PowerOff()
    {
        ProcessorOff();
    }

    /// <summary>Powers the pen up again after it switched itself off (power latch) — a power-on reset.</summary>
    public void PressPowerButton()
    {
        if (_processorRunning) return;
        System.PowerHeld = true;
        if (_powerCutActive) RestorePowerAfterCut();
        else if (!_brownedOut) StartProcessor(ResetCause.PowerOn);
    }

    /// <summary>True while the processor runs; the stepping loop must not tick the firmware otherwise.</summary>
    public bool ProcessorRunning => _processorRunning;

    /// <summary>Processor starts (resets) since the board was created, not counting the first power-up.</summary>
    public int ProcessorResets { get; private set; }

    /// <summary>
    /// True once per processor restart (watchdog, software reboot, brown-out recovery, power-on): the stepping loop
    /// must then build and boot a fresh firmware instance; cause is what <c>Pen.System.LastResetCause</c> reports.
    /// </summary>
    public bool TryTakeProcessorReset(out ResetCause cause)
    {
        cause = _pendingCause;
        if (!_resetPending) return false;
        _resetPending = false;
        return true;
    }

    private void ProcessorOff()
    {
        ResetPeripherals();
        _processorRunning = false;
        _powertrain.ElectronicsPowered = false;
    }

    private void StartProcessor(ResetCause cause)
    {
        _processorRunning = true;
        _powertrain.ElectronicsPowered = true;
        Clock.BootMicros = _now;
        _powertrain.ClockBootMicros = _now;
        StrokeCounter.ResetPeripheral();
        System.LastResetCause = cause;
        Watchdog.CausedLastReset = cause == ResetCause.Watchdog;
        ProcessorResets++;
        _resetPending = true;
        _pendingCause = cause;
    }

    private void RestorePowerAfterCut()
    {
        _powerCutActive = false;
        _powerRestoreAt = 0;
        Flash.RestorePower();
        Faults.NotifyPowerRestored();
        System.PowerHeld = true;
        if (Battery.TerminalVolts >= _p.Battery.ProcessorBrownOutVolts) StartProcessor(ResetCause.PowerOn);
        else _brownedOut = true;
    }

    private void ResetPeripherals()
    {
        MotorPwm.ResetPeripheral();
        DepthDrive.ResetPeripheral();
        MotorEnable.ResetPeripheral();
        SafetyWatchdogKick.ResetPeripheral();
        Protective.Watchdog.Reset();
        Leds.ResetPeripheral();
        Watchdog.ResetPeripheral();
    }
}
