using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Platform;

namespace MnPen.Hal.Simulator;

/// <summary>How a virtual board starts: noise seed, skin, battery charge, ambient temperature and physical parameters.</summary>
public sealed class SimOptions
{
    /// <summary>Seed of every noise source; the same seed and the same calls give a bit-identical run.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Skin the needles work against.</summary>
    public SkinProfile Skin { get; set; } = SkinProfile.Nominal;

    /// <summary>Battery state of charge, 0..1 (1 = 8.4 V full pack).</summary>
    public double BatteryStateOfCharge { get; set; } = 0.9;

    /// <summary>Ambient (room) temperature, °C; the pen starts in equilibrium with it.</summary>
    public double AmbientCelsius { get; set; } = 22.0;

    /// <summary>Physical parameters; null = the reference pen (SimParameters.Default()). The board keeps its own copy.</summary>
    public SimParameters? Parameters { get; set; }

    /// <summary>Processor and runtime around the firmware's loop (docs/simulator.md, "Platform"); null = <see cref="PlatformKind"/> Ideal.</summary>
    public PlatformParameters? Platform { get; set; }

    /// <summary>
    /// The hardware protective channel is fitted (docs/hardware.md): false = a bench board whose MCU pins reach the bridge
    /// straight (physics tests and the factory jig drive the bridge directly); the virtual pen fits it.
    /// </summary>
    public bool HardwareChannel { get; set; }

    /// <summary>Contact bounce on each button press and release, microseconds (0 = clean edges).</summary>
    public int ButtonBounceMicros { get; set; }
}
