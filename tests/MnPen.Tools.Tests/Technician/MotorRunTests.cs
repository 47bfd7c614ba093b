using System.Diagnostics;
using MnPen.Calibration;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>Leaving a calibration's motor run when the pen's readings never show its motor standing.</summary>
public sealed class MotorRunTests
{
    [Fact]
    public void Leaving_a_motor_that_never_shows_standing_ends_at_the_stop_deadline_without_an_error()
    {
        using var pen = new RestlessPen();
        using var session = new PenSession(pen.Target, DevelopmentServiceKey.Bytes, ServedPen.Timeout);
        session.Client.Start();
        var run = new MotorRun(session, null, new CancellationToken(canceled: true));

        // Cancelled already: leaving after an interruption is not cut short by it.
        var clock = Stopwatch.StartNew();
        run.StopQuietly();
        clock.Stop();

        Assert.InRange(clock.Elapsed, MotorRun.StopDeadline, MotorRun.StopDeadline + TimeSpan.FromSeconds(2));
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
    }
}
