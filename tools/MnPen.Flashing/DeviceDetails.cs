using System.Text.RegularExpressions;

namespace MnPen.Flashing;

/// <summary>What `nanoff details` says about the firmware: its version (from the nanoCLR / firmware build line).</summary>
public static partial class DeviceDetails
{
    /// <summary>The firmware version the device reports, or null when the output names none.</summary>
    public static string? FirmwareVersion(string detailsOutput)
    {
        foreach (var line in detailsOutput.Split('\n'))
        {
            if (!Firmware().IsMatch(line)) continue;
            var m = Version().Match(line);
            if (m.Success) return m.Value;
        }
        return null;
    }

    [GeneratedRegex(@"(?i)nanoCLR|firmware|build info")]
    private static partial Regex Firmware();

    [GeneratedRegex(@"\b\d+\.\d+\.\d+\.\d+\b")]
    private static partial Regex Version();
}
