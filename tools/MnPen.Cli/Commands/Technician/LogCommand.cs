using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MnPen.Cli.Technician;
using MnPen.Client;

namespace MnPen.Cli.Commands.Technician;

/// <summary>`mnpen log`: reads, decodes and prints a pen's event log (faults with remedies, sessions, calibrations, cartridges).</summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var target = StatusCommand.TargetOption();
        var since = new Option<string?>("--since") { Description = "Start at: " + LogSince.Forms + ". Default: everything the pen holds.", HelpName = "from" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (snake_case) on stdout." };
        var csv = new Option<bool>("--csv") { Description = "Print CSV (one header line, one line per entry) on stdout." };
        var security = new Option<bool>("--security") { Description = "Read the pen's security log instead: service unlocks and failures, lockouts, sessions ended, link-started motors stopped, restarts." };
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command("log",
            "Reads the pen's event log over the pen protocol and prints it decoded: boots, faults (name, cause and what to do),\n" +
            "fault acknowledgements, sessions (start level and depth, run time and why it stopped), cartridges accepted, removed\n" +
            "and refused (a removal is logged for a cartridge that ran), calibration and settings writes. The pen folds an event\n" +
            "identical to one of its last few entries into that entry: `repeats` (CSV, JSON) and \"N times\" (text) count them, with\n" +
            "the latest boot and time. Service access is kept in the pen's separate security log: --security reads it.\n" +
            "Reading needs no service key.\n" +
            "Times are since the boot the entry was made in (the pen has no wall clock); boot numbers count up.\n" +
            "Exit 0 = read, 2 = bad option, 3 = no pen answered or it is incompatible.\n" +
            "Examples:  mnpen log --target tcp://127.0.0.1:7755\n" +
            "           mnpen log --target serial:/dev/ttyACM0 --since last-boot --json\n" +
            "           mnpen log --target tcp://127.0.0.1:7755 --csv > pen-log.csv\n" +
            "           mnpen log --target tcp://127.0.0.1:7755 --security");
        foreach (var o in new Option[] { target, since, json, csv, security, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(json) && parse.GetValue(csv))
            {
                error.WriteLine("mnpen log: choose one of --json and --csv");
                return ExitCodes.BadInput;
            }
            var from = LogSince.Parse(parse.GetValue(since), out string? bad);
            if (from == null)
            {
                error.WriteLine("mnpen log: " + bad);
                return ExitCodes.BadInput;
            }
            return StatusCommand.WithPen("log", parse.GetValue(target)!, parse.GetValue(timeout), error, true, client =>
            {
                var entries = from.Filter(EventLogReader.ReadAll(client, from.FromSequence, parse.GetValue(security) ? MnPen.Protocol.EventLogId.Security : MnPen.Protocol.EventLogId.Main)).Select(LoggedEvent.From).ToList();
                var hello = client.Hello!;
                if (parse.GetValue(json))
                    output.WriteLine(JsonSerializer.Serialize(new EventLogReport(client.Target, hello.SerialNumber, hello.FirmwareVersion, entries.Count, entries), TechnicianJson.Options));
                else if (parse.GetValue(csv))
                    WriteCsv(output, entries);
                else
                    WriteText(output, hello.SerialNumber, client.Target, entries);
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    private static void WriteText(TextWriter o, string serial, string target, List<LoggedEvent> entries)
    {
        o.WriteLine($"event log of pen {serial} at {target}: {entries.Count} entries");
        foreach (var e in entries)
        {
            o.WriteLine($"#{e.Sequence,-6} boot {e.Boot,-4} +{e.Uptime}  {e.Kind,-18} {e.Summary}");
            if (e.Remedy != null) o.WriteLine($"{"",29}what to do: {e.Remedy}");
        }
    }

    private static void WriteCsv(TextWriter o, List<LoggedEvent> entries)
    {
        o.WriteLine("sequence,boot,uptime_ms,kind,code,argument,repeats,fault,summary,remedy");
        foreach (var e in entries)
        {
            o.WriteLine(string.Join(",",
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.Boot.ToString(CultureInfo.InvariantCulture),
                e.UptimeMs.ToString(CultureInfo.InvariantCulture), e.Kind, e.Code.ToString(CultureInfo.InvariantCulture),
                e.Argument.ToString(CultureInfo.InvariantCulture), e.Repeats.ToString(CultureInfo.InvariantCulture), Csv(e.Fault), Csv(e.Summary), Csv(e.Remedy)));
        }
    }

    // RFC 4180 quoting; no CSV library is referenced by the tool and this is the whole of what is needed.
    private static string Csv(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        if (s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0) return s;
        return "\"" + s.Replace("\"", "\"\"") + "\"";
    }
}
