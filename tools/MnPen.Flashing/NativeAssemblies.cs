namespace MnPen.Flashing;

/// <summary>
/// The native assemblies the pen app needs in the firmware image: one per nanoFramework package with native code that
/// firmware/MnPen.Firmware.Device and hal/MnPen.Hal.Esp32 reference in packages.config (assembly names from the package
/// listings in ../shared/nanoframework-api; a test keeps this list in step with packages.config). A firmware image that lacks
/// one (e.g. ESP32_S3 without nanoFramework.Device.OneWire) boots but cannot run the app.
/// </summary>
public static class NativeAssemblies
{
    /// <summary>Package id → native assembly name, for every package the device projects use that has native code.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByPackage = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nanoFramework.CoreLibrary"] = "mscorlib",
        ["nanoFramework.Device.OneWire"] = "nanoFramework.Device.OneWire",
        ["nanoFramework.Hardware.Esp32"] = "nanoFramework.Hardware.Esp32",
        ["nanoFramework.Runtime.Events"] = "nanoFramework.Runtime.Events",
        ["nanoFramework.Runtime.Native"] = "nanoFramework.Runtime.Native",
        ["nanoFramework.System.Device.Adc"] = "System.Device.Adc",
        ["nanoFramework.System.Device.Gpio"] = "System.Device.Gpio",
        ["nanoFramework.System.Device.Pwm"] = "System.Device.Pwm",
        ["nanoFramework.System.IO.FileSystem"] = "System.IO.FileSystem",
        ["nanoFramework.System.IO.Ports"] = "System.IO.Ports",
        ["nanoFramework.System.Math"] = "System.Math",
        ["nanoFramework.System.Text"] = "nanoFramework.System.Text",
    };

    /// <summary>
    /// Packages the device projects use that are managed code only (no native part to look for): System.IO.Streams has no
    /// API_ switch in nf-interpreter's CMakePresets.json and no native source folder.
    /// </summary>
    public static readonly IReadOnlyList<string> ManagedOnlyPackages = new[] { "nanoFramework.System.IO.Streams" };

    /// <summary>The native assemblies the app needs.</summary>
    public static IReadOnlyList<string> Required => ByPackage.Values.OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>Those of the required assemblies that `nanoff details` output does not list.</summary>
    public static IReadOnlyList<string> MissingFrom(string detailsOutput)
    {
        var words = new HashSet<string>(detailsOutput.Split(new[] { ' ', '\t', '\r', '\n', ',', ':', '(', ')', '[', ']' },
            StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return Required.Where(n => !words.Contains(n)).ToList();
    }
}
