using System.Diagnostics;
using MnPen.Cli.Technician;
using MnPen.Client;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>The report after an interrupted calibration when the pen's readings never show its motor standing.</summary>
public sealed class InterruptedCalibrationTests
{
    [Fact]
    public void A_motor_that_never_shows_standing_is_reported_not_at_rest_after_the_deadline_with_the_remedy()
    {
        using var pen = new RestlessPen();
        using var c = PenClient.Connect(pen.Target, ServedPen.Timeout);
        c.Unlock(DevelopmentServiceKey.Bytes);
        var before = c.ReadCalibration();
        c.Start();

        var clock = Stopwatch.StartNew();
        var report = InterruptedCalibration.Check("rate", c, before, "SIGTERM");
        clock.Stop();

        Assert.False(report.MotorStopped);
        Assert.True(report.CalibrationUnchanged);
        Assert.Contains("but the motor did not come to rest within 3 s: `mnpen pen stop`", report.Reason);
        Assert.InRange(clock.Elapsed, InterruptedCalibration.StopDeadline, InterruptedCalibration.StopDeadline + TimeSpan.FromSeconds(2));
        // The stops it sent reached the pen behind the readings.
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
    }
}
