using MnPen.Firmware;
using MnPen.Hal;

namespace MnPen.Bench.Suites;

/// <summary>
/// The known-bad firmware of `--channel hardware`: the real firmware fed a board whose hazard sensing lies (cartridge
/// always seated, driver never in fault, handpiece at 25 °C, the gated nSLEEP read-back echoing the command), so its
/// protective reactions to the hardware-claimed hazards never fire and only the hardware channel can stop the needle.
/// Its outputs, its loop timing and its window-watchdog kicks are the real firmware's.
/// </summary>
public static class BlindFirmware
{
    /// <summary>Firmware factory for VirtualPenOptions.FirmwareFactory: every hazard input blinded.</summary>
    public static PenFirmware Create(PenBoard real) => Create(real, FirmwareSense.All);

    /// <summary>A factory blinding only the given inputs (one firmware control switched off).</summary>
    public static Func<PenBoard, PenFirmware> Factory(FirmwareSense blinded) => real => Create(real, blinded);

    /// <summary>The firmware over a board whose given inputs lie.</summary>
    public static PenFirmware Create(PenBoard real, FirmwareSense blinded)
    {
        var blind = real.Copy();
        if ((blinded & FirmwareSense.EnableSense) != 0) blind.MotorEnableSense = new Echo(real.MotorEnable);
        if ((blinded & FirmwareSense.DriverFault) != 0) blind.MotorFaultN = new Level(true);
        // 10 kΩ NTC against its 10 kΩ pull-up reads half scale at 25 °C.
        if ((blinded & FirmwareSense.Thermistor) != 0) blind.Thermistor = new HalfScale(real.Thermistor);
        if ((blinded & FirmwareSense.Cartridge) != 0) blind.CartridgePresent = new Level(true);
        return new PenFirmware(blind);
    }

    private sealed class Level(bool level) : IDigitalInput
    {
        public bool Read() => level;
    }

    private sealed class Echo(IDigitalOutput output) : IDigitalInput
    {
        public bool Read() => output.ReadBack();
    }

    private sealed class HalfScale(IAdcChannel real) : IAdcChannel
    {
        public int ReadRaw() => real.MaxCount / 2;

        public int MaxCount => real.MaxCount;

        public int ReferenceMillivolts => real.ReferenceMillivolts;
    }
}
