using MnPen.Flashing;

namespace MnPen.Tools.Tests.Flash;

/// <summary>nanoff command lines built by `mnpen flash`, and its error messages.</summary>
public sealed class NanoffPlannerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mnpen-flash-" + Guid.NewGuid().ToString("N"));

    public NanoffPlannerTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string Image()
    {
        var path = Path.Combine(_dir, NanoffPlanner.AppImageName);
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        return path;
    }

    [Fact]
    public void Full_flash_updates_the_ESP32_S3_firmware_then_deploys_the_app_image()
    {
        var image = Image();
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "/dev/ttyACM0", Image = _dir });
        Assert.Null(error);
        Assert.Equal(2, plan.Count);
        Assert.Equal(new[] { "--target", "ESP32_S3", "--serialport", "/dev/ttyACM0", "--update" }, plan[0]);
        Assert.Equal(new[] { "--target", "ESP32_S3", "--serialport", "/dev/ttyACM0", "--deploy", "--image", image }, plan[1]);
    }

    [Fact]
    public void Firmware_only_with_version_and_mass_erase_needs_no_image()
    {
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Application = false, FirmwareVersion = "1.12.4.216", MassErase = true });
        Assert.Null(error);
        var only = Assert.Single(plan);
        Assert.Equal(new[] { "--target", "ESP32_S3", "--serialport", "COM5", "--update", "--fwversion", "1.12.4.216", "--masserase" }, only);
    }

    [Fact]
    public void App_only_deploys_without_touching_the_firmware()
    {
        var image = Image();
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Firmware = false, Image = image, Target = "ESP32_S3_BLE" });
        Assert.Null(error);
        Assert.Equal(new[] { "--target", "ESP32_S3_BLE", "--serialport", "COM5", "--deploy", "--image", image }, Assert.Single(plan));
    }

    [Theory]
    [InlineData(null, "--port")]
    [InlineData("", "--port")]
    public void Missing_port_is_a_clear_error(string? port, string mention)
    {
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = port, Application = false });
        Assert.Empty(plan);
        Assert.Contains(mention, error);
    }

    [Fact]
    public void Missing_or_wrong_image_says_how_to_build_it()
    {
        var (_, none) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5" });
        Assert.Contains("--image", none);
        var (_, absent) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Image = Path.Combine(_dir, "nope.bin") });
        Assert.Contains("not found", absent);
        Assert.Contains("MnPen.Firmware.Device", absent);
        var (_, emptyFolder) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Image = _dir });
        Assert.Contains(NanoffPlanner.AppImageName, emptyFolder);
    }

    [Fact]
    public void Nanoff_is_found_on_PATH_or_in_dotnet_tools_and_its_absence_names_the_install_command()
    {
        var bin = Path.Combine(_dir, "bin");
        Directory.CreateDirectory(bin);
        Assert.Null(NanoffPlanner.FindNanoff(null, bin, _dir));
        var name = OperatingSystem.IsWindows() ? "nanoff.exe" : "nanoff";
        var tools = Path.Combine(_dir, ".dotnet", "tools");
        Directory.CreateDirectory(tools);
        File.WriteAllText(Path.Combine(tools, name), "");
        Assert.Equal(Path.Combine(tools, name), NanoffPlanner.FindNanoff(null, bin, _dir));
        File.WriteAllText(Path.Combine(bin, name), "");
        Assert.Equal(Path.Combine(bin, name), NanoffPlanner.FindNanoff(null, bin, _dir));

        Assert.Contains("dotnet tool install -g nanoff", NanoffPlanner.MissingToolMessage(null));
        Assert.Contains("/opt/x/nanoff", NanoffPlanner.MissingToolMessage("/opt/x/nanoff"));
    }

    [Fact]
    public void Formatted_command_quotes_paths_with_spaces()
    {
        var line = NanoffPlanner.Format("nanoff", new[] { "--deploy", "--image", "/tmp/My Pen/app.bin" });
        Assert.Equal("nanoff --deploy --image \"/tmp/My Pen/app.bin\"", line);
    }
}
