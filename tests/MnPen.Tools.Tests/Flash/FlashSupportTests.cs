using System.Xml.Linq;
using MnPen.Flashing;
using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Flash;

/// <summary>Finding connected pens, the native assemblies the app needs, and the dry run of the built tool.</summary>
public sealed class FlashSupportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mnpen-sysfs-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void UsbTty(string name, string hub, string vendor, string product)
    {
        var usb = Path.Combine(_dir, "devices", "usb1", hub, name + "-dev");
        var iface = Path.Combine(usb, "1:1.0");
        Directory.CreateDirectory(iface);
        File.WriteAllText(Path.Combine(usb, "idVendor"), vendor + "\n");
        File.WriteAllText(Path.Combine(usb, "idProduct"), product + "\n");
        var tty = Path.Combine(_dir, "class", "tty", name);
        Directory.CreateDirectory(tty);
        File.CreateSymbolicLink(Path.Combine(tty, "device"), iface);
    }

    [UnixFact]
    public void Connected_pens_are_the_ESP32_S3_native_USB_ports_each_with_the_protocol_bridge_behind_its_hub()
    {
        UsbTty("ttyACM1", "1-2", "303a", "1001");
        UsbTty("ttyUSB1", "1-2", "10c4", "ea60");
        UsbTty("ttyACM0", "1-1", "303A", "1001");
        UsbTty("ttyUSB0", "1-1", "10C4", "EA60");
        UsbTty("ttyACM2", "1-3", "303a", "1001");   // a bare ESP32-S3 board: no bridge behind its hub
        UsbTty("ttyUSB7", "1-4", "10c4", "ea60");   // a lone CP2102 adapter: not a pen
        UsbTty("ttyACM9", "1-5", "303a", "4001");   // an S3 running TinyUSB: not the pen's native USB id
        Directory.CreateDirectory(Path.Combine(_dir, "class", "tty", "ttyS0"));   // no device link

        Assert.Equal(new[]
        {
            new UsbPen("/dev/ttyACM0", "/dev/ttyUSB0"),
            new UsbPen("/dev/ttyACM1", "/dev/ttyUSB1"),
            new UsbPen("/dev/ttyACM2", null),
        }, UsbPenPorts.Find(_dir, "/dev"));
        Assert.Equal("/dev/ttyUSB1", UsbPenPorts.ProtocolPortFor("/dev/ttyACM1", _dir, "/dev"));
    }

    [Fact]
    public void The_native_assemblies_checked_are_those_of_the_device_projects_packages()
    {
        var ids = new[] { "firmware/MnPen.Firmware.Device/packages.config", "hal/MnPen.Hal.Esp32/packages.config" }
            .SelectMany(p => XDocument.Load(Path.Combine(TestPaths.RepoRoot, p)).Descendants("package").Select(e => (string)e.Attribute("id")!))
            .Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
        var covered = NativeAssemblies.ByPackage.Keys.Concat(NativeAssemblies.ManagedOnlyPackages).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.Equal(ids, covered);
        if (TestPaths.Listings is { } listings)
            foreach (var (package, assembly) in NativeAssemblies.ByPackage)
                Assert.Contains("# assembly: " + assembly + "\n", File.ReadAllText(Path.Combine(listings, package + ".txt")).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_required_native_assembly_has_the_checksum_the_interpreter_registers_for_its_package_version()
    {
        Assert.Equal(NativeAssemblies.Required, NativeAssemblies.Expected.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList());
        string nanoclr = Path.Combine(TestPaths.RepoRoot, "..", "shared", "nanoclr", "bin", "nanoclr");
        if (!File.Exists(nanoclr)) return;   // a checkout without ../shared: the table stands as written
        var psi = new System.Diagnostics.ProcessStartInfo(nanoclr, "--natives") { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        string listing = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        foreach (var e in NativeAssemblies.Expected.Values)
            Assert.Contains($"{e.Name} 0x{e.Checksum:X8} {e.Version}", listing);
        // The same listing in nanoff's format passes the post-flash check; one changed checksum fails it.
        string details = string.Join("\n", NativeAssemblies.Expected.Values.Select(e => $"  {e.Name} v{e.Version}, checksum 0x{e.Checksum:X8}"));
        Assert.Empty(NativeAssemblies.Problems(details));
        Assert.Single(NativeAssemblies.Problems(details.Replace("0x1549C856", "0x1549C857", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dry_run_without_a_built_image_names_the_exact_nanoff_commands_with_the_octal_PSRAM_image()
    {
        var r = BuiltTool.Run(new[] { "flash", "--port", "/dev/ttyACM0", "--dry-run", "--nanoff", "/opt/nanoff/nanoff" });
        Assert.True(r.Exit == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("nanoff flash --target ESP32_S3_ALL --serialport /dev/ttyACM0", lines);
        Assert.Contains("nanoff deploy --target ESP32_S3_ALL --serialport /dev/ttyACM0 --image firmware/MnPen.Firmware.Device/bin/Release/MnPen.Firmware.Device.bin", lines);
        Assert.Contains("nanoff details --serialport /dev/ttyACM0", lines);
        Assert.Contains(lines, l => l.StartsWith("# 1. back up calibration, settings and event log", StringComparison.Ordinal));
        Assert.Contains("not built yet", r.Stderr);
    }
}
