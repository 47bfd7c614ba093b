using MnPen.Cli.Technician;

namespace MnPen.Tools.Tests.Technician;

public class MonitorRecordTests
{
    [Fact]
    public void Monitor_record_writes_one_csv_line_per_sample_beside_the_plain_lines()
    {
        using var pen = new ServedPen();
        string file = Path.Combine(Path.GetTempPath(), $"mnpen-rec-{Guid.NewGuid():N}.csv");
        try
        {
            var (exit, output, error) = Cli.Run("monitor", "--target", pen.Target, "--duration", "1.5", "--record", file);
            Assert.True(exit == 0, error);
            var lines = File.ReadAllLines(file);
            Assert.Equal(SampleRecorder.Header, lines[0]);
            int printed = output.Split('\n').Count(l => l.Contains(" s  "));
            Assert.True(lines.Length - 1 >= 5, $"{lines.Length - 1} samples recorded");
            Assert.Equal(printed, lines.Length - 1);
            Assert.All(lines.Skip(1), l => Assert.Equal(SampleRecorder.Header.Split(',').Length, l.Split(',').Length));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_unwritable_record_file_exits_2_before_connecting()
    {
        var (exit, _, error) = Cli.Run("monitor", "--target", "tcp://127.0.0.1:1", "--record", "/no/such/dir/x.csv");
        Assert.Equal(2, exit);
        Assert.Contains("cannot write", error);
    }

    [Fact]
    public void Trend_lines_span_lowest_to_highest_bar()
    {
        Assert.Equal("▁▂█", MonitorPanel.Sparkline(new[] { 1.0, 1.2, 2.0 }));
        Assert.Equal("▁▁", MonitorPanel.Sparkline(new[] { 3.0, 3.0 }));
    }
}
