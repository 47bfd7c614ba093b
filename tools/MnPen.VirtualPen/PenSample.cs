using MnPen.Firmware;
using MnPen.Safety;

namespace MnPen.VirtualPen;

/// <summary>
/// What the pen is doing at one instant: the firmware's view (state, fault, targets) beside the simulator's ground
/// truth (true stroke rate, depth, current, temperature, battery). Filled in place after every step.
/// </summary>
public struct PenSample
{
    /// <summary>Simulated time, microseconds since power-on.</summary>
    public ulong NowMicros;

    /// <summary>The processor runs (false while browned out or without power: State then reads PowerOff).</summary>
    public bool ProcessorRunning;

    /// <summary>Firmware state.</summary>
    public PenState State;

    /// <summary>Firmware active fault.</summary>
    public FaultCode Fault;

    /// <summary>Selected stroke-rate level, 0-based (firmware).</summary>
    public int RateLevel;

    /// <summary>Stroke rate the firmware aims for now, strokes/s (ramped; 0 when stopped).</summary>
    public double TargetStrokeRate;

    /// <summary>Stroke rate of the selected level, strokes/s (firmware).</summary>
    public double LevelStrokeRate;

    /// <summary>Needle depth the firmware is set to, mm.</summary>
    public double DepthTargetMm;

    /// <summary>True: the H-bridge is enabled with a non-zero duty.</summary>
    public bool MotorDriven;

    /// <summary>True stroke rate (cam speed), strokes/s.</summary>
    public double StrokeRate;

    /// <summary>True needle protrusion, mm.</summary>
    public double DepthMm;

    /// <summary>True motor current, amps.</summary>
    public double MotorCurrentAmps;

    /// <summary>Highest true motor current since the previous sample (every physics substep of the step), amps.</summary>
    public double PeakMotorCurrentAmps;

    /// <summary>True handpiece (skin-contact) temperature, degrees Celsius.</summary>
    public double HandpieceCelsius;

    /// <summary>True battery terminal voltage, volts.</summary>
    public double BatteryVolts;

    /// <summary>True battery state of charge, 0..1.</summary>
    public double BatteryStateOfCharge;

    /// <summary>Needle strokes delivered since power-on (true cam revolutions).</summary>
    public ulong Strokes;

    /// <summary>A cartridge is physically seated.</summary>
    public bool CartridgeSeated;

    /// <summary>Processor restarts so far (each boots a fresh firmware instance).</summary>
    public int Restarts;

    /// <summary>Cause of the latest restart.</summary>
    public MnPen.Hal.ResetCause LastResetCause;
}
