using System.Text.Json;
using MnPen.Safety;

namespace MnPen.Tools.Tests.Technician;

public class LogCommandTests
{
    [Fact]
    public void Log_json_lists_an_injected_fault_with_its_name_and_remedy_after_the_boot()
    {
        using var pen = new ServedPen();
        pen.Server.Invoke(p => p.InjectFault("ntc-open", Array.Empty<KeyValuePair<string, double>>()));
        var s = pen.WaitForStatus(x => x.Fault == (int)FaultCode.ThermistorOpen);
        Assert.Equal((int)FaultCode.ThermistorOpen, s.Fault);

        var (exit, output, error) = Cli.Run("log", "--target", pen.Target, "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(events.Count, doc.RootElement.GetProperty("count").GetInt32());
        int boot = events.FindIndex(e => e.GetProperty("kind").GetString() == "Boot");
        int fault = events.FindIndex(e => e.GetProperty("kind").GetString() == "Fault");
        Assert.True(boot >= 0 && fault > boot, output);
        var f = events[fault];
        Assert.Equal("ThermistorOpen", f.GetProperty("fault").GetString());
        Assert.Equal((int)FaultCode.ThermistorOpen, f.GetProperty("fault_code").GetInt32());
        Assert.Equal(FaultCatalog.Remedy(FaultCode.ThermistorOpen), f.GetProperty("remedy").GetString());
        var seqs = events.Select(e => e.GetProperty("sequence").GetUInt32()).ToList();
        Assert.Equal(seqs.OrderBy(x => x).Distinct(), seqs);
    }

    [Fact]
    public void Log_reads_past_one_page_and_since_skips_older_entries()
    {
        using var pen = new ServedPen();
        // Forty cartridge swaps make 80 entries: more than the 24 one ReadEvents reply carries.
        for (int i = 0; i < 40; i++)
        {
            pen.Server.Invoke(p => p.RemoveCartridge());
            Thread.Sleep(40);
            pen.Server.Invoke(p => p.InsertCartridge());
            Thread.Sleep(40);
        }
        pen.WaitForStatus(x => (x.Flags & MnPen.Protocol.PenStatusData.FlagCartridgeAccepted) != 0);
        var all = Cli.Run("log", "--target", pen.Target, "--csv");
        Assert.True(all.Exit == 0, all.Err);
        var lines = all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length - 1 > 24, all.Out);
        var later = Cli.Run("log", "--target", pen.Target, "--csv", "--since", "10");
        var laterLines = later.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("10,", laterLines[1]);
        Assert.Equal(lines.Length - 9, laterLines.Length);
    }

    [Theory]
    [InlineData("boot:0")]
    [InlineData("yesterday")]
    [InlineData("-3")]
    public void A_bad_since_is_refused_before_any_connection(string since)
    {
        var (exit, _, error) = Cli.Run("log", "--target", "tcp://127.0.0.1:1", "--since", since);
        Assert.Equal(2, exit);
        Assert.Contains("--since", error);
    }

    [Fact]
    public void Nobody_at_the_target_exits_3_with_advice()
    {
        var (exit, _, error) = Cli.Run("log", "--target", "tcp://127.0.0.1:1", "--timeout", "0.5");
        Assert.Equal(3, exit);
        Assert.Contains("mnpen log:", error);
    }
}
