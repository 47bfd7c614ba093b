using MnPen.Cli;

namespace MnPen.Tools.Tests.Compat;

/// <summary>`mnpen compat` and `mnpen flash` through the real command tree (exit codes, help, output).</summary>
public sealed class CompatCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    [Fact]
    public void Compat_help_teaches_reference_assembly_json_and_sync_options_with_an_example()
    {
        var (exit, output, _) = Run("compat", "--help");
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--reference", "--assembly", "--json", "--skip-if-missing", "--sync-device-projects", "Example" })
            Assert.Contains(option, output);
    }

    [NeedsSharedFact]
    public void Compat_on_a_missing_assembly_is_bad_input_with_a_hint()
    {
        var (exit, _, err) = Run("compat", "--reference", TestPaths.Listings!, "--assembly", "/nonexistent/MnPen.Nope.dll");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("not found", err);
    }

    [Fact]
    public void Compat_with_an_unusable_reference_folder_exits_unavailable_unless_skipping()
    {
        var empty = Directory.CreateTempSubdirectory("mnpen-ref-").FullName;
        try
        {
            Assert.Equal(ExitCodes.Unavailable, Run("compat", "--reference", empty).Exit);
            Assert.Equal(ExitCodes.Ok, Run("compat", "--reference", empty, "--skip-if-missing").Exit);
        }
        finally { Directory.Delete(empty, true); }
    }

    [Fact]
    public void Flash_without_nanoff_says_how_to_install_it()
    {
        var (exit, _, err) = Run("flash", "--port", "COM5", "--pen", "serial:COM7", "--firmware-only", "--nanoff", "/opt/none/nanoff");
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("dotnet tool install -g nanoff", err);
    }

    [Fact]
    public void Flash_without_a_port_is_bad_input()
    {
        var (exit, _, err) = Run("flash", "--firmware-only");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--port", err);
    }
}
