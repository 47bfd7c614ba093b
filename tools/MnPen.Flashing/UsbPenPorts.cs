namespace MnPen.Flashing;

/// <summary>
/// Finds the pens plugged in over USB on Linux, from sysfs (/sys/class/tty/NAME/device is the USB interface; its parent,
/// the USB device, holds idVendor and idProduct; the device's parent is the hub). A pen shows two serial devices behind its
/// 2-port hub (docs/hardware.md, "Changes"): the ESP32-S3's native USB Serial/JTAG (Espressif VID 0x303A, PID 0x1001) that
/// nanoff uses, and the CP2102N-class USB-UART bridge (Silicon Labs VID 0x10C4, PID 0xEA60) that speaks the MnPen protocol.
/// </summary>
public static class UsbPenPorts
{
    /// <summary>Espressif's USB vendor id.</summary>
    public const string VendorId = "303a";

    /// <summary>The ESP32-S3 native USB Serial/JTAG product id.</summary>
    public const string ProductId = "1001";

    /// <summary>USB id of the protocol bridge (CP210x).</summary>
    public const string BridgeVendorId = "10c4", BridgeProductId = "ea60";

    /// <summary>Connected pens sorted by native port; sysfsRoot and devRoot are "/sys" and "/dev" except in tests.</summary>
    public static IReadOnlyList<UsbPen> Find(string sysfsRoot = "/sys", string devRoot = "/dev")
    {
        var ttys = Scan(sysfsRoot);
        var pens = new List<UsbPen>();
        foreach (var (name, usb, id) in ttys.Where(t => t.Id == VendorId + ":" + ProductId))
        {
            string hub = Path.GetDirectoryName(usb) ?? "";
            var bridge = ttys.FirstOrDefault(t => t.Id == BridgeVendorId + ":" + BridgeProductId && Path.GetDirectoryName(t.Usb) == hub);
            pens.Add(new UsbPen(Path.Combine(devRoot, name), bridge.Name == null ? null : Path.Combine(devRoot, bridge.Name)));
        }
        pens.Sort((a, b) => string.CompareOrdinal(a.NanoffPort, b.NanoffPort));
        return pens;
    }

    /// <summary>The protocol port behind the same hub as a native port, or null when sysfs does not tell.</summary>
    public static string? ProtocolPortFor(string nanoffPort, string sysfsRoot = "/sys", string devRoot = "/dev") =>
        Find(sysfsRoot, devRoot).FirstOrDefault(p => p.NanoffPort == nanoffPort)?.ProtocolPort;

    private static List<(string Name, string Usb, string Id)> Scan(string sysfsRoot)
    {
        var found = new List<(string, string, string)>();
        var ttys = Path.Combine(sysfsRoot, "class", "tty");
        if (!Directory.Exists(ttys)) return found;
        foreach (var entry in Directory.GetFileSystemEntries(ttys))
        {
            var device = new DirectoryInfo(Path.Combine(entry, "device"));
            if (!device.Exists) continue;
            string iface = device.ResolveLinkTarget(true)?.FullName ?? device.FullName;
            string? usb = Path.GetDirectoryName(iface);
            if (usb == null) continue;
            string? vendor = Read(Path.Combine(usb, "idVendor")), product = Read(Path.Combine(usb, "idProduct"));
            if (vendor != null && product != null) found.Add((Path.GetFileName(entry), usb, vendor + ":" + product));
        }
        return found;
    }

    private static string? Read(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim().ToLowerInvariant() : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
