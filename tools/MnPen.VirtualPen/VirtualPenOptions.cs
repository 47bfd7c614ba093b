using MnPen.Hal.Simulator;
using MnPen.Storage;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;
using MnPen.Hal.Simulator.Platform;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen;

/// <summary>How a virtual pen is built: simulator seed and conditions, cartridge, calibration and loop settings.</summary>
public sealed class VirtualPenOptions
{
    /// <summary>Simulator seed (noise, part variation); the same seed and actions give a bit-identical run.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Skin the needles work against at the start.</summary>
    public SkinProfile Skin { get; set; } = SkinProfile.Nominal;

    /// <summary>Battery state of charge at the start, 0..1.</summary>
    public double BatteryStateOfCharge { get; set; } = 0.9;

    /// <summary>Room temperature, degrees Celsius.</summary>
    public double AmbientCelsius { get; set; } = 22.0;

    /// <summary>Physical parameters; null = the reference pen.</summary>
    public SimParameters? Parameters { get; set; }

    /// <summary>Cartridge seated at power-on (a kind from CartridgeKinds.Names), or null for none.</summary>
    public string? Cartridge { get; set; } = CartridgeKinds.New;

    /// <summary>Measure and store a factory calibration before boot (false = a pen that was never calibrated).</summary>
    public bool FactoryCalibration { get; set; } = true;

    /// <summary>
    /// With FactoryCalibration: the calibration to store instead of measuring one on a twin (a population pen's own,
    /// measured once per pen and reused; or, as a known-bad, another pen's). Null = measure it.
    /// </summary>
    public Calibration? Calibration { get; set; }

    /// <summary>Firmware.Background() runs after every this many ticks (the device loop runs it after every tick).</summary>
    public int BackgroundEveryTicks { get; set; } = 1;

    /// <summary>
    /// Builds the firmware on the board at power-on and after each processor reset; null = the pen's firmware with its
    /// defaults. Tests use it for other configurations (the known-bad 1 kHz loop, tightened limits).
    /// </summary>
    public Func<MnPen.Hal.PenBoard, MnPen.Firmware.PenFirmware>? FirmwareFactory { get; set; }

    /// <summary>Processor and runtime under the firmware (docs/simulator.md, "Platform").</summary>
    public PlatformKind Platform { get; set; } = PlatformKind.Esp32Nf;

    /// <summary>Platform figures overriding those of <see cref="Platform"/> (tests); null = the platform's own.</summary>
    public PlatformParameters? PlatformParameters { get; set; }

    /// <summary>Pace simulated time to the wall clock: 0 = as fast as possible, 1 = real time, 2 = twice real time.</summary>
    public double RealTimeFactor { get; set; }

    /// <summary>The pen's hardware protective channel is fitted (false: the MCU's pins reach the bridge straight).</summary>
    public bool HardwareChannel { get; set; } = true;

    /// <summary>Builds the simulator options from these.</summary>
    public SimOptions ToSimOptions() => new()
    {
        Seed = Seed,
        Skin = Skin,
        BatteryStateOfCharge = BatteryStateOfCharge,
        AmbientCelsius = AmbientCelsius,
        Parameters = Parameters,
        Platform = PlatformParameters ?? MnPen.Hal.Simulator.Platform.PlatformParameters.For(Platform),
        HardwareChannel = HardwareChannel,
    };

    /// <summary>Options for a scenario: its seed, skin, battery, cartridge and calibration.</summary>
    public static VirtualPenOptions ForScenario(Scenario scenario)
    {
        var o = new VirtualPenOptions
        {
            Seed = scenario.Seed,
            Cartridge = scenario.Cartridge,
            FactoryCalibration = scenario.FactoryCalibration,
        };
        if (scenario.Skin != null) o.Skin = Enum.Parse<SkinProfile>(scenario.Skin, ignoreCase: true);
        if (scenario.PenParameters.Count > 0)
        {
            var p = SimParameters.Default();
            foreach (var setting in scenario.PenParameters) setting.ApplyTo(p);
            o.Parameters = p;
        }
        var battery = (o.Parameters ?? SimParameters.Default()).Battery;
        if (scenario.BatteryVolts is double v) o.BatteryStateOfCharge = Battery.StateOfChargeForOpenCircuitVolts(battery, v);
        if (scenario.BatteryPercent is double pct) o.BatteryStateOfCharge = pct / 100.0;
        return o;
    }
}
