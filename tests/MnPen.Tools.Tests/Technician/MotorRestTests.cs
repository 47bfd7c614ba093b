using System.Diagnostics;
using MnPen.Client;
using MnPen.Protocol;
using MnPen.VirtualPen.Serve;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// Stopping a pen's motor over the protocol and waiting until it stands, judged by the simulated cam (not by the
/// readings the wait itself trusts): true only once it stands, a pen just told to start is stopped too, and a pen whose
/// readings never say it stands is still told to stop and the wait ends at its deadline.
/// </summary>
public sealed class MotorRestTests(ITestOutputHelper output)
{
    private static PenClient Running(PenServer pen, string target, int level = 2)
    {
        var c = PenClient.Connect(target, ServedPen.Timeout);
        c.Unlock(DevelopmentServiceKey.Bytes);
        c.SetSetting(SettingId.RateLevel, level);
        c.Start();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (pen.Query(p => p.Board.StrokeRate) < 50 && DateTime.UtcNow < until) c.GetStatus();
        Assert.True(pen.Query(p => p.Board.StrokeRate) >= 50, "the motor did not get going");
        // Past the soft start, at the level's rate.
        uint from = c.GetStatus().UptimeMs;
        while (c.GetStatus().UptimeMs - from < 1000) Thread.Sleep(20);
        return c;
    }

    // Also the figure the callers' deadlines are set against: the pen time from the stop until the wait returns.
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void The_wait_says_stood_only_once_the_cam_stands(int level)
    {
        using var pen = new ServedPen();
        using var c = Running(pen.Server, pen.Target, level);
        var before = c.GetStatus();

        Assert.True(MotorRest.StopAndWait(c, TimeSpan.FromSeconds(2)));
        output.WriteLine($"level {level + 1}, {before.MeasuredRateCenti / 100.0:0.0} strokes/s: stood {c.GetStatus().UptimeMs - before.UptimeMs} ms of pen time after the stop");
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
        Assert.True(pen.Server.Query(p => p.Board.StrokeRate) < 0.5, "the cam still turns after the wait said it stood");
    }

    [Fact]
    public void A_pen_just_told_to_start_is_stopped_too()
    {
        using var pen = new ServedPen();
        using var c = PenClient.Connect(pen.Target, ServedPen.Timeout);
        c.Unlock(DevelopmentServiceKey.Bytes);
        c.Start();

        Assert.True(MotorRest.StopAndWait(c, TimeSpan.FromSeconds(2)));
        // Starting positions the needle with no duty: a wait that took that for rest would leave the motor to start after it.
        uint from = c.GetStatus().UptimeMs;
        double fastest = 0;
        while (c.GetStatus().UptimeMs - from < 1000) fastest = Math.Max(fastest, pen.Server.Query(p => p.Board.StrokeRate));
        Assert.True(fastest < 0.5, $"the cam turned at {fastest:0.0} strokes/s in the second after the wait");
    }

    [Fact]
    public void A_pen_whose_readings_never_show_it_standing_is_told_to_stop_and_the_wait_ends_at_its_deadline()
    {
        using var pen = new RestlessPen();
        using var c = Running(pen.Server, pen.Target);
        var deadline = TimeSpan.FromSeconds(0.5);

        var clock = Stopwatch.StartNew();
        bool stood = MotorRest.StopAndWait(c, deadline);
        clock.Stop();

        Assert.False(stood);
        Assert.InRange(clock.Elapsed, deadline, deadline + TimeSpan.FromSeconds(1));
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
        Assert.True(pen.Server.Query(p => p.Board.StrokeRate) < 0.5, "the stop did not reach the pen");
    }
}
