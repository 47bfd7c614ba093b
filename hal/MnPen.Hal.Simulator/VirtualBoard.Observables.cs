namespace MnPen.Hal.Simulator;

// Ground truth: what the physics is really doing, whatever the sensors say.
public sealed partial class VirtualBoard
{
    /// <summary>Rotor speed, rad/s.</summary>
    public double RotorSpeedRadPerSec => Motor.Omega;

    /// <summary>True stroke rate, strokes per second (one stroke per revolution).</summary>
    public double StrokeRate => Motor.Omega / (2.0 * Math.PI);

    /// <summary>Strokes completed since the board was created (counted whether or not the hall sensor works).</summary>
    public long Strokes => _powertrain.Revolutions;

    /// <summary>Cam angle, radian (0 = needles retracted).</summary>
    public double CamAngleRadians => _powertrain.Theta;

    /// <summary>Motor winding current (mean over the last substep), ampere.</summary>
    public double MotorCurrentAmps => Motor.MeanCurrent;

    /// <summary>Current through the bridge (what IPROPI mirrors), ampere.</summary>
    public double BridgeCurrentAmps => _powertrain.BridgeAmps;

    /// <summary>Highest bridge current seen within a PWM period since creation or the last reset of this figure, ampere.</summary>
    public double PeakBridgeCurrentAmps
    {
        get => Bridge.PeakCurrentAmps;
        set => Bridge.PeakCurrentAmps = value;
    }

    /// <summary>Duty the bridge actually applied (after current regulation; 0 while not driving).</summary>
    public double AppliedDuty => Bridge.EffectiveDuty;

    /// <summary>Mean voltage across the motor terminals, volt.</summary>
    public double MotorVolts => _powertrain.MotorVolts;

    /// <summary>nSLEEP is high (the firmware has enabled the driver).</summary>
    public bool DriverEnabled => MotorEnable.Level;

    /// <summary>
    /// Ground truth: the bridge is applying supply to the motor now (gated nSLEEP high, gated EN duty above 0, no latch,
    /// injected driver fault or undervoltage lockout), whatever the MCU's pins say.
    /// </summary>
    public bool BridgeDriving => Protective.SleepLineHigh && Protective.Duty > 0 && !Bridge.OvercurrentLatched && !Bridge.ForcedFault && !Bridge.Undervoltage;

    /// <summary>The driver's overcurrent latch is set.</summary>
    public bool DriverOvercurrentLatched => Bridge.OvercurrentLatched;

    /// <summary>nFAULT is asserted (low).</summary>
    public bool FaultPinLow => !MotorFaultN.Level;

    /// <summary>Cycle-by-cycle current regulation is active.</summary>
    public bool CurrentLimiting => Bridge.CurrentLimiting;

    /// <summary>Load torque of the needles on the cam right now, N·m.</summary>
    public double LoadTorqueNewtonMetres => Cam.LoadTorque;

    /// <summary>Winding temperature, °C.</summary>
    public double WindingCelsius => Thermal.WindingCelsius;

    /// <summary>Handpiece (skin-contact grip) temperature, °C.</summary>
    public double HandpieceCelsius => Thermal.HandpieceCelsius;

    /// <summary>Thermistor bead temperature (lags the handpiece), °C.</summary>
    public double NtcCelsius => Ntc.BeadCelsius;

    /// <summary>Ambient temperature, °C (settable: the room warms or cools).</summary>
    public double AmbientCelsius
    {
        get => Thermal.AmbientCelsius;
        set => Thermal.AmbientCelsius = value;
    }

    /// <summary>Battery terminal voltage under load, volt.</summary>
    public double BatteryTerminalVolts => Battery.TerminalVolts;

    /// <summary>Battery open-circuit voltage, volt.</summary>
    public double BatteryOpenCircuitVolts => Battery.OpenCircuitVolts;

    /// <summary>Battery current, ampere.</summary>
    public double BatteryCurrentAmps => Battery.LoadAmps;

    /// <summary>Battery state of charge, 0..1.</summary>
    public double BatteryStateOfCharge => Battery.StateOfCharge;

    /// <summary>Depth actuator position, mm (= needle protrusion at the bottom of the stroke).</summary>
    public double ActuatorPositionMm => _actuator.Position * 1000.0;

    /// <summary>Needle depth, mm: how far the needles protrude at the bottom of the stroke.</summary>
    public double NeedleDepthMm => _actuator.Position * 1000.0;

    /// <summary>Needle penetration into skin right now, mm (0 between strokes and in air).</summary>
    public double NeedlePenetrationMm => Cam.Penetration * 1000.0;

    /// <summary>Green LED lit.</summary>
    public bool LedGreenOn => Leds.Green.Level;

    /// <summary>Amber LED lit.</summary>
    public bool LedAmberOn => Leds.Amber.Level;

    /// <summary>Red LED lit.</summary>
    public bool LedRedOn => Leds.Red.Level;

    /// <summary>Buzzer sounding.</summary>
    public bool BuzzerOn => Leds.BuzzerOn;

    /// <summary>A cartridge is seated.</summary>
    public bool CartridgeSeated => _cartridge != null;

    /// <summary>The seated cartridge, or null.</summary>
    public SimCartridge? Cartridge => _cartridge;

    /// <summary>Hall pulses emitted since creation (ground truth; the counter peripheral resets with the processor).</summary>
    public long HallPulses => _powertrain.HallPulses;

    /// <summary>Board time of the latest true stroke (cam revolution, interpolated in its substep), µs; 0 = none yet.</summary>
    public ulong LastStrokeMicros => _powertrain.LastRevolutionMicros;

    /// <summary>Needle entries into the skin since creation, from the physics (one per stroke that reaches the skin).</summary>
    public long Penetrations => _powertrain.Penetration.Entries;

    /// <summary>Board time of the latest needle entry into the skin, µs (0 = none yet).</summary>
    public ulong LastPenetrationMicros => _powertrain.Penetration.LastEntryMicros;

    /// <summary>Deepest needle penetration into the skin since creation or the last reset of this figure, mm.</summary>
    public double DeepestPenetrationMm
    {
        get => _powertrain.Penetration.DeepestMetres * 1000.0;
        set => _powertrain.Penetration.DeepestMetres = value / 1000.0;
    }
}
