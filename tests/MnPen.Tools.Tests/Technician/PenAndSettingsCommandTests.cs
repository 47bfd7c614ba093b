using System.Text.Json;
using MnPen.Hal.Simulator;
using MnPen.Protocol;

namespace MnPen.Tools.Tests.Technician;

public class PenAndSettingsCommandTests
{
    private static int DepthLimit(ServedPen pen) =>
        JsonDocument.Parse(Cli.Run("settings", "show", "--target", pen.Target, "--json").Out).RootElement
            .EnumerateArray().First(r => r.GetProperty("name").GetString() == "depth-limit").GetProperty("value").GetInt32();

    [Fact]
    public void A_service_setting_without_a_key_is_refused_before_anything_is_sent()
    {
        using var pen = new ServedPen();
        var (exit, _, error) = Cli.Run("settings", "set", "depth-limit", "1500", "--target", pen.Target);
        Assert.Equal(2, exit);
        Assert.Contains("--key", error);
        Assert.Equal(2500, DepthLimit(pen));
    }

    [Fact]
    public void A_service_setting_is_written_with_the_key_and_refused_with_the_reason_while_the_motor_runs()
    {
        using var pen = new ServedPen();
        var ok = Cli.Run("settings", "set", "depth-limit", "1500", "--target", pen.Target, "--key", "dev");
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.Equal(1500, DepthLimit(pen));

        pen.Server.Invoke(p => p.Press(SimButton.Start));
        pen.WaitForStatus(s => s.DutyBasisPoints > 0);
        var refused = Cli.Run("settings", "set", "depth-limit", "1200", "--target", pen.Target, "--key", "dev");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("motor is running", refused.Err);
        pen.Server.Invoke(p => p.Release(SimButton.Start));
        Cli.Run("pen", "stop", "--target", pen.Target);
        Assert.Equal(1500, DepthLimit(pen));
    }

    [Fact]
    public void Pen_start_without_a_cartridge_is_refused_with_the_reason_and_the_motor_never_turns()
    {
        using var pen = new ServedPen();
        pen.Server.Invoke(p => p.RemoveCartridge());
        pen.WaitForStatus(s => (s.Flags & PenStatusData.FlagCartridgePresent) == 0);
        var (exit, _, error) = Cli.Run("pen", "start", "--target", pen.Target, "--key", "dev", "--for", "1");
        Assert.Equal(1, exit);
        Assert.Contains("no cartridge", error);
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
    }

    [Fact]
    public void Pen_start_runs_the_motor_for_the_time_asked_and_stops_it_on_the_way_out()
    {
        using var pen = new ServedPen();
        var (exit, output, error) = Cli.Run("pen", "start", "--target", pen.Target, "--key", "dev", "--for", "1.5");
        Assert.True(exit == 0, error);
        Assert.Contains("Running", output);
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
        var log = Cli.Run("log", "--target", pen.Target, "--json");
        Assert.Contains("\"SessionStart\"", log.Out);
        Assert.Contains("\"SessionEnd\"", log.Out);
    }

    [Fact]
    public void Selftest_passes_on_a_healthy_pen_and_ack_with_nothing_latched_says_so()
    {
        using var pen = new ServedPen();
        var st = Cli.Run("pen", "selftest", "--target", pen.Target, "--json");
        Assert.True(st.Exit == 0, st.Err);
        Assert.True(JsonDocument.Parse(st.Out).RootElement.GetProperty("passed").GetBoolean());
        var ack = Cli.Run("pen", "ack", "--target", pen.Target);
        Assert.Equal(0, ack.Exit);
        Assert.Contains("nothing to acknowledge", ack.Out);
    }

    [Theory]
    [InlineData("no-such-setting", "1")]
    [InlineData("depth", "0.5")]
    public void Bad_setting_names_and_values_exit_2(string name, string value)
    {
        var (exit, _, error) = Cli.Run("settings", "set", name, value, "--target", "tcp://127.0.0.1:1");
        Assert.Equal(2, exit);
        Assert.Contains("mnpen settings set:", error);
    }

    // The pen's readings never show the motor standing: pen start still stops it, waits no longer than its deadline,
    // says "motor stopped." and ends as a run that lasted its --for.
    [Fact]
    public void Pen_start_ends_at_its_stop_deadline_when_the_pen_never_shows_its_motor_standing()
    {
        using var pen = new RestlessPen();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = Cli.Run("pen", "start", "--target", pen.Target, "--key", "dev", "--for", "0.5");
        clock.Stop();

        Assert.True(r.Exit == 0, r.Err);
        Assert.EndsWith("motor stopped.", r.Out.TrimEnd());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(6));
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
        Assert.True(pen.Server.Query(p => p.Board.StrokeRate) < 0.5, "the cam still turns after pen start ended");
    }
}
