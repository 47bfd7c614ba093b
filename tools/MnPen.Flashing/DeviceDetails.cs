using System.Text.RegularExpressions;

namespace MnPen.Flashing;

/// <summary>What `nanoff details` says about the firmware: its version and the image it runs (from the nanoCLR / firmware build line).</summary>
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

    /// <summary>The image (target) name the device says it runs ("nanoCLR running @ ESP32_S3_ALL"), or null.</summary>
    public static string? RunningTarget(string detailsOutput)
    {
        var m = Target().Match(detailsOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"running @ ([A-Za-z0-9_]+)")]
    private static partial Regex Target();

    [GeneratedRegex(@"(?i)nanoCLR|firmware|build info")]
    private static partial Regex Firmware();

    [GeneratedRegex(@"\b\d+\.\d+\.\d+\.\d+\b")]
    private static partial Regex Version();
}
