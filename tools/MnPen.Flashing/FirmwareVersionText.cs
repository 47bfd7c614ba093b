using System.Text.RegularExpressions;

namespace MnPen.Flashing;

/// <summary>Checks a --fw-version value: a nanoFramework v1 firmware version such as 1.12.4.216.</summary>
public static partial class FirmwareVersionText
{
    /// <summary>Null when usable, else what is wrong.</summary>
    public static string? Problem(string version)
    {
        if (!Shape().IsMatch(version))
            return $"--fw-version '{version}' is not a firmware version; write four numbers such as --fw-version 1.12.4.216 (`nanoff list targets` shows the versions on offer), or leave it out for the latest stable";
        if (!version.StartsWith("1.", StringComparison.Ordinal))
            return $"--fw-version {version} is not a v1 firmware; the pen app is built against nanoFramework v1 packages (packages.config), so it needs v1 firmware (1.x.y.z)";
        return null;
    }

    [GeneratedRegex(@"^\d{1,4}\.\d{1,4}\.\d{1,4}(\.\d{1,6})?$")]
    private static partial Regex Shape();
}
