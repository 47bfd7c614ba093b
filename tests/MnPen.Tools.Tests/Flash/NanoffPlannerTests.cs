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

    private static string[] Args(List<NanoffCall> plan, NanoffStep step) => plan.Single(c => c.Step == step).Arguments;

    [Fact]
    public void Full_flash_writes_the_octal_PSRAM_image_then_deploys_the_app_then_reads_the_details()
    {
        var image = Image();
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "/dev/ttyACM0", Image = _dir });
        Assert.Null(error);
        Assert.Equal(new[] { NanoffStep.Firmware, NanoffStep.Application, NanoffStep.Details }, plan.Select(c => c.Step));
        Assert.Equal(new[] { "flash", "--target", "ESP32_S3_ALL", "--serialport", "/dev/ttyACM0" }, Args(plan, NanoffStep.Firmware));
        Assert.Equal(new[] { "deploy", "--target", "ESP32_S3_ALL", "--serialport", "/dev/ttyACM0", "--image", image }, Args(plan, NanoffStep.Application));
        Assert.Equal(new[] { "details", "--serialport", "/dev/ttyACM0" }, Args(plan, NanoffStep.Details));
    }

    [Fact]
    public void Firmware_only_with_version_and_mass_erase_needs_no_image()
    {
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Application = false, FirmwareVersion = "1.12.4.216", MassErase = true });
        Assert.Null(error);
        Assert.Equal(new[] { "flash", "--target", "ESP32_S3_ALL", "--serialport", "COM5", "--fwversion", "1.12.4.216", "--masserase" }, Args(plan, NanoffStep.Firmware));
        Assert.DoesNotContain(plan, c => c.Step == NanoffStep.Application);
    }

    [Fact]
    public void App_only_deploys_without_touching_the_firmware()
    {
        var image = Image();
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Firmware = false, Image = image, ImageTarget = "ESP32_S3_OCTAL" });
        Assert.Null(error);
        Assert.Equal(new[] { NanoffStep.Application, NanoffStep.Details }, plan.Select(c => c.Step));
        Assert.Equal("ESP32_S3_OCTAL", Args(plan, NanoffStep.Application)[2]);
    }

    [Theory]
    [InlineData("ESP32_S3", "octal PSRAM")]
    [InlineData("ESP32_S3_BLE", "octal PSRAM")]
    [InlineData("ESP32_S3_ALL_UART", "native USB")]
    [InlineData("ESP32_PSRAM_REV0", "ESP32-S3")]
    [InlineData("serial:/dev/ttyACM0", "--port")]
    public void Images_that_do_not_fit_the_reference_board_are_refused_with_the_reason(string name, string reason)
    {
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Application = false, ImageTarget = name });
        Assert.Empty(plan);
        Assert.Contains(reason, error);
        Assert.Contains(ImageTargets.Default, error);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1.12")]
    [InlineData("2.0.0.467")]
    [InlineData("1.12.4.216 --masserase")]
    public void Firmware_versions_that_are_not_v1_versions_are_refused(string version)
    {
        var (plan, error) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Application = false, FirmwareVersion = version });
        Assert.Empty(plan);
        Assert.Contains("--fw-version", error);
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
    public void Missing_or_wrong_image_says_how_to_build_it_and_a_dry_run_names_where_it_will_be()
    {
        var (_, absent) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Image = Path.Combine(_dir, "nope.bin") });
        Assert.Contains("not found", absent);
        Assert.Contains("MnPen.Firmware.Device", absent);
        var (_, emptyFolder) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Image = _dir });
        Assert.Contains(NanoffPlanner.AppImageName, emptyFolder);
        var (dry, none) = NanoffPlanner.Plan(new FlashRequest { Port = "COM5", Image = _dir }, allowMissingImage: true);
        Assert.Null(none);
        Assert.Equal(Path.Combine(_dir, NanoffPlanner.AppImageName), Args(dry, NanoffStep.Application)[^1]);
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
        var line = NanoffPlanner.Format("nanoff", new[] { "deploy", "--image", "/tmp/My Pen/app.bin" });
        Assert.Equal("nanoff deploy --image \"/tmp/My Pen/app.bin\"", line);
    }
}
