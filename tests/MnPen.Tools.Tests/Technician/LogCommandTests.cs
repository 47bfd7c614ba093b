using System.Text.Json;
using MnPen.Client;
using MnPen.Protocol;
using MnPen.Safety;
using MnPen.Storage;

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
    public void Log_security_lists_a_failed_unlock_that_the_main_log_does_not_hold()
    {
        using var pen = new ServedPen();
        using (var client = PenClient.Connect(pen.Target, ServedPen.Timeout))
        {
            var wrong = Assert.Throws<PenCommandException>(() => client.Unlock(new byte[ProtocolLimits.KeyLength]));
            Assert.Equal(ErrorCode.AuthFailed, wrong.Code);
        }

        var (exit, output, error) = Cli.Run("log", "--target", pen.Target, "--security", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var failed = doc.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("code").GetInt32() == LinkEvent.ServiceUnlockFailed).ToList();
        Assert.True(failed.Count == 1, output);
        Assert.Equal("service unlock failed (attempts remain)", failed[0].GetProperty("summary").GetString());

        var (mainExit, main, mainError) = Cli.Run("log", "--target", pen.Target, "--json");
        Assert.True(mainExit == 0, mainError);
        Assert.DoesNotContain("service unlock failed", main);
    }

    [Fact]
    public void Log_reads_past_one_page_and_since_skips_older_entries()
    {
        using var pen = new ServedPen();
        // Thirty different cartridges, each seen seated and accepted before the next: thirty more entries than the boot
        // left, more than the 24 one ReadEvents reply carries. (Removing a cartridge that never ran is not logged, and
        // different serials never fold.) Paced by the pen's own status, not the wall clock, so a loaded machine cannot
        // swap a cartridge faster than the pen reads it.
        using (var client = PenClient.Connect(pen.Target, ServedPen.Timeout))
        {
            uint before = client.ReadEvents(0, 0).Total;
            for (int i = 0; i < 30; i++)
            {
                pen.Server.Invoke(p => p.RemoveCartridge());
                WaitFor(client, s => (s.Flags & PenStatusData.FlagCartridgePresent) == 0);
                pen.Server.Invoke(p => p.InsertCartridge());
                WaitFor(client, s => (s.Flags & PenStatusData.FlagCartridgeAccepted) != 0);
            }
            WaitForLog(client, before + 30);
        }
        var all = Cli.Run("log", "--target", pen.Target, "--csv");
        Assert.True(all.Exit == 0, all.Err);
        var lines = all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length - 1 > 24, all.Out);
        Assert.Equal(30, lines.Count(l => l.Contains(",CartridgeInserted,")) - 1);
        var later = Cli.Run("log", "--target", pen.Target, "--csv", "--since", "10");
        var laterLines = later.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("10,", laterLines[1]);
        Assert.Equal(lines.Length - 9, laterLines.Length);
    }

    [Fact]
    public void Log_shows_how_often_a_folded_event_happened()
    {
        using var pen = new ServedPen();
        // The cartridge seated at boot, re-seated five times: the pen folds the identical acceptances into one entry.
        using (var client = PenClient.Connect(pen.Target, ServedPen.Timeout))
        {
            for (int i = 1; i <= 5; i++)
            {
                pen.Server.Invoke(p =>
                {
                    var c = p.Board.RemoveCartridge();
                    p.RunFor(0.2);
                    p.Board.InsertCartridge(c!);
                });
                int folded = i;
                var deadline = DateTime.UtcNow + ServedPen.Timeout;
                while (!EventLogReader.ReadAll(client).Any(e => e.Kind == (int)EventKind.CartridgeInserted && e.Repeats == folded))
                {
                    Assert.True(DateTime.UtcNow < deadline, $"re-seat {folded} was not folded into the first acceptance in time");
                    Thread.Sleep(20);
                }
            }
        }
        var (exit, output, error) = Cli.Run("log", "--target", pen.Target, "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var inserted = doc.RootElement.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "CartridgeInserted").ToList();
        Assert.True(inserted.Count == 1, output);
        Assert.Equal(5, inserted[0].GetProperty("repeats").GetInt32());
        Assert.Contains("6 times", inserted[0].GetProperty("summary").GetString());
        var csv = Cli.Run("log", "--target", pen.Target, "--csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int column = Array.IndexOf(csv[0].Split(','), "repeats");
        Assert.True(column >= 0, csv[0]);
        Assert.Equal("5", csv.Single(l => l.Contains(",CartridgeInserted,")).Split(',')[column]);
    }

    private static void WaitFor(PenClient client, Func<PenStatusData, bool> condition)
    {
        var deadline = DateTime.UtcNow + ServedPen.Timeout;
        while (!condition(client.GetStatus()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the pen did not reach the expected cartridge state in time");
            Thread.Sleep(10);
        }
    }

    private static void WaitForLog(PenClient client, uint entries)
    {
        // Entries reach flash in the pen's background work, after the status already shows the cartridge.
        var deadline = DateTime.UtcNow + ServedPen.Timeout;
        while (client.ReadEvents(0, 0).Total < entries)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the pen's log did not reach {entries} entries in time");
            Thread.Sleep(20);
        }
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
