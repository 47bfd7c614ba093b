using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

public class ReadingCheckTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_thermistor_two_degrees_off_the_reference_is_rejected_and_one_on_it_passes()
    {
        using var pen = new ServedPen();
        using var session = new PenSession(pen.Target, DevelopmentServiceKey.Bytes, Timeout);
        var good = new ReadingCheck(session, SimInstrument.Thermometer(pen.Server), ReadingQuantity.Thermistor(), _ => { }, default).Run("t", DateTime.UtcNow);
        Assert.True(good.Verdict == "pass", good.Reason);
        // The same pen against a thermometer reading 2 °C high: the check must be able to fail.
        var hot = new SimInstrument(pen.Server, "thermometer reading high", "X", 0.2, 2.0, p => p.Board.HandpieceCelsius);
        var bad = new ReadingCheck(session, hot, ReadingQuantity.Thermistor(), _ => { }, default).Run("t", DateTime.UtcNow);
        Assert.Equal("rejected", bad.Verdict);
        Assert.False(bad.Written);
    }

    [Fact]
    public void The_rate_check_runs_every_level_within_one_percent_and_leaves_the_motor_stopped()
    {
        using var pen = new ServedPen();
        CalibrationOutcome outcome;
        using (var session = new PenSession(pen.Target, DevelopmentServiceKey.Bytes, Timeout))
            outcome = new ReadingCheck(session, SimInstrument.Tachometer(pen.Server), ReadingQuantity.Rate(), _ => { }, default).Run("t", DateTime.UtcNow);
        Assert.True(outcome.Verdict == "pass", outcome.Reason);
        Assert.Equal(6, outcome.Checks.Count);
        Assert.All(outcome.Checks, c => Assert.True(Math.Abs(c.Error) <= 0.01 * c.Reference));
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
    }

    [Fact]
    public void Calibrate_battery_on_the_simulated_bench_passes_from_the_command_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cal-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Cli.Run("calibrate", "battery", "--target", "sim", "--reference", "sim", "--certificate-dir", dir);
            Assert.True(exit == 0, error + output);
            Assert.Equal(2, Directory.GetFiles(dir).Length);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
