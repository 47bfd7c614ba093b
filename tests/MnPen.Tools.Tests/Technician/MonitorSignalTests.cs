using System.Text.RegularExpressions;
using MnPen.Cli.Technician;
using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `mnpen monitor` as a real process ended by a signal (a service manager's SIGTERM, Ctrl+C's SIGINT): the summary is
/// printed, every sample received is in the --record file and on stdout, and the exit code says whether the signal was
/// the planned end (--duration 0: 0) or cut a --duration short (130).
/// </summary>
public sealed class MonitorSignalTests
{
    [UnixTheory]
    [InlineData("TERM", "0", 0)]
    [InlineData("TERM", "600", 130)]
    [InlineData("INT", "0", 0)]
    public void A_signal_ends_monitor_with_its_summary_and_a_complete_record(string signal, string duration, int exit)
    {
        using var pen = new ServedPen();
        string file = Path.Combine(Path.GetTempPath(), $"mnpen-signal-{Guid.NewGuid():N}.csv");
        try
        {
            var run = BuiltTool.Start(new[] { "monitor", "--target", pen.Target, "--samples-per-second", "50", "--json", "--record", file, "--duration", duration });
            // Under way: the recorder has flushed its first hundred samples (the rest sits in its buffer until the end).
            var until = DateTime.UtcNow.AddSeconds(30);
            while (RecordedLines(file) <= 100 && DateTime.UtcNow < until && !run.Process.HasExited) Thread.Sleep(100);
            Assert.True(RecordedLines(file) > 100, "monitor did not record 100 samples in 30 s: " + run.StderrSoFar);
            run.Signal(signal);
            var r = run.Finish(TimeSpan.FromSeconds(30));

            Assert.True(r.Exit == exit, $"exit {r.Exit}: {r.Stderr}");
            var summary = Regex.Match(r.Stderr, @"mnpen monitor: stopped by (\S+)[^;]*; (\d+) samples, 0 lost on the link, (\d+) recorded in ");
            Assert.True(summary.Success, r.Stderr);
            Assert.Equal("SIG" + signal, summary.Groups[1].Value);
            long samples = long.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(samples, long.Parse(summary.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
            // Every sample is on stdout and in the file, the last one complete (the buffer was flushed and the file closed).
            Assert.Equal(samples, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            var lines = File.ReadAllLines(file);
            Assert.Equal(SampleRecorder.Header, lines[0]);
            Assert.Equal(samples, lines.Length - 1);
            Assert.All(lines.Skip(1), l => Assert.Equal(SampleRecorder.Header.Split(',').Length, l.Split(',').Length));
            Assert.True(File.ReadAllText(file).EndsWith('\n'), "the record ends mid-line");
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Lines in the record so far (read beside the writer).
    private static int RecordedLines(string file)
    {
        if (!File.Exists(file)) return 0;
        using var s = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var r = new StreamReader(s);
        return r.ReadToEnd().Count(c => c == '\n');
    }
}
