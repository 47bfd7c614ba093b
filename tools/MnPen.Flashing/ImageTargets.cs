namespace MnPen.Flashing;

/// <summary>
/// nanoFramework firmware images (nanoff "target" names) and which of them fit the reference board: an
/// ESP32-S3-WROOM-1-N8R8 (8 MB quad flash, 8 MB OCTAL PSRAM) on native USB (docs/hardware.md), with a 1-Wire cartridge memory.
/// Source of the image contents: nanoframework/nf-interpreter targets/ESP32/CMakePresets.json — ESP32_S3_ALL is built from
/// sdkconfig.default_octal_ble.esp32s3 with ESP32_USB_CDC and API_nanoFramework.Device.OneWire ON; ESP32_S3 and
/// ESP32_S3_BLE use the quad-PSRAM sdkconfigs; the *_UART images have no USB CDC. Later firmware (1.17.x on the
/// nanoFramework image feed) names the octal image ESP32_S3_OCTAL and the quad one ESP32_S3_QUAD
/// (nanoframework/nanoFirmwareFlasher README: "For ESP32-S3 targets, nanoff defaults to ESP32_S3_OCTAL").
/// </summary>
public static class ImageTargets
{
    /// <summary>The image the reference board needs (octal PSRAM, USB CDC, 1-Wire).</summary>
    public const string Default = "ESP32_S3_ALL";

    /// <summary>Images that run on the reference board.</summary>
    public static readonly IReadOnlyList<string> Suitable = new[] { "ESP32_S3_ALL", "ESP32_S3_OCTAL" };

    /// <summary>Known ESP32-S3 images that do not fit the pen, with the reason.</summary>
    private static readonly Dictionary<string, string> Unsuitable = new(StringComparer.Ordinal)
    {
        ["ESP32_S3"] = "is built for quad PSRAM (the pen's module has octal PSRAM) and lacks the 1-Wire native assembly",
        ["ESP32_S3_QUAD"] = "is built for quad PSRAM; the pen's ESP32-S3-WROOM-1-N8R8 has octal PSRAM",
        ["ESP32_S3_BLE"] = "is built for quad PSRAM; the pen's ESP32-S3-WROOM-1-N8R8 has octal PSRAM",
        ["ESP32_S3_BLE_UART"] = "is built for quad PSRAM and talks over a UART, not the pen's native USB",
        ["ESP32_S3_ALL_UART"] = "talks over a UART, not the pen's native USB",
        ["AtomS3"] = "is built for the M5Stack AtomS3 (no 1-Wire, no PSRAM)",
    };

    /// <summary>Null when name is an image for the pen, else what is wrong and what to write.</summary>
    public static string? Problem(string name)
    {
        if (Suitable.Contains(name)) return null;
        string use = $"use {Default} (or {Suitable[1]} with later firmware)";
        if (Unsuitable.TryGetValue(name, out var why)) return $"--image-target {name} {why}; {use}";
        if (name.StartsWith("serial:", StringComparison.Ordinal) || name.StartsWith("tcp://", StringComparison.Ordinal) || name.StartsWith('/'))
            return $"--image-target names a nanoFramework firmware image, not a pen; the pen's port goes in --port; {use}";
        return $"--image-target {name} is not a nanoFramework image for the pen's ESP32-S3; {use}";
    }
}
