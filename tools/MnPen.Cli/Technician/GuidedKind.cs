using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.VirtualPen.Serve;

namespace MnPen.Cli.Technician;

/// <summary>One guided procedure of `mnpen calibrate`: its name, reference instrument, simulated instrument and help.</summary>
public sealed class GuidedKind
{
    /// <summary>Depth: map rebuilt and written (DepthCalibration).</summary>
    public static readonly GuidedKind Depth = new("depth", "depth gauge", s => new SimDepthGauge(s), null, "");

    /// <summary>Stroke rate at every level against a tachometer (verification).</summary>
    public static readonly GuidedKind Rate = new("rate", "tachometer", SimInstrument.Tachometer, ReadingQuantity.Rate,
        "Stroke-rate check at every rate level against a tachometer, motor running in air (service mode, cartridge fitted),\n" +
        "±1 % per level. The rate loop closes on the Hall count (one stroke per revolution), so there is no scale to write:\n" +
        "this verifies the pen and certifies it; nothing in the pen changes.\n");

    /// <summary>Motor current sense against known loads (brake and ammeter): offset and gain fitted and written.</summary>
    public static readonly GuidedKind Current = new("current", "ammeter", s => new SimLoadBench(s), null,
        "Current-sense calibration against known loads: a bench brake on the motor and an ammeter in series with it\n" +
        "(service mode, cartridge fitted, motor stopped). Reads the pen and the ammeter at rest (0 A) and with the motor at\n" +
        "rate level 3 against the brake set for about 0.1, 0.2, 0.3 and 0.45 A (5 readings, each averaged over 2 s);\n" +
        "fits offset and gain (both readings must rise with the load), writes them, reads back, logs, restarts and verifies\n" +
        $"at 0, 0.15 and 0.4 A within ±{CurrentCalibration.ToleranceAmps} A (the 2.15 A overcurrent trip reads within 2.13..2.17 A,\n" +
        "docs/safety/sensing-budget.md); otherwise the previous calibration is restored byte for byte. With --reference prompt\n" +
        "or FILE, set the brake when asked; a FILE lists the ammeter readings numbered 1-8 (1-5 for the fit, 6-8 for the check).\n" +
        "The motor's resistance and back-EMF constant are fitted again from the loaded points in the new current scale (the\n" +
        "pen judges its motor by duty·V − I·R = kₑ·ω in its own readings): calibrate the battery first, then the current.\n",
        null);

    /// <summary>Motor auto-tune: resistance and back-EMF constant from test pulses (tachometer and brake), gains derived, written and verified.</summary>
    public static readonly GuidedKind Motor = new("motor", "tachometer", s => new SimMotorBench(s), null,
        "Motor auto-tune, as motor controllers do at detection (after a motor is replaced, or when the rate drifts):\n" +
        "test pulses over the protocol (service mode, cartridge fitted, motor stopped, needle in air) at every rate level\n" +
        $"in air and at level {MotorCalibration.LoadedLevelIndex + 1} against the bench brake set for about 0.1, 0.2 and 0.3 A more, each read by\n" +
        "the tachometer (4 s gate). Fits duty·V = R·I + kₑ·ω (least squares, residuals shown; the pen's own current and\n" +
        "supply readings, as its firmware will use them), shows the rate-loop gains the firmware derives from kₑ (Kp, Ki\n" +
        "and the load catch-up scale with kₑ / 0.0052) beside the previous ones, writes R and kₑ, reads back, logs,\n" +
        $"restarts and verifies every level against the rate targets: the tachometer within ±{MotorCalibration.RateTolerance:P0} of the level.\n" +
        $"Rejected before writing when the fit is outside the motor's bounds, leaves more than {MotorCalibration.MaxResidualVolts} V of residual,\n" +
        "the brake raised the current by less than 0.2 A, or the motor needs more than the low-battery warning's 6.6 V\n" +
        "for the top level in air; after writing, a failed check restores the previous calibration byte for byte.\n" +
        "With --reference prompt or FILE, set the brake by hand when asked; a FILE lists the tachometer readings\n" +
        "numbered 1-9 (test pulses) and 10-15 (checks). --target sim serves a pen whose sensing is calibrated and whose\n" +
        "motor was replaced by one with a 10 % lower kₑ and 12 % more resistance than its record says.\n",
        null);

