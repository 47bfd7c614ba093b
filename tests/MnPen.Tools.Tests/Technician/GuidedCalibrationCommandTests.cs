using System.Text.Json;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `mnpen calibrate KIND --target sim --reference sim --json` end to end for every kind, on a drawn pen of the
/// population (--pen): the pen comes out within tolerance and both certificate files exist.
/// </summary>
public class GuidedCalibrationCommandTests
{
    [Theory]
    [InlineData("rate")]
    [InlineData("depth")]
    [InlineData("current")]
    [InlineData("thermistor")]
    [InlineData("battery")]
    [InlineData("motor")]
    public void Every_kind_calibrates_a_drawn_simulated_pen_within_tolerance_and_writes_its_certificates(string kind)
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cal-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Cli.Run("calibrate", kind, "--target", "sim", "--reference", "sim", "--pen", "5", "--certificate-dir", dir, "--json");
            Assert.True(exit == 0, error + output);
            Assert.Contains("pen 5 of the population", error);
            var root = JsonDocument.Parse(output).RootElement;
            var outcome = root.GetProperty("outcome");
            Assert.Equal("pass", outcome.GetProperty("verdict").GetString());
            Assert.Equal(kind != "rate", outcome.GetProperty("written").GetBoolean());
            var checks = outcome.GetProperty("checks").EnumerateArray().ToList();
            Assert.NotEmpty(checks);
            Assert.All(checks, c => Assert.True(Math.Abs(c.GetProperty("error").GetDouble()) <= c.GetProperty("tolerance").GetDouble()));
            Assert.True(File.Exists(root.GetProperty("certificate_json").GetString()));
            Assert.True(File.Exists(root.GetProperty("certificate_html").GetString()));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("current", "--pen", "-1", "0 or more")]
    [InlineData("battery", "--pen", "2", "only with --target sim")]
    [InlineData("motor", "--pen", "-1", "0 or more")]
    [InlineData("motor", "--pen", "2", "only with --target sim")]
    public void A_pen_index_that_cannot_be_served_is_refused_with_exit_2(string kind, string option, string value, string message)
    {
        var args = new List<string> { "calibrate", kind, option, value, "--target", value == "-1" ? "sim" : "tcp://127.0.0.1:9" };
        var (exit, _, error) = Cli.Run(args.ToArray());
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }
}
