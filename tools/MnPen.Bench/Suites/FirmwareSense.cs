namespace MnPen.Bench.Suites;

/// <summary>The firmware's hazard sensing that <see cref="BlindFirmware"/> can blind, one input per firmware control (flags).</summary>
[Flags]
public enum FirmwareSense
{
    /// <summary>Nothing blinded.</summary>
    None = 0,
    /// <summary>Cartridge presence switch reads "seated".</summary>
    Cartridge = 1,
    /// <summary>Thermistor reads 25 °C.</summary>
    Thermistor = 2,
    /// <summary>nFAULT reads "no fault".</summary>
    DriverFault = 4,
    /// <summary>The gated nSLEEP read-back echoes the command (the hardware channel's cut goes unseen).</summary>
    EnableSense = 8,
    /// <summary>Everything above: the known-bad firmware of `--channel hardware`.</summary>
    All = Cartridge | Thermistor | DriverFault | EnableSense,
}
