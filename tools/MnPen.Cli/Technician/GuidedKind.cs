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

    /// <summary>Handpiece thermistor against a reference thermometer (verification).</summary>
    public static readonly GuidedKind Thermistor = new("thermistor", "reference thermometer", SimInstrument.Thermometer, ReadingQuantity.Thermistor,
        "Handpiece thermistor check against a reference thermometer at room temperature, ±1.0 °C (NTC ±0.5 °C, divider and\n" +
        "ADC ±0.3 °C, thermometer ±0.2 °C). The pen's calibration holds no thermistor coefficients: nothing is written.\n");

    /// <summary>Battery sense against a voltmeter on the terminals (verification).</summary>
    public static readonly GuidedKind Battery = new("battery", "supply voltmeter", SimInstrument.Voltmeter, ReadingQuantity.Battery,
        "Battery-sense check against a voltmeter on the battery terminals at rest, ±0.05 V (divider ±0.04 V, ADC ±0.01 V,\n" +
        "voltmeter ±0.01 V). The pen's calibration holds no battery coefficients: nothing is written.\n");

    private GuidedKind(string name, string instrument, Func<PenServer, IReferenceInstrument> simulated, Func<ReadingQuantity>? quantity, string help)
    {
        Name = name;
        Instrument = instrument;
        Simulated = simulated;
        Quantity = quantity;
        Help = help +
               "Preconditions are all checked and all reported; a certificate (JSON and HTML) is written either way.\n" +
               "Exit 0 = within tolerance, 1 = out of tolerance, 2 = bad option or precondition, 3 = no pen answered.\n" +
               $"Examples:  mnpen calibrate {name} --target sim --reference sim --json\n" +
               $"           mnpen calibrate {name} --target serial:/dev/ttyACM0 --key KEYFILE --reference prompt";
    }

    /// <summary>Subcommand name.</summary>
    public string Name { get; }

    /// <summary>Reference instrument, in words.</summary>
    public string Instrument { get; }

    /// <summary>The simulated instrument for --reference sim.</summary>
    public Func<PenServer, IReferenceInstrument> Simulated { get; }

    /// <summary>The quantity checked (null for depth, which has its own procedure).</summary>
    public Func<ReadingQuantity>? Quantity { get; }

    /// <summary>Help text.</summary>
    public string Help { get; }
}
