using MnPen.Firmware;
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
    /// <summary>When the true stroke rate (rotor speed) has stayed above the overspeed bound (170 /s, or 1.3 × set rate + 15 /s) for 20 ms.</summary>
    TrueOverspeed,
    /// <summary>When the true needle depth is more than the depth tolerance deeper than both the set depth and the depth at injection, with the needle moving.</summary>
    DepthBeyondSet,
    /// <summary>When the true motor current's I²t above the continuous rating reaches the overload budget.</summary>
    TrueOverload,
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

    /// <summary>
    /// Time a stopping needle may still enter the skin after the reaction deadline, ms: the braked rotor's run-down
    /// (<see cref="BrakeRunDownMs"/>), or the coast-down where the bridge itself cannot brake (<see cref="CoastRunDownMs"/>).
    /// The needle verdict: no entry into the skin later than onset + deadline + this.
    /// </summary>
    public double RunDownMs { get; init; } = BrakeRunDownMs;

    /// <summary>
    /// Run-down after a cut by the hardware channel alone, ms: it takes EN low at once (brake) but nSLEEP low 13.6-39.3 ms
    /// later (ProtectiveChannelParameters.SleepDelayMicros), and from there the rotor coasts on friction: a coast
    /// run-down, not a brake one.
    /// </summary>
    public double HardwareRunDownMs { get; init; } = CoastRunDownMs;

    /// <summary>
    /// Run-down of a braked rotor, ms: from the overspeed ceiling the winding shorted through the low sides stops the
    /// rotor within about 3 time constants (J·(R + R_DS)/kₜ² ≈ 20 ms, docs/control.md; measured 64 ms from 225 strokes/s,
    /// BrakeAndCoastTests) plus the firmware's output latency; a needle entry after this would mean the brake did not act.
    /// </summary>
    public const double BrakeRunDownMs = 80;

    /// <summary>
    /// Run-down where the bridge cannot brake (supply below its lockout, outputs latched off after a short, the processor
    /// restarting): the rotor coasts on friction alone, up to 0.6 s from the top rate (docs/safety/interlocks.md).
    /// </summary>
    public const double CoastRunDownMs = 700;

    /// <summary>
    /// Whether the deepest penetration of the whole run is judged against the set depth plus the bench's depth error
    /// (0.05 mm). False only where the fault itself drives the needle deeper faster than any sensor can see it (the
    /// firmware's depth check needs 0.3 mm): there the hazard is judged by the reaction deadline and by no entry into
    /// the skin after onset + deadline + run-down.
    /// </summary>
    public bool JudgeDepthAgainstSet { get; init; } = true;

    /// <summary>
    /// Whether an under-voltage trip is judged against the stated 6.0 V (the supply over the detection window before it).
    /// False where the supply collapses in one step (brown-out): no threshold can trip before a voltage it jumps past;
    /// the reaction deadline judges it instead. A sagging supply (battery-sag, battery-aged) is judged.
    /// </summary>
    public bool JudgeUnderVoltageTrip { get; init; } = true;

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

    /// <summary>The channels that claim this hazard: each one alone must stop the needle in time (docs/safety/hazards.md).</summary>
    public SafetyChannel Claims { get; init; } = SafetyChannel.Firmware;

    /// <summary>The hardware channel's own deadline, ms from the onset (null = the firmware's <see cref="DeadlineMs"/>).</summary>
    public Func<double[], double>? HardwareDeadlineMs { get; init; }

    /// <summary>The hardware channel must react only for these drawn parameters (null = always where a reaction is required).</summary>
    public Func<double[], bool>? HardwareRequired { get; init; }

    /// <summary>Hardware path latency into the bridge, ms: one physics substep (the gate and the bridge act inside it).</summary>
    public const double HardwareGateMs = 1.0;

    /// <summary>TPS3430 upper window limit, ms (tWDU max, CWD = NC, SET0 = SET1 = 0; data sheet SBVS366A).</summary>
    public const double WatchdogUpperMaxMs = 63.3;

    /// <summary>
    /// Largest pot wiper slip the design absorbs without a reaction, counts: (0.05 mm depth tolerance − 0.017 mm of a drawn
    /// pen's own calibrated error) × 1233 counts/mm (nominal pot, DepthActuatorParameters), rounded down.
    /// </summary>
    public const double PotSlipBudgetCounts = 40;

    private static FaultCode[] WithHardware(params FaultCode[] codes) => codes.Append(FaultCode.HardwareChannelCut).ToArray();

    private static double Ms(FaultCode c) => FaultCatalog.DetectionDeadlineMicros(c) / 1000.0;

    /// <summary>Every simulator fault with its expectation, plus the no-fault control.</summary>
    public static IReadOnlyList<InterlocksFaultPlan> All { get; } = new InterlocksFaultPlan[]
    {
        new() { Fault = "(none)", Interlock = FaultCode.None, Accepted = new[] { FaultCode.None }, Onset = InjectionOnset.None, DeadlineMs = _ => 0 },
        new() { Fault = "cartridge-removed", Interlock = FaultCode.CartridgeRemoved,
                Accepted = WithHardware(FaultCode.CartridgeRemoved, FaultCode.None), Onset = InjectionOnset.FirstDrive,
                DeadlineMs = _ => Ms(FaultCode.CartridgeRemoved), Claims = SafetyChannel.Both, HardwareDeadlineMs = _ => HardwareGateMs },
        new() { Fault = "cartridge-jam", Interlock = FaultCode.CartridgeJam, Accepted = new[] { FaultCode.CartridgeJam },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.CartridgeJam),
                ParameterNames = new[] { "torque" }, Draw = r => new[] { 0.02 + r.NextDouble() * 0.5 } },
        // Hardware: the DRV8876's own overcurrent latch, inside the blanking time of the first on-phase.
        new() { Fault = "motor-short", Interlock = FaultCode.DriverFault, Accepted = new[] { FaultCode.DriverFault, FaultCode.Overcurrent },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.DriverFault), RunDownMs = CoastRunDownMs,
                Claims = SafetyChannel.Both, HardwareDeadlineMs = _ => HardwareGateMs,
                ParameterNames = new[] { "ohms" }, Draw = r => new[] { 0.01 + r.NextDouble() * 0.49 } },
        // The driver reporting a fault matters while it drives; asleep (idle, coasting) the trip may wait for the
        // end of a loop pause, so the deadline runs from the first drive.
        new() { Fault = "driver-fault", Interlock = FaultCode.DriverFault, Accepted = new[] { FaultCode.DriverFault },
                Onset = InjectionOnset.FirstDrive, DeadlineMs = _ => Ms(FaultCode.DriverFault), RunDownMs = CoastRunDownMs,
                Claims = SafetyChannel.Both, HardwareDeadlineMs = _ => HardwareGateMs },
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
        // Realistic heating (handpiece time constant 12 min) from just below the start limit (38.5 °C: trip 39.5 less 1 °C hysteresis): the bead lags by its
        // 1.5 s time constant, so the deadline is the physical one: cut before the handpiece reaches 41 °C. Each run
        // simulates about 10 s, so this fault gets a quarter of the normal share of injections.
        // Hardware: the thermal comparator trips on its own bead at 39.6 °C (38.5-40.7 °C over the population), near the firmware's 39.5 °C trip (docs/hardware.md).
        new() { Fault = "ambient-overtemp", Interlock = FaultCode.OverTemperature, Accepted = WithHardware(FaultCode.OverTemperature),
                Claims = SafetyChannel.Both,
                Onset = InjectionOnset.HandpieceHot, AmbientCelsius = 38.0, WindowSeconds = 45, Weight = 1,
                DeadlineMs = _ => 2500, ParameterNames = new[] { "celsius" }, Draw = r => new[] { 80 + r.NextDouble() * 45 } },
        // With up to 10 Ω in series the supply cannot drive current: duty with no current for 30 ms (the current-sense
        // plausibility check) may be seen before two low battery samples, and it cuts the motor as well.
        new() { Fault = "battery-sag", Interlock = FaultCode.UnderVoltage,
                Accepted = new[] { FaultCode.UnderVoltage, FaultCode.DriverFault, FaultCode.BatterySenseImplausible, FaultCode.CurrentSensorImplausible, FaultCode.None },
                Onset = InjectionOnset.BatteryBelowThreshold, MayResetProcessor = true, DeadlineMs = _ => Ms(FaultCode.UnderVoltage), RunDownMs = CoastRunDownMs,
                ParameterNames = new[] { "ohms" }, Draw = r => new[] { 0.5 + r.NextDouble() * 9.5 } },
        new() { Fault = "brown-out", Interlock = FaultCode.UnderVoltage,
                Accepted = new[] { FaultCode.UnderVoltage, FaultCode.DriverFault, FaultCode.BatterySenseImplausible, FaultCode.None },
                Onset = InjectionOnset.BatteryBelowThreshold, MayResetProcessor = true, DeadlineMs = _ => Ms(FaultCode.UnderVoltage), RunDownMs = CoastRunDownMs,
                JudgeUnderVoltageTrip = false,
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
        // Hardware: a stall of at least tWDU(max) cannot hold a kick inside the window, whatever its phase; the late fault
        // comes at most tWDU(max) after the last kick, which came at the latest in the tick before the stall.
        new() { Fault = "control-loop-overrun", Interlock = FaultCode.ControlLoopOverrun, Accepted = WithHardware(FaultCode.ControlLoopOverrun),
                Claims = SafetyChannel.Both, HardwareRequired = p => p[0] >= WatchdogUpperMaxMs * 1000,
                HardwareDeadlineMs = _ => WatchdogUpperMaxMs + PenFirmware.TickPeriodMicros / 1000.0 + HardwareGateMs,
                Onset = InjectionOnset.Injection, DeadlineMs = p => p[0] / 1000.0 + FaultCatalog.LoopReactionMicros / 1000.0,
                RequiredIn = new[] { OperatingState.RampUp, OperatingState.RunningLowest, OperatingState.RunningHighest, OperatingState.DepthChange },
                ParameterNames = new[] { "delay", "count" }, Draw = r => new[] { Math.Round(40_000 + r.NextDouble() * 60_000), Math.Round(1 + r.NextDouble() * 2) } },
        // A stroke sensor that misses or adds pulses is caught by the back-EMF cross-check once it has learned the pen's
        // ratio (300 strokes after power-up), longer than a case's window: no reaction is required here, the outcome must
        // stay safe (the rate loop's error clamp and the overspeed checks); StrokeSensorFaultTests time the detection.
        new() { Fault = "hall-missing", Interlock = FaultCode.StrokeSensorImplausible,
                Accepted = new[] { FaultCode.None, FaultCode.StrokeSensorImplausible, FaultCode.Overspeed, FaultCode.HallSensorSilent },
                Onset = InjectionOnset.None, DeadlineMs = _ => 0, Weight = 1, ParameterNames = new[] { "every" }, Draw = r => new[] { Math.Round(2 + r.NextDouble() * 48) } },
        new() { Fault = "hall-extra", Interlock = FaultCode.StrokeSensorImplausible,
                Accepted = new[] { FaultCode.None, FaultCode.StrokeSensorImplausible, FaultCode.Overspeed },
                Onset = InjectionOnset.None, DeadlineMs = _ => 0, Weight = 1, ParameterNames = new[] { "every" }, Draw = r => new[] { Math.Round(1 + r.NextDouble() * 49) } },
        new() { Fault = "hall-intermittent", Interlock = FaultCode.StrokeSensorImplausible,
                Accepted = new[] { FaultCode.None, FaultCode.StrokeSensorImplausible, FaultCode.Overspeed, FaultCode.HallSensorSilent },
                Onset = InjectionOnset.None, DeadlineMs = _ => 0, Weight = 1, ParameterNames = new[] { "off", "period" },
                Draw = r => new[] { 0.5 + r.NextDouble() * 9.5, 20 + r.NextDouble() * 180 } },
        // A slipped pot wiper is invisible to the firmware at a fixed depth (it servos to the reading), so the design
        // budgets it: the depth tolerance (0.05 mm) less the drawn pens' own calibrated error (up to 0.017 mm over seed 1's
        // 50 pens, docs/safety/interlocks.md) leaves 0.033 mm, 40 counts at the pot's 1233 counts/mm (200..3900 counts
        // over 3.0 mm of travel, DepthActuatorParameters). Within it no reaction is required and the ground-truth depth
        // verdict must hold; a larger slip is open (docs/safety/interlocks.md, "Open over the population").
        new() { Fault = "pot-offset", Interlock = FaultCode.None,
                Accepted = new[] { FaultCode.None, FaultCode.DepthActuatorFault, FaultCode.DepthAboveLimit },
                Onset = InjectionOnset.None, DeadlineMs = _ => 0, ParameterNames = new[] { "counts" }, Draw = r => new[] { Math.Round(-PotSlipBudgetCounts + r.NextDouble() * 2 * PotSlipBudgetCounts) } },
        // Only the window watchdog, on its own oscillator, can see the processor's clock run wrong (the firmware's clock
        // check counts ticks on the same clock). Kicks every 30 ms of that clock: guaranteed early beyond +57 %
        // (30 / 19.1 ms), guaranteed late beyond −53 % (30 / 63.3 ms); in between it depends on the part. A kick just
        // after the onset may still fall inside the window, so the cut comes within two windows of it.
        new() { Fault = "mcu-clock-drift", Interlock = FaultCode.HardwareChannelCut,
                Accepted = new[] { FaultCode.HardwareChannelCut, FaultCode.None, FaultCode.ControlLoopOverrun, FaultCode.Overspeed, FaultCode.HallSensorSilent, FaultCode.CartridgeJam, FaultCode.CurrentSensorImplausible },
                Onset = InjectionOnset.FirstDrive, Claims = SafetyChannel.Hardware, DeadlineMs = _ => 2 * WatchdogUpperMaxMs + HardwareGateMs,
                HardwareDeadlineMs = _ => 2 * WatchdogUpperMaxMs + HardwareGateMs,
                ParameterNames = new[] { "percent" }, Draw = r => new[] { r.NextDouble() < 0.5 ? Math.Round(60 + r.NextDouble() * 90) : Math.Round(-55 - r.NextDouble() * 20) } },
        // Full duty whatever the PWM, only while the driver is awake: a reaction is needed once the true rate passes the
        // overspeed bound. The firmware measures over 200 ms spans and the relative bound persists 300 ms: deadline
        // span + persistence + one span end late (50 ms) + loop reaction. nSLEEP low stops the drive (DRV8876 sleep).
        // A stuck-on bridge cannot brake (it drives whatever EN says): the gate sees the rotor keep stroking under brake
        // (SafetyLimits.BrakeMaxStrokes) and sleeps, so the rotor coasts down from there: coast run-down, not brake.
        new() { Fault = "driver-stuck-on", Interlock = FaultCode.Overspeed, Accepted = new[] { FaultCode.Overspeed },
                Onset = InjectionOnset.TrueOverspeed, WindowSeconds = 1.5, RunDownMs = CoastRunDownMs,
                DeadlineMs = _ => (new SafetyLimits().OverspeedSpanMicros + new SafetyLimits().OverspeedRelativeMicros + 50000 + FaultCatalog.LoopReactionMicros) / 1000.0 },
        // The actuator runs to its far stop at 40 mm/s: from 0.3 mm deeper than set, the deeper-than-commanded check needs
        // two ticks (the pot filter adds up to 5 ms), then the loop reaction; the cartridge-limit check may come first.
        // Nothing on the pen can stop the actuator itself (neither channel gates its drive): the needle goes deeper than
        // set until it stops, so the depth is reported, and the verdict is the needle's stop (no entry after the needle
        // deadline). A residual risk in docs/safety/interlocks.md.
        new() { Fault = "actuator-runaway", Interlock = FaultCode.DepthActuatorFault,
                Accepted = new[] { FaultCode.DepthActuatorFault, FaultCode.DepthAboveLimit, FaultCode.None },
                Onset = InjectionOnset.DepthBeyondSet,
                // 40 mm/s is 0.3 mm in 7.5 ms: the needle is past set + 0.05 mm before the pot can show it, and the rotor's
                // brake run-down lets it stroke on toward the far stop; the needle-entry deadline judges this hazard.
                JudgeDepthAgainstSet = false,
                DeadlineMs = _ => (2 * PenFirmware.TickPeriodMicros + 5000 + FaultCatalog.LoopReactionMicros) / 1000.0 },
        // Extra friction short of a stall: the winding current rises and I²t accumulates. Deadline from the true budget
        // crossing: the current-sense error (a few %) delays the firmware's own I²t, and at up to 2 A it adds 50 % of the
        // budget in 250 ms, which the winding's thermal margin covers (docs/safety/interlocks.md). A stall is a jam.
        new() { Fault = "partial-jam", Interlock = FaultCode.Overload, Accepted = new[] { FaultCode.Overload, FaultCode.CartridgeJam },
                Onset = InjectionOnset.TrueOverload, WindowSeconds = 3.0, Weight = 1, DeadlineMs = _ => 250,
                ParameterNames = new[] { "torque" }, Draw = r => new[] { 0.003 + r.NextDouble() * 0.004 } },
        // A faded, high-resistance pack: 6.18-6.45 V at rest (some refused at the 6.2 V start limit), 0.4-0.8 V less at the
        // 0.2 A a 16-needle cartridge draws at 1 mm: mostly below
        // 6.0 V under load; the runs that stay above are controls.
        // As with battery-sag, a supply that cannot drive current may first meet the current-sense plausibility check.
        new() { Fault = "battery-aged", Interlock = FaultCode.UnderVoltage,
                Accepted = new[] { FaultCode.UnderVoltage, FaultCode.DriverFault, FaultCode.BatterySenseImplausible, FaultCode.CurrentSensorImplausible, FaultCode.None },
                // The load ripples with each puncture, so the voltage crosses the threshold within a stroke: one 10 ms sample
                // may still read above it after the true onset (deadline one tick longer than a clean collapse).
                Onset = InjectionOnset.BatteryBelowThreshold, DeadlineMs = _ => Ms(FaultCode.UnderVoltage) + 2 * PenFirmware.TickPeriodMicros / 1000.0,
                ParameterNames = new[] { "soc", "ohms" }, Draw = r => new[] { 0.02 + r.NextDouble() * 0.03, 2.0 + r.NextDouble() * 2.0 } },
    };
}
