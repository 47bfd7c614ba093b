using System.CommandLine;
using System.Text.Json;
using MnPen.Client;
using MnPen.Protocol;
using Spectre.Console;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen status`: prints a pen's handshake and status (real pen on a serial port, or a virtual pen over TCP).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var target = TargetOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (handshake + status, engineering units); errors go to stderr." };
        var timeout = TimeoutOption();
        var cmd = new Command("status",
            "Connects to a pen, checks that it speaks this tool's protocol (version and schema hash) and prints its handshake\n" +
            "(serial number, firmware, protocol) and status: state, active fault and what to do about it, rate, depth, motor\n" +
            "current, handpiece temperature, battery, cartridge, service mode.\n" +
            "Exit 0 = answered, 2 = bad target, 3 = no pen answered or it is incompatible.\n" +
            "Examples:  mnpen sim --serve tcp://127.0.0.1:7755        (in another terminal: a virtual pen)\n" +
            "           mnpen status --target tcp://127.0.0.1:7755\n" +
            "           mnpen status --target serial:/dev/ttyACM0 --json");
        cmd.Options.Add(target);
        cmd.Options.Add(json);
        cmd.Options.Add(timeout);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool asJson = parse.GetValue(json);
            return WithPen("status", parse.GetValue(target)!, parse.GetValue(timeout), error, requireCompatible: false, client =>
            {
                var hello = client.Hello!;
                var report = StatusReport.From(client.Target, hello, null);
                if (report.Compatible) report = report with { Status = StatusReport.Body(client.GetStatus()) };
                if (asJson) output.WriteLine(JsonSerializer.Serialize(report, StatusReport.Json));
                else Render(SimCommand.Console(output), report);
                if (!report.Compatible)
                {
                    error.WriteLine($"mnpen status: pen {hello.SerialNumber} speaks protocol v{hello.ProtocolVersion} schema {hello.SchemaHash:x8}; " +
                                    $"this tool v{ProtocolSchema.Version} schema {ProtocolSchema.Hash:x8}. Use the mnpen that matches the pen's firmware.");
                    return ExitCodes.Unavailable;
                }
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    /// <summary>The --target option shared by every command that talks to a pen.</summary>
    internal static Option<string> TargetOption() => new("--target")
    {
        Description = "The pen: " + TargetUri.Forms + ".",
        HelpName = "uri",
        Required = true,
    };

    /// <summary>The --timeout option shared by every command that talks to a pen.</summary>
    internal static Option<double> TimeoutOption() => new("--timeout")
    {
        Description = "Seconds to wait for each reply.",
        HelpName = "s",
        DefaultValueFactory = _ => 2.0,
    };

    /// <summary>Connects, runs body, and turns every link failure into a message that says what to do and an exit code.</summary>
    internal static int WithPen(string command, string target, double timeoutSeconds, TextWriter error, bool requireCompatible, Func<PenClient, int> body)
    {
        if (TargetUri.Validate(target) is { } bad)
        {
            error.WriteLine($"mnpen {command}: {bad}");
            return ExitCodes.BadInput;
        }
        if (!(timeoutSeconds > 0) || timeoutSeconds > 600)
        {
            error.WriteLine($"mnpen {command}: --timeout must be more than 0 and at most 600 s, got {timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            return ExitCodes.BadInput;
        }
        try
        {
            using var client = PenClient.Connect(target, TimeSpan.FromSeconds(timeoutSeconds), requireCompatible);
            return body(client);
        }
        catch (PenIncompatibleException ex)
        {
            error.WriteLine($"mnpen {command}: {ex.Message}");
            return ExitCodes.Unavailable;
        }
        catch (PenUnavailableException ex)
        {
            error.WriteLine($"mnpen {command}: {ex.Message}");
            return ExitCodes.Unavailable;
        }
        catch (PenCommandException ex)
        {
            error.WriteLine($"mnpen {command}: {ex.Message}");
            return ExitCodes.CheckFailed;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"mnpen {command}: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static void Render(IAnsiConsole console, StatusReport r)
    {
        var head = new Grid().AddColumn().AddColumn();
        head.AddRow("[bold]Pen[/]", Markup.Escape($"{r.Serial} at {r.Target}"));
        head.AddRow("Firmware", Markup.Escape(r.Firmware));
        head.AddRow("Protocol", Markup.Escape($"v{r.ProtocolVersion}, schema {r.SchemaHash}") +
                                (r.Compatible ? " [green](compatible)[/]" : " [red](incompatible with this tool)[/]"));
        head.AddRow("Service mode", (r.ServiceUnlocked ? "[yellow]unlocked[/]" : "locked") + (r.ServiceKeyProvisioned ? "" : " [red](no key provisioned)[/]"));
        console.Write(head);
        if (r.Status is not { } s) return;
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Status").AddColumn("Value");
        t.AddRow("State", Markup.Escape(s.State));
        t.AddRow("Fault", s.FaultCode == 0 ? "[green]none[/]" : $"[red]{Markup.Escape($"{s.Fault} ({s.FaultCode})")}[/]\n{Markup.Escape(s.FaultRemedy ?? "")}");
        t.AddRow("Rate", Markup.Escape($"level {s.RateLevel + 1}/{s.RateLevelCount} = {s.LevelRateStrokesPerSecond:0.#} strokes/s; " +
                                       $"target {s.TargetRateStrokesPerSecond:0.0}, measured {s.MeasuredRateStrokesPerSecond:0.0} strokes/s; duty {s.MotorDuty:P0}"));
        t.AddRow("Depth", Markup.Escape($"set {s.DepthTargetMm:0.00} mm, measured {s.DepthMeasuredMm:0.00} mm, limit {s.DepthLimitMm:0.00} mm"));
        t.AddRow("Motor current", Markup.Escape($"{s.MotorCurrentAmps:0.000} A"));
        t.AddRow("Handpiece", Markup.Escape($"{s.HandpieceCelsius:0.0} °C"));
        t.AddRow("Battery", Markup.Escape($"{s.BatteryVolts:0.00} V"));
        t.AddRow("Cartridge", Markup.Escape(!s.CartridgePresent ? "none seated" :
            s.CartridgeAccepted ? $"accepted, {s.CartridgeNeedles} needles, max {s.CartridgeMaxDepthMm:0.00} mm" : "seated, not accepted"));
        t.AddRow("Run / treatment", Markup.Escape($"{s.RunSeconds:0.0} s / {s.TreatmentSeconds:0.0} s"));
        t.AddRow("Uptime", Markup.Escape($"{s.UptimeSeconds:0.0} s, {s.TickCount} ticks, {s.OverrunCount} late"));
        console.Write(t);
    }
}
