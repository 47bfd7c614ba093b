using MnPen.Safety;

namespace MnPen.Bench.Suites;

/// <summary>When the clock of a required reaction starts.</summary>
public enum InjectionOnset
{
    /// <summary>At the injection instant.</summary>
    Injection,
    /// <summary>When the motor is first driven at or after the injection (faults that only show while driving).</summary>
    FirstDrive,
    /// <summary>When the battery terminal voltage (ground truth) has been below the brown-out threshold for the persistence time.</summary>
    BatteryBelowThreshold,
    /// <summary>When the handpiece (ground truth) reaches the trip temperature.</summary>
    HandpieceHot,
    /// <summary>No reaction required (the fault has no hazardous effect in itself); only a safe outcome is checked.</summary>
    None,
}

/// <summary>
/// What the interlocks matrix expects when one simulator fault is injected: which supervisor codes are correct, from when
/// a reaction is required, its deadline, and how parameters are drawn. One per entry of the simulator's fault catalogue.
/// </summary>
public sealed class InterlocksFaultPlan
{
    /// <summary>Simulator fault name ("(none)" for the control runs that inject nothing).</summary>
    public required string Fault { get; init; }

    /// <summary>The interlock expected to catch it (for the report).</summary>
    public required FaultCode Interlock { get; init; }

    /// <summary>First-cause codes accepted as correct (the interlock's own code first).</summary>
    public required FaultCode[] Accepted { get; init; }

    /// <summary>When a reaction becomes required.</summary>
    public required InjectionOnset Onset { get; init; }

    /// <summary>Deadline from onset to the safe state, ms (before tolerance), given the drawn parameters.</summary>
    public required Func<double[], double> DeadlineMs { get; init; }

    /// <summary>Draws the fault's parameters (values in the order of <see cref="ParameterNames"/>).</summary>
    public Func<Random, double[]> Draw { get; init; } = _ => Array.Empty<double>();

    /// <summary>Names of the drawn parameters.</summary>
    public string[] ParameterNames { get; init; } = Array.Empty<string>();

    /// <summary>True if the processor may restart (the supervisor instance is replaced): the safe state is "motor not driven".</summary>
    public bool MayResetProcessor { get; init; }

    /// <summary>Only in these states is a reaction required (null = all states).</summary>
    public OperatingState[]? RequiredIn { get; init; }

    /// <summary>A reaction is required only if the depth set-point is at least this far from the needle at injection, mm (0 = always).</summary>
    public double RequiresDepthTravelMm { get; init; }

    /// <summary>Handpiece start temperature for this fault, °C (null = the default ambient).</summary>
    public double? AmbientCelsius { get; init; }

    /// <summary>Longest observation after the injection, seconds.</summary>
    public double WindowSeconds { get; init; } = 0.7;

    /// <summary>Relative share of the injections (4 = normal; slow faults get less).</summary>
    public int Weight { get; init; } = 4;

    private static double Ms(FaultCode c) => FaultCatalog.DetectionDeadlineMicros(c) / 1000.0;

