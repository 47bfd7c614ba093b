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
               (channel != null
                   ? "Exit 0 = calibrated and verified, 1 = rejected (previous calibration kept), 2 = bad option or precondition, 3 = no pen answered.\n"
                   : "Exit 0 = within tolerance, 1 = out of tolerance, 2 = bad option or precondition, 3 = no pen answered.\n") +
               $"Examples:  mnpen calibrate {name} --target sim --reference sim --json\n" +
               $"           mnpen calibrate {name} --target serial:/dev/ttyACM0 --key KEYFILE --reference prompt";
    }

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
