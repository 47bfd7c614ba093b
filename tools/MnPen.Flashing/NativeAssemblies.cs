namespace MnPen.Flashing;

/// <summary>
/// The native assemblies the pen app needs in the firmware image: one per nanoFramework package with native code that
/// firmware/MnPen.Firmware.Device and hal/MnPen.Hal.Esp32 reference in packages.config (assembly names from the package
/// listings in ../shared/nanoframework-api; a test keeps this list in step with packages.config). A firmware image that lacks
/// one (e.g. ESP32_S3 without nanoFramework.Device.OneWire) boots but cannot run the app.
/// </summary>
public static partial class NativeAssemblies
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

    /// <summary>
    /// Native method checksum and version each required assembly must have on the pen for the package versions in
    /// packages.config: the interpreter refuses to load an assembly whose native checksum differs (it checks every
    /// assembly it loads). Figures from `../shared/nanoclr/bin/nanoclr --natives`, whose tables are built from the same
    /// package versions and checked against their checksums; a test compares this table with that output.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, NativeAssembly> Expected = new Dictionary<string, NativeAssembly>(StringComparer.Ordinal)
    {
        ["mscorlib"] = new("mscorlib", 0x1549C856, "100.5.0.24"),
        ["nanoFramework.Device.OneWire"] = new("nanoFramework.Device.OneWire", 0xB95C43B4, "100.0.4.0"),
        ["nanoFramework.Hardware.Esp32"] = new("nanoFramework.Hardware.Esp32", 0x6A20A689, "100.0.10.0"),
        ["nanoFramework.Runtime.Events"] = new("nanoFramework.Runtime.Events", 0x0EAB00C9, "100.0.8.0"),
        ["nanoFramework.Runtime.Native"] = new("nanoFramework.Runtime.Native", 0x0EAE898B, "100.0.10.0"),
        ["nanoFramework.System.Text"] = new("nanoFramework.System.Text", 0x8E6EB73D, "100.0.0.1"),
        ["System.Device.Adc"] = new("System.Device.Adc", 0xE5B80F0B, "100.0.0.0"),
        ["System.Device.Gpio"] = new("System.Device.Gpio", 0x097E7BC5, "100.1.0.6"),
        ["System.Device.Pwm"] = new("System.Device.Pwm", 0xABF532C3, "100.1.0.4"),
        ["System.IO.FileSystem"] = new("System.IO.FileSystem", 0x1777E2FE, "1.1.0.4"),
        ["System.IO.Ports"] = new("System.IO.Ports", 0xB798CE30, "100.1.6.1"),
        ["System.Math"] = new("System.Math", 0x9F9E2A7E, "100.0.5.5"),
    };

    /// <summary>The native assemblies the app needs.</summary>
    public static IReadOnlyList<string> Required => ByPackage.Values.OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>Those of the required assemblies that `nanoff details` output does not list.</summary>
    public static IReadOnlyList<string> MissingFrom(string detailsOutput)
    {
        var words = new HashSet<string>(detailsOutput.Split(new[] { ' ', '\t', '\r', '\n', ',', ':', '(', ')', '[', ']' },
            StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return Required.Where(n => !words.Contains(n)).ToList();
    }

    /// <summary>
    /// Every reason the firmware on the pen cannot run the app, from `nanoff details` output ("  name vX.Y.Z.W, checksum
    /// 0xHHHHHHHH" per native assembly): a required assembly missing, or present with another native checksum. Empty = fine.
    /// </summary>
    public static IReadOnlyList<string> Problems(string detailsOutput)
    {
        var listed = new Dictionary<string, (uint Checksum, string Version)>(StringComparer.Ordinal);
        foreach (var line in detailsOutput.Split('\n'))
        {
            var m = Listing().Match(line);
            if (m.Success) listed[m.Groups[1].Value] = (Convert.ToUInt32(m.Groups[3].Value, 16), m.Groups[2].Value);
        }
        var problems = new List<string>();
        var words = MissingFrom(detailsOutput);
        foreach (var name in Required)
        {
            var want = Expected[name];
            if (listed.TryGetValue(name, out var have))
            {
                if (have.Checksum != want.Checksum)
                    problems.Add($"{name} v{have.Version} has native checksum 0x{have.Checksum:X8}, the app's package needs 0x{want.Checksum:X8} (v{want.Version})");
            }
            else if (words.Contains(name))
            {
                problems.Add($"{name} is missing");
            }
            else
            {
                problems.Add($"{name} is listed without its native checksum; cannot tell whether the app can load it");
            }
        }
        return problems;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*([A-Za-z][\w.]*)\s+v(\d+(?:\.\d+){1,3}),\s*checksum\s+0x([0-9A-Fa-f]{1,8})\b")]
    private static partial System.Text.RegularExpressions.Regex Listing();
}

/// <summary>A native assembly as the firmware reports it: name, native method checksum, version.</summary>
public sealed record NativeAssembly(string Name, uint Checksum, string Version);