    /// <summary>Every simulator fault with its expectation, plus the no-fault control.</summary>
    public static IReadOnlyList<InterlocksFaultPlan> All { get; } = new InterlocksFaultPlan[]
    {
        new() { Fault = "(none)", Interlock = FaultCode.None, Accepted = new[] { FaultCode.None }, Onset = InjectionOnset.None, DeadlineMs = _ => 0 },
        new() { Fault = "cartridge-removed", Interlock = FaultCode.CartridgeRemoved,
                Accepted = new[] { FaultCode.CartridgeRemoved, FaultCode.None }, Onset = InjectionOnset.FirstDrive,
                DeadlineMs = _ => Ms(FaultCode.CartridgeRemoved) },
        new() { Fault = "cartridge-jam", Interlock = FaultCode.CartridgeJam, Accepted = new[] { FaultCode.CartridgeJam },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.CartridgeJam),
                ParameterNames = new[] { "torque" }, Draw = r => new[] { 0.02 + r.NextDouble() * 0.5 } },
        new() { Fault = "motor-short", Interlock = FaultCode.DriverFault, Accepted = new[] { FaultCode.DriverFault, FaultCode.Overcurrent },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.DriverFault),
                ParameterNames = new[] { "ohms" }, Draw = r => new[] { 0.01 + r.NextDouble() * 0.49 } },
        // The driver reporting a fault matters while it drives; asleep (idle, coasting) the trip may wait for the
        // end of a loop pause, so the deadline runs from the first drive.
        new() { Fault = "driver-fault", Interlock = FaultCode.DriverFault, Accepted = new[] { FaultCode.DriverFault },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.DriverFault) },
        // Frozen high with no strokes yet (ramp-up) is indistinguishable from a blocked rotor: a jam trip is also right.
        new() { Fault = "current-sensor-stuck", Interlock = FaultCode.CurrentSensorImplausible,
                Accepted = new[] { FaultCode.CurrentSensorImplausible, FaultCode.Overcurrent, FaultCode.CartridgeJam, FaultCode.Overload },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.CurrentSensorImplausible),
                ParameterNames = new[] { "counts" },
                Draw = r => new[] { r.NextDouble() < 0.6 ? -1.0 : r.NextDouble() < 0.5 ? 0.0 : Math.Round(50 + r.NextDouble() * 4045) } },
        new() { Fault = "current-sensor-open", Interlock = FaultCode.CurrentSensorImplausible, Accepted = new[] { FaultCode.CurrentSensorImplausible },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.CurrentSensorImplausible) },
        new() { Fault = "hall-dead", Interlock = FaultCode.HallSensorSilent, Accepted = new[] { FaultCode.HallSensorSilent },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.HallSensorSilent) },
        // A seized actuator only matters when the depth is to change; the running ramp (2 mm/s) needs 150 ms to open
        // the 0.3 mm tolerance (plus up to 30 ms while the ramp and the pot filter settle), then the 250 ms persistence runs.
        new() { Fault = "depth-stuck", Interlock = FaultCode.DepthActuatorFault, Accepted = new[] { FaultCode.DepthActuatorFault, FaultCode.None },
                Onset = InjectionOnset.Injection, RequiredIn = new[] { OperatingState.DepthChange }, RequiresDepthTravelMm = 0.45, WindowSeconds = 0.7,
                DeadlineMs = _ => 180 + new SafetyLimits().DepthFaultMicros / 1000.0 + 1 },
        // A blind thermistor matters once the motor can heat the grip; with the driver asleep the loop may be paused
        // by a flash write (up to an erase, ~50 ms), and the trip comes at the end of the pause.
        new() { Fault = "ntc-open", Interlock = FaultCode.ThermistorOpen, Accepted = new[] { FaultCode.ThermistorOpen },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.ThermistorOpen) },
        new() { Fault = "ntc-short", Interlock = FaultCode.ThermistorShort, Accepted = new[] { FaultCode.ThermistorShort },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.ThermistorShort) },
        // Realistic heating (handpiece time constant 12 min) from just below the start limit: the bead lags by its
        // 1.5 s time constant, so the deadline is the physical one: cut before the handpiece reaches 41 °C. Each run
        // simulates about 10 s, so this fault gets a quarter of the normal share of injections.
        new() { Fault = "ambient-overtemp", Interlock = FaultCode.OverTemperature, Accepted = new[] { FaultCode.OverTemperature },
                Onset = InjectionOnset.HandpieceHot, AmbientCelsius = 39.3, WindowSeconds = 30, Weight = 1,
                DeadlineMs = _ => 2500, ParameterNames = new[] { "celsius" }, Draw = r => new[] { 80 + r.NextDouble() * 45 } },
        // With up to 10 Ω in series the supply cannot drive current: duty with no current for 30 ms (the current-sense
        // plausibility check) may be seen before two low battery samples, and it cuts the motor as well.
        new() { Fault = "battery-sag", Interlock = FaultCode.UnderVoltage,
                Accepted = new[] { FaultCode.UnderVoltage, FaultCode.DriverFault, FaultCode.BatterySenseImplausible, FaultCode.CurrentSensorImplausible, FaultCode.None },
                Onset = InjectionOnset.BatteryBelowThreshold, MayResetProcessor = true, DeadlineMs = _ => Ms(FaultCode.UnderVoltage),
                ParameterNames = new[] { "ohms" }, Draw = r => new[] { 0.5 + r.NextDouble() * 9.5 } },
        new() { Fault = "brown-out", Interlock = FaultCode.UnderVoltage,
                Accepted = new[] { FaultCode.UnderVoltage, FaultCode.DriverFault, FaultCode.BatterySenseImplausible, FaultCode.None },
                Onset = InjectionOnset.BatteryBelowThreshold, MayResetProcessor = true, DeadlineMs = _ => Ms(FaultCode.UnderVoltage),
                ParameterNames = new[] { "volts", "duration" }, Draw = r => new[] { 2.0 + r.NextDouble() * 3.9, 0.002 + r.NextDouble() * 0.1 } },
        new() { Fault = "storage-corrupt", Interlock = FaultCode.StorageCorrupt,
                Accepted = new[] { FaultCode.None, FaultCode.StorageCorrupt, FaultCode.CalibrationInvalid, FaultCode.SettingsInvalid },
                Onset = InjectionOnset.None, DeadlineMs = _ => 0, ParameterNames = new[] { "bits" }, Draw = r => new[] { Math.Round(1 + r.NextDouble() * 500) } },
        // A flash that stops taking writes is found by the start-up self-test (scratch record write/read-back); during a
        // run nothing needs to react (nothing is written while the motor turns).
        new() { Fault = "storage-write-fail", Interlock = FaultCode.StorageCorrupt, Accepted = new[] { FaultCode.None, FaultCode.StorageCorrupt },
                Onset = InjectionOnset.None, DeadlineMs = _ => 0, ParameterNames = new[] { "throws" }, Draw = r => new[] { Math.Round(r.NextDouble()) } },
        new() { Fault = "storage-power-cut", Interlock = FaultCode.None, Accepted = new[] { FaultCode.None },
                Onset = InjectionOnset.None, MayResetProcessor = true, DeadlineMs = _ => 0,
                ParameterNames = new[] { "byte", "off" }, Draw = r => new[] { Math.Round(r.NextDouble() * 64), 0.01 + r.NextDouble() * 0.1 } },
        // The stepping loop delays the tick after the one in which the fault appears; that late tick detects the gap.
        // A gap is a fault only while the motor driver is on (idle and coasting gaps are allowed and counted).
        new() { Fault = "control-loop-overrun", Interlock = FaultCode.ControlLoopOverrun, Accepted = new[] { FaultCode.ControlLoopOverrun },
                Onset = InjectionOnset.Injection, DeadlineMs = p => p[0] / 1000.0 + FaultCatalog.LoopReactionMicros / 1000.0,
                RequiredIn = new[] { OperatingState.RampUp, OperatingState.RunningLowest, OperatingState.RunningHighest, OperatingState.DepthChange },
                ParameterNames = new[] { "delay", "count" }, Draw = r => new[] { Math.Round(40_000 + r.NextDouble() * 60_000), Math.Round(1 + r.NextDouble() * 2) } },
    };
}
