using System.Text.Json;

namespace MnPen.Tools.Tests.Technician;

public class CalibrateDepthCommandTests
{
    [Fact]
    public void Calibrate_depth_on_the_simulated_bench_passes_and_writes_both_certificate_files()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cal-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Cli.Run("calibrate", "depth", "--target", "sim", "--reference", "sim", "--json", "--technician", "t-9", "--certificate-dir", dir);
            Assert.True(exit == 0, error + output);
            var root = JsonDocument.Parse(output).RootElement;
            Assert.Equal("pass", root.GetProperty("outcome").GetProperty("verdict").GetString());
            Assert.All(root.GetProperty("outcome").GetProperty("checks").EnumerateArray(),
                c => Assert.True(Math.Abs(c.GetProperty("error").GetDouble()) <= 0.05));
            Assert.True(File.Exists(root.GetProperty("certificate_json").GetString()));
            Assert.True(File.Exists(root.GetProperty("certificate_html").GetString()));
            Assert.Contains("sweep 1/11", error);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1", "sim", "works only with --target sim")]
    [InlineData("tcp://127.0.0.1:1", "/no/such/readings.csv", "does not exist")]
    [InlineData("bluetooth:pen", "prompt", "not a target")]
    public void Bad_targets_and_references_exit_2_before_touching_a_pen(string target, string reference, string message)
    {
        var (exit, _, error) = Cli.Run("calibrate", "depth", "--target", target, "--reference", reference, "--key", "dev");
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }
}