    /// <summary>Handpiece thermistor against a reference thermometer: rail counts fitted and written.</summary>
    public static readonly GuidedKind Thermistor = new("thermistor", "reference thermometer", SimInstrument.Thermometer, null,
        "Handpiece thermistor calibration against a reference thermometer on the grip, pen at rest and soaked at room\n" +
        "temperature (service mode, motor stopped). Reads pen and thermometer 5 times, fits the pen's thermistor rail counts\n" +
        "(its ESP32-S3 ADC's scale of the 3.3 V rail), writes them, reads back, logs, restarts and verifies 5 more readings\n" +
        "within ±0.3 °C; otherwise the previous calibration is restored byte for byte (docs/safety/sensing-budget.md).\n" +
        "A FILE reference lists readings numbered 1-10 (1-5 before the fit, 6-10 for the check).\n",
        SensingChannel.Thermistor);

    /// <summary>Battery sense against a voltmeter on the terminals: mV per count fitted and written.</summary>
    public static readonly GuidedKind Battery = new("battery", "supply voltmeter", SimInstrument.Voltmeter, null,
        "Battery-sense calibration against a voltmeter on the battery terminals, pen at rest (service mode, motor stopped).\n" +
        "Reads pen and voltmeter 5 times, fits the pen's battery millivolts per count (divider and ADC reference together),\n" +
        "writes, reads back, logs, restarts and verifies 5 more readings within ±0.03 V; otherwise the previous calibration\n" +
        "is restored byte for byte (docs/safety/sensing-budget.md). A FILE reference lists readings numbered 1-10.\n",
        SensingChannel.Battery);

    private GuidedKind(string name, string instrument, Func<PenServer, IReferenceInstrument> simulated, Func<ReadingQuantity>? quantity, string help,
        Func<SensingChannel>? channel = null)
    {
        Channel = channel;
        Name = name;
        Instrument = instrument;
        Simulated = simulated;
        Quantity = quantity;
        Help = help +
               "Preconditions are all checked and all reported; a certificate (JSON and HTML) is written either way.\n" +
               Interrupted(quantity == null) +
               (quantity == null
                   ? "Exit 0 = calibrated and verified, 1 = rejected (previous calibration kept), 2 = bad option or precondition, 3 = no pen answered,\n"
                   : "Exit 0 = within tolerance, 1 = out of tolerance, 2 = bad option or precondition, 3 = no pen answered,\n") +
               "130 = interrupted (Ctrl+C or SIGTERM).\n" +
               $"Examples:  mnpen calibrate {name} --target sim --reference sim --json\n" +
               $"           mnpen calibrate {name} --target serial:/dev/ttyACM0 --key @pen.key --reference prompt";
    }

    /// <summary>What Ctrl+C and SIGTERM do, in the help of a procedure that writes (or only reads).</summary>
    public static string Interrupted(bool writes) => writes
        ? "Ctrl+C or SIGTERM stops it at the next step: the motor is stopped, a calibration already written is replaced by\n" +
          "the previous one byte for byte, the pen's calibration is read back and compared with the one it had before, and\n" +
          "the outcome says so (no certificate).\n"
        : "Ctrl+C or SIGTERM stops it at the next step: the motor is stopped and the outcome says so (no certificate).\n";

    /// <summary>Subcommand name.</summary>
    public string Name { get; }

    /// <summary>Reference instrument, in words.</summary>
    public string Instrument { get; }

    /// <summary>The simulated instrument for --reference sim.</summary>
    public Func<PenServer, IReferenceInstrument> Simulated { get; }

    /// <summary>The sensing channel calibrated (thermistor, battery), or null.</summary>
    public Func<SensingChannel>? Channel { get; }

    /// <summary>The quantity checked (null for depth and the sensing channels, which have their own procedures).</summary>
    public Func<ReadingQuantity>? Quantity { get; }

    /// <summary>Help text.</summary>
    public string Help { get; }
}
