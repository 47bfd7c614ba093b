namespace MnPen.Flashing;

/// <summary>
/// Finds the pens plugged in over USB on Linux: serial devices whose USB device is the ESP32-S3's native USB
/// (Espressif VID 0x303A, PID 0x1001: USB Serial/JTAG controller, ESP32-S3 TRM §33 / esp-usb's default descriptor), read
/// from sysfs (/sys/class/tty/NAME/device is the USB interface; its parent holds idVendor and idProduct).
/// </summary>
public static class UsbPenPorts
{
    /// <summary>Espressif's USB vendor id.</summary>
    public const string VendorId = "303a";

    /// <summary>The ESP32-S3 native USB Serial/JTAG product id.</summary>
    public const string ProductId = "1001";

    /// <summary>Device paths (/dev/ttyACM0, ...) of connected pens, sorted; sysfsRoot and devRoot are "/sys" and "/dev" except in tests.</summary>
    public static IReadOnlyList<string> Find(string sysfsRoot = "/sys", string devRoot = "/dev")
    {
        var found = new List<string>();
        var ttys = Path.Combine(sysfsRoot, "class", "tty");
        if (!Directory.Exists(ttys)) return found;
        foreach (var entry in Directory.GetFileSystemEntries(ttys))
        {
            string name = Path.GetFileName(entry);
            var device = new DirectoryInfo(Path.Combine(entry, "device"));
            if (!device.Exists) continue;
            string iface = device.ResolveLinkTarget(true)?.FullName ?? device.FullName;
            string? usb = Path.GetDirectoryName(iface);
            if (usb == null) continue;
            if (Read(Path.Combine(usb, "idVendor")) == VendorId && Read(Path.Combine(usb, "idProduct")) == ProductId)
                found.Add(Path.Combine(devRoot, name));
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static string? Read(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim().ToLowerInvariant() : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
