using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MnPen.Cli.Contract;
using MnPen.Hal.Simulator.Faults;
using MnPen.VirtualPen.Reporting;
using MnPen.VirtualPen.Scenarios;
using Spectre.Console;
using VPen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen sim`: runs the firmware on the simulated pen board (a scenario file, or the default treatment session).</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var scenario = new Option<FileInfo?>("--scenario")
        {
            Description = "Scenario file to run: options, a timeline of actions and faults, expected outcomes (format: docs/scenarios.md;\n" +
                          "examples in docs/scenarios/). Without it the default session runs.",
            HelpName = "file",
        };
        var rate = new Option<double?>("--rate")
        {
            Description = "Stroke rate of the default session, strokes/s; one of the levels 50, 70, 90, 110, 130, 150 (default 110).",
            HelpName = "strokes/s",
        };
        var depth = new Option<double?>("--depth")
        {
            Description = "Needle depth of the default session, mm, 0 to 2.5 in 0.05 mm steps (default 1.0).",
            HelpName = "mm",
        };
        var duration = new Option<double?>("--duration")
        {
            Description = "Treatment time of the default session between start and stop, simulated seconds (default 20). The user " +
                          "touches the level key every 60 s (the pen stops after 120 s without activity); beyond the pen's 600 s run " +
                          "limit the session is several 590 s runs, each restarted 2 s after the last.",
            HelpName = "s",
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Simulator seed (sensor noise); the same seed gives a bit-identical run. Overrides a scenario's seed. Default 1.",
            HelpName = "n",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the run summary as JSON on stdout (schema in docs/scenarios.md); progress and errors go to stderr.",
        };
        var listFaults = new Option<bool>("--list-faults")
        {
            Description = "List the simulator's fault catalogue (names and parameters a scenario's `fault` action takes) and exit.",
        };
        var printScenario = new Option<bool>("--print-scenario")
        {
            Description = "Print the scenario that would run (the default session written out, or the file as read) and exit.",
        };

        var cmd = new Command("sim",
            "Runs the pen firmware on the simulated board in simulated time (deterministic, no waiting) and prints what happened:\n" +
            "session result, strokes delivered, rate and depth errors, peak current and temperature, battery used, faults, highlights,\n" +
            "and each expectation of the scenario with what was measured.\n" +
            "Without --scenario it runs the default session: new cartridge, depth 1.0 mm, 110 strokes/s, nominal skin, press start,\n" +
            "20 s of treatment, press start to stop.\n" +
            "Exit 0 = every expectation held, 1 = one failed, 2 = bad scenario or option, 130 = interrupted (Ctrl+C; also\n" +
            "SIGTERM for --fuzz): the summary covers what ran.\n" +
            "Examples:  mnpen sim\n" +
            "           mnpen sim --rate 150 --depth 2.0 --duration 60 --seed 7\n" +
            "           mnpen sim --seed 1 --pen 17 --trace pen17.csv   (pen 17 of the population of seed 1)\n" +
            "           mnpen sim --scenario docs/scenarios/cartridge-pulled.scenario --json\n" +
            "           mnpen sim --list-faults");
        var platform = PlatformOption.Create();
        foreach (var o in new Option[] { scenario, rate, depth, duration, seed, json, listFaults, printScenario, platform })
            cmd.Options.Add(o);
        // Serving the pen protocol (tools/MnPen.VirtualPen/Serve): a virtual pen paced to real time that tools can talk to.
        var serve = new Option<string?>("--serve")
        {
            Description = "Serve a virtual pen (firmware + simulator, paced to real time) over the pen protocol until Ctrl+C or SIGTERM:\n" +
                          "tcp://127.0.0.1:PORT (loopback only) or, on Linux, pty[:LINK] (a pseudo-terminal serial tools can open).\n" +
                          "One client at a time, like a pen on one USB port: a second connection gets a \"busy: ...\" line and is\n" +
                          "closed while the first keeps working. Idle, the pen sleeps and powers itself off like a real one; a client\n" +
                          "connecting or sending wakes it. Notices (clients, power) go to stderr with the simulated time.\n" +
                          "Example: mnpen sim --serve tcp://127.0.0.1:7755   then   mnpen status --target tcp://127.0.0.1:7755",
            HelpName = "uri",
        };
        var fault = new Option<string[]>("--fault")
        {
            Description = "With --serve: inject a simulator fault, " + MnPen.VirtualPen.Serve.FaultSpec.Syntax + ". Repeatable.\n" +
                          "(In a simulated run, faults go in a scenario file: `at 5 s: fault ntc-open`.)",
            HelpName = "spec",
        };
        var speed = new Option<double?>("--speed") { Description = "With --serve: pacing, 1 = real time (default), 2 = twice as fast.", HelpName = "x" };
        var fuzz = new Option<long?>("--fuzz")
        {
            Description = "Fuzz the pen protocol with this many frames, on the link in process and on a served virtual pen over\n" +
                          "loopback TCP, and print the figures (lost replies, dropped connections, safety counters); exit 1 if any\n" +
                          "must-be-zero figure is not; Ctrl+C or SIGTERM stops it with the figures of what ran (exit 130).\n" +
                          "Example: mnpen sim --fuzz 1000000",
            HelpName = "frames",
        };
        cmd.Options.Add(serve);
        cmd.Options.Add(fault);
        cmd.Options.Add(speed);
        cmd.Options.Add(fuzz);
        var outputs = new SimOutputs();
        outputs.AddTo(cmd);

        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool asJson = parse.GetValue(json);
            // Each mode takes its own options; one that does not apply is refused rather than ignored.
            string? misplaced = parse.GetValue(listFaults)
                ? ModeOptions.NotApplicable(parse, "does not apply to --list-faults (it only lists the catalogue)", scenario, rate, depth, duration, seed, printScenario, serve, fault, speed)
                : parse.GetValue(serve) != null
                    ? ModeOptions.NotApplicable(parse, "does not apply to --serve (a served pen is driven over the protocol, not by a session or scenario; " +
                                                       "run the scenario without --serve, or use --fault for faults)", scenario, rate, depth, duration, printScenario)
                    : ModeOptions.NotApplicable(parse, "applies only with --serve; in a simulated run write the fault into a scenario file, " +
                                                       "e.g. `at 5 s: fault ntc-open` (mnpen sim --print-scenario prints the default session to start from)", fault, speed);
            if (misplaced != null)
            {
                error.WriteLine("mnpen sim: " + misplaced + ".");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(listFaults))
                return ListFaults(output, asJson);
            if (parse.GetValue(fuzz) is long fuzzFrames)
            {
                var other = new Option[] { serve, fault, speed, scenario, rate, depth, duration, printScenario }
                    .FirstOrDefault(o => ModeOptions.Given(parse, o));
                if (other != null)
                {
                    error.WriteLine($"mnpen sim: --fuzz runs on its own (with --seed and --json); drop {other.Name}");
                    return ExitCodes.BadInput;
                }
                // Ctrl+C and SIGTERM stop it alike: the figures of what ran, exit 130.
                using var stopFuzz = Interruption.Listen();
                return MnPen.VirtualPen.Serve.FuzzSession.Run(fuzzFrames, (int)(parse.GetValue(seed) ?? 20261121), asJson, output, error, stopFuzz.Token);
            }
            if (parse.GetValue(serve) is string serveUri)
            {
                using var stop = new CancellationTokenSource();
                System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
                return MnPen.VirtualPen.Serve.ServeSession.Run(serveUri, parse.GetValue(seed) ?? 1, parse.GetValue(fault) ?? Array.Empty<string>(),
                    parse.GetValue(speed) ?? 1.0, asJson, output, error, stop.Token);
            }

            Scenario run;
            FileInfo? file = parse.GetValue(scenario);
            try
            {
                if (file != null)
                {
                    if (parse.GetValue(rate) != null || parse.GetValue(depth) != null || parse.GetValue(duration) != null)
                    {
                        error.WriteLine("mnpen sim: --rate, --depth and --duration shape the default session; with --scenario set them in the file.");
                        return ExitCodes.BadInput;
                    }
                    run = ScenarioParser.ParseFile(file.FullName, VPen.Vocabulary);
                    if (parse.GetValue(seed) is ulong s) run = run with { Seed = s };
                    if (parse.GetValue(printScenario))
                    {
                        output.Write(File.ReadAllText(file.FullName));
                        return ExitCodes.Ok;
                    }
                }
                else
                {
                    double r = parse.GetValue(rate) ?? DefaultSession.Rate;
                    double d = parse.GetValue(depth) ?? DefaultSession.DepthMm;
                    double t = parse.GetValue(duration) ?? DefaultSession.DurationSeconds;
                    ulong s = parse.GetValue(seed) ?? 1;
                    if (parse.GetValue(printScenario))
                    {
                        output.Write(DefaultSession.Text(r, d, t, s));
                        return ExitCodes.Ok;
                    }
                    run = DefaultSession.Build(r, d, t, s);
                }
            }
            catch (ScenarioFormatException e)
            {
                error.WriteLine("mnpen sim: " + e.Message);
                return ExitCodes.BadInput;
            }
            catch (ArgumentException e)
            {
                error.WriteLine("mnpen sim: " + e.Message);
                return ExitCodes.BadInput;
            }

            if (!outputs.Prepare(parse, error)) return ExitCodes.BadInput;
            // Anything thrown from here on is not the user's input (that was checked above): the contract reports it as internal (4).
            using var interruption = Interruption.Listen();
            RunSummary summary = RunWithProgress(run, parse.GetValue(platform), error, outputs, interruption.Token);
            if (summary.Interrupted)
                error.WriteLine($"mnpen sim: interrupted after {summary.SimulatedSeconds:0.0} s of {run.DurationMicros / 1e6:0.0} s simulated; the summary below covers that part.");

            outputs.Finish(summary);
            if (asJson) output.WriteLine(SummaryJson.Serialize(summary));
            else Render(Console(output), summary);
            if (summary.Interrupted) return ExitCodes.Interrupted;
            return summary.Result == "failed" ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static RunSummary RunWithProgress(Scenario run, MnPen.Hal.Simulator.Platform.PlatformKind platform, TextWriter error, SimOutputs outputs, CancellationToken cancel)
    {
        // A progress bar only where someone watches and the run is long enough to need one.
        if (System.Console.IsErrorRedirected || run.DurationMicros < 120_000_000)
            return outputs.Run(run, platform, null, cancel);
        RunSummary? result = null;
        Console(error).Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("simulating " + (run.DurationMicros / 1e6).ToString("0", CultureInfo.InvariantCulture) + " s", maxValue: 1.0);
            result = outputs.Run(run, platform, p => task.Value = p, cancel);
        });
        return result!;
    }

    /// <summary>A Spectre console over the command's writer: colour and live progress only on a real terminal.</summary>
    internal static IAnsiConsole Console(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, System.Console.Out) ? !System.Console.IsOutputRedirected
            : ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    private static int ListFaults(TextWriter output, bool asJson)
    {
        if (asJson)
        {
            var list = SimFaultCatalog.All.Select(f => new
            {
                name = f.Name,
                description = f.Description,
                physical_effect = f.PhysicalEffect,
                clearing = f.Clearing,
                parameters = f.Parameters.Select(p => new { name = p.Name, unit = p.Unit, @default = p.Default, min = p.Min, max = p.Max, description = p.Description }),
            });
            output.WriteLine(JsonSerializer.Serialize(new { faults = list }, SummaryJson.Options));
            return ExitCodes.Ok;
        }
        var console = Console(output);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape("Simulator faults (scenario action: fault <name> [param=value ...])"));
        table.AddColumn("Fault");
        table.AddColumn("What it is / what it does");
        table.AddColumn("Parameters (unit, default, range)");
        foreach (var f in SimFaultCatalog.All)
        {
            string ps = string.Join("\n", f.Parameters.Select(p =>
                $"{p.Name} ({p.Unit}, {N(p.Default)}, {N(p.Min)}..{N(p.Max)})"));
            table.AddRow(new Markup("[bold]" + Markup.Escape(f.Name) + "[/]"),
                new Markup(Markup.Escape(f.Description) + "\n[grey]" + Markup.Escape(f.PhysicalEffect + " " + f.Clearing) + "[/]"),
                new Text(ps.Length == 0 ? "-" : ps));
        }
        console.Write(table);
        console.WriteLine("Example: at 5 s: fault cartridge-jam torque=0.05    (docs/scenarios.md)");
        return ExitCodes.Ok;
    }

    /// <summary>The human summary: headline table, expectations, highlights.</summary>
    internal static void Render(IAnsiConsole console, RunSummary s)
    {
        string verdict = s.Result switch
        {
            "passed" => "[green]passed[/]",
            "interrupted" => "[yellow]interrupted[/] (expectations judged on the simulated part only)",
            "failed" => "[red]FAILED[/]",
            _ => "[grey]no expectations[/]",
        };
        console.Write(new Rule($"[bold]mnpen sim[/] - {Markup.Escape(s.Scenario)} (seed {s.Seed})").LeftJustified());
        var t = new Table().Border(TableBorder.Rounded).HideHeaders();
        t.AddColumn("What");
        t.AddColumn("Value");
        string session = s.SessionResult.StartsWith("faulted", StringComparison.Ordinal) ? "[red]" + Markup.Escape(s.SessionResult) + "[/]"
            : s.SessionResult == "completed" ? "[green]completed[/]" : "[yellow]" + Markup.Escape(s.SessionResult) + "[/]";
        t.AddRow("Scenario result", verdict + $" ({s.Expectations.Count(e => e.Passed)}/{s.Expectations.Count} expectations held)");
        t.AddRow("Session result", session + $", ends {Markup.Escape(s.FinalState)}" + (s.FinalFault == "None" ? "" : " / " + Markup.Escape(s.FinalFault)));
        t.AddRow("Simulated time", $"{F(s.SimulatedSeconds, 1)} s ({F(s.RunningSeconds, 1)} s running)" +
                                   (s.WallSeconds is double w && w > 0 ? $", {F(w, 2)} s wall ({F(s.SimulatedSeconds / w, 0)}x real time)" : ""));
        t.AddRow("Strokes delivered", s.StrokesDelivered.ToString("N0", CultureInfo.InvariantCulture));
        t.AddRow("Stroke-rate error", s.Rate.Samples == 0 ? "[grey]not running long enough to judge[/]"
            : $"mean {F(s.Rate.MeanErrorPercent, 2)} %, max {F(s.Rate.MaxErrorPercent, 2)} % (target {F(s.Rate.TargetStrokesPerSecond, 0)} strokes/s)");
        t.AddRow("Depth error", s.Depth.Samples == 0 ? "[grey]not running long enough to judge[/]"
            : $"mean {F(s.Depth.MeanErrorMm * 1000, 1)} um, max {F(s.Depth.MaxErrorMm * 1000, 1)} um (set {F(s.Depth.TargetMm, 2)} mm)");
        t.AddRow("Peak motor current", F(s.PeakCurrentAmps, 2) + " A");
        t.AddRow("Peak handpiece temp.", F(s.PeakHandpieceCelsius, 1) + " C" + (s.PeakHandpieceCelsius > 41 ? " [red](above the 41 C skin-contact limit)[/]" : ""));
        t.AddRow("Battery used", $"{F(s.Battery.UsedMilliampHours, 2)} mAh ({F(s.Battery.StartPercent, 1)} % -> {F(s.Battery.EndPercent, 1)} %, " +
                                 $"{F(s.Battery.StartVolts, 2)} V -> {F(s.Battery.EndVolts, 2)} V)");
        if (s.Loop is { } loop)
            t.AddRow("Control loop", $"{Markup.Escape(loop.Platform)}: period {F(loop.LoopPeriodMs, 2)} ms (control {F(loop.ControlPeriodMs, 0)} ms), " +
                                     $"worst wake-up jitter {F(loop.WorstWakeJitterMs, 2)} ms, {loop.GcPauses} GC pauses (max {F(loop.MaxGcPauseMs, 1)} ms), " +
                                     $"{loop.LoopFaults} loop faults");
        t.AddRow("Faults raised", s.Faults.Count == 0 ? "none"
            : Markup.Escape(string.Join(", ", s.Faults.Select(f => $"{f.Code} ({f.Number}) at {F(f.TimeSeconds, 3)} s"))));
        console.Write(t);

        if (s.Expectations.Count > 0)
        {
            var e = new Table().Border(TableBorder.Rounded).Title("Expectations");
            e.AddColumn("Line");
            e.AddColumn("Expectation");
            e.AddColumn("");
            e.AddColumn("Measured");
            foreach (var x in s.Expectations)
                e.AddRow(new Text(x.Line.ToString(CultureInfo.InvariantCulture)), new Text(x.Text),
                    new Markup(x.Passed ? "[green]ok[/]" : "[red]FAIL[/]"), new Text(x.Measured));
            console.Write(e);
        }

        const int shown = 16;
        var h = new Table().Border(TableBorder.Simple).Title("Highlights");
        h.AddColumn(new TableColumn("Time (s)").RightAligned());
        h.AddColumn("Event");
        foreach (var ev in s.Events.Take(shown))
            h.AddRow(F(ev.TimeSeconds, 3), Markup.Escape(ev.Text));
        console.Write(h);
        int more = s.Events.Count - shown + s.EventsOmitted;
        if (more > 0) console.MarkupLine($"[grey]... {more} more events: --json lists them[/]");
    }

    private static string F(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
