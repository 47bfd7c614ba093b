using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `mnpen pen start` as a real process ended by a signal while the motor runs: the motor is stopped and the cam stands
/// (the simulator's own stroke rate, not the pen's reading) when the process has ended, the pen logged the session's
/// end, and the exit code says whether the signal was the planned end (--for 0: 0) or cut a --for short (130).
/// </summary>
public sealed class PenStartSignalTests
{
    [UnixTheory]
    [InlineData("TERM", "600", 130)]
    [InlineData("INT", "600", 130)]
    [InlineData("TERM", "0", 0)]
    [InlineData("INT", "0", 0)]
    public void A_signal_stops_the_motor_before_pen_start_ends(string signal, string seconds, int exit)
    {
        using var pen = new ServedPen();
        var run = BuiltTool.Start(new[] { "pen", "start", "--target", pen.Target, "--key", "dev", "--for", seconds });
        var until = DateTime.UtcNow.AddSeconds(30);
        while (pen.Server.Query(p => p.Board.StrokeRate) < 20 && DateTime.UtcNow < until && !run.Process.HasExited) Thread.Sleep(50);
        Assert.True(pen.Server.Query(p => p.Board.StrokeRate) >= 20, "the motor did not get going within 30 s: " + run.StderrSoFar);
        run.Signal(signal);
        var r = run.Finish(TimeSpan.FromSeconds(30));

        Assert.True(r.Exit == exit, $"exit {r.Exit}: {r.Stderr}");
        Assert.Contains("stopped by SIG" + signal, r.Stderr);
        Assert.EndsWith("motor stopped.", r.Stdout.TrimEnd());
        // The command waited for the needle to stand before it ended.
        Assert.Equal(0f, pen.Server.Query(p => p.Firmware.Gate.AppliedDuty));
        Assert.True(pen.Server.Query(p => p.Board.StrokeRate) < 0.5, "the cam still turns after pen start ended");
        Assert.Contains("\"SessionEnd\"", Cli.Run("log", "--target", pen.Target, "--json").Out);
    }
}
