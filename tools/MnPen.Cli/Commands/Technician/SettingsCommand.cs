using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MnPen.Cli.Technician;
using MnPen.Protocol;

namespace MnPen.Cli.Commands.Technician;

/// <summary>`mnpen settings show|set`: reads and writes the pen's settings over the pen protocol.</summary>
internal static class SettingsCommand
{
    public static Command Create()
    {
        var cmd = new Command("settings",
            "Reads and writes the pen's settings over the pen protocol. Values are whole numbers in the unit shown by `show`\n" +
            "(um for depths, s for times, 0-based levels, strokes/s for level rates). Limits (depth-limit, max-continuous-run,\n" +
            "cartridge-usage, rate-level-N) need service mode (--key) and the motor stopped; no write passes a hard limit.\n" +
            "Exit 0 = done, 1 = the pen refused, 2 = bad name, value or missing key, 3 = no pen answered.\n" +
            "Examples:  mnpen settings show --target tcp://127.0.0.1:7755\n" +
            "           mnpen settings set depth 500 --target tcp://127.0.0.1:7755\n" +
            "           mnpen settings set depth-limit 1500 --target serial:/dev/ttyACM0 --key @pen.key");
        cmd.Subcommands.Add(Show());
        cmd.Subcommands.Add(Set());
        return cmd;
    }

    private static Command Show()
    {
        var target = StatusCommand.TargetOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array (snake_case) on stdout." };
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command("show", "Prints every setting: name, value, unit, whether writing it needs service mode, whether a write takes effect at once.");
        foreach (var o in new Option[] { target, json, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return PenCommand.WithService("settings show", parse.GetValue(target)!, parse.GetValue(timeout), null, parse.InvocationConfiguration.Error, false, client =>
            {
                var rows = SettingTable.Ids.Select(id => new SettingRow(id, SettingTable.Name(id), client.GetSetting(id), SettingTable.Unit(id),
                    SettingTable.NeedsService(id), SettingTable.ReadOnly(id))).ToList();
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(rows, TechnicianJson.Options));
                    return ExitCodes.Ok;
                }
                output.WriteLine($"settings of pen {client.Hello!.SerialNumber}:");
                foreach (var r in rows)
                    output.WriteLine($"  {r.Name,-22} {r.Value,8} {r.Unit,-16} {SettingTable.AccessName(r.Id),-9}");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    private static Command Set()
    {
        var name = new Argument<string>("name") { Description = "Setting name as `settings show` prints it (or its number)." };
        var value = new Argument<string>("value") { Description = "Whole number in the setting's unit." };
        var target = StatusCommand.TargetOption();
        var key = ServiceAccess.KeyOption();
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command("set", "Writes one setting and prints the value now in effect (the pen may refuse; nothing changes then).");
        cmd.Arguments.Add(name);
        cmd.Arguments.Add(value);
        foreach (var o in new Option[] { target, key, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string n = parse.GetValue(name)!.Trim();
            int id = Find(n);
            if (id < 0)
            {
                error.WriteLine($"mnpen settings set: no setting '{n}'; names: {string.Join(", ", SettingTable.Ids.Select(SettingTable.Name))}");
                return ExitCodes.BadInput;
            }
            if (!int.TryParse(parse.GetValue(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            {
                error.WriteLine($"mnpen settings set: '{parse.GetValue(value)}' is not a whole number in {SettingTable.Unit(id)} (no rounding is done for you)");
                return ExitCodes.BadInput;
            }
            byte[]? secret = ServiceAccess.Resolve(parse.GetValue(key), SettingTable.NeedsService(id), $"setting {SettingTable.Name(id)}", out string? bad);
            if (bad != null)
            {
                error.WriteLine("mnpen settings set: " + bad);
                return ExitCodes.BadInput;
            }
            return PenCommand.WithService("settings set", parse.GetValue(target)!, parse.GetValue(timeout), secret, error, true, client =>
            {
                int now = client.SetSetting(id, v);
                output.WriteLine($"{client.Hello!.SerialNumber}: {SettingTable.Name(id)} = {now} {SettingTable.Unit(id)}" +
                                 (now != v ? $" (asked {v})" : "") + " (in force now: the pen replies with the value it uses)");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    private static int Find(string name)
    {
        foreach (int id in SettingTable.Ids)
            if (SettingTable.Name(id).Equals(name, StringComparison.OrdinalIgnoreCase) || id.ToString(CultureInfo.InvariantCulture) == name)
                return id;
        return -1;
    }
}
