using MnPen.Firmware;

namespace MnPen.Bench.Runner;

/// <summary>What identifies a run for reproduction: the firmware under test's version, as the pen reports it.</summary>
public static class RunIdentity
{
    /// <summary>PenFirmware.FirmwareVersion as major.minor.patch (the same text the pen's protocol hello carries).</summary>
    public static string FirmwareVersion
    {
        get
        {
            uint v = PenFirmware.FirmwareVersion;
            return ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
        }
    }
}
