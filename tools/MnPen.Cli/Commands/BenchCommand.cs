using System.CommandLine;
using System.Globalization;
using MnPen.Bench;
using MnPen.Bench.Reports;
using MnPen.Cli.Contract;
using MnPen.Bench.Runner;
using MnPen.Bench.Spec;
using MnPen.Bench.Suites;
using Spectre.Console;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen bench`: runs QA bench suites (rate, depth, interlocks) on the simulator and reports every case.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var suiteNames = string.Join(", ", BenchSelection.Names);
        var suite = new Option<string>("--suite")
        {
            Description = "Suites to run, comma-separated: " + suiteNames + " (standard = the release sign-off set).",
            HelpName = "name",
            DefaultValueFactory = _ => BenchRegistry.All,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout (passed, failed, cases[] with measured error per case); progress goes to stderr." };
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report to this file (for CI). Example: --junit reports/bench.xml", HelpName = "file" };
        var seed = new Option<ulong>("--seed") { Description = "Simulator seed (same seed, same figures).", HelpName = "N", DefaultValueFactory = _ => 1UL };
        var platform = PlatformOption.Create();
        var channel = ChannelOption.Create();
        var quick = new Option<bool>("--quick") { Description = "Reduced grid (a few cases per suite, seconds instead of a minute): for smoke checks." };
        var updateDocs = new Option<bool>("--update-docs") { Description = "With --suite interlocks: write the per-interlock time-to-stopped-needle table into docs/safety/interlocks.md (between its generated-table markers)." };

        var cmd = new Command("bench",
            "Runs QA bench suites on the simulated pen and checks each case against its target.\n" +
            "  rate:  stroke rate at every level (50-150 strokes/s), stepping up and down, for air/soft/nominal/tough skin\n" +
            "         with a full and a sagging battery, judged on the true rate: steady-state error <= 1 %; settling <= 150 ms\n" +
            "         after a level change and overshoot <= 5 % of the target, both on the rate over the last 5 strokes\n" +
            "         (into +/-2 %; single strokes are reported as ripple, not judged). Each case also shows what an\n" +
            "         open-loop pen (fixed duty per level) does under the same load.\n" +
            "  depth: needle depth at every 0.05 mm step from 0 to 2.5 mm and while running: error <= 0.05 mm.\n" +
            "  interlocks, persistence (power cuts during writes), endurance (a working day), protocol (fuzz, recovery);\n" +
            "  standard = the release sign-off set. Limits: tools/MnPen.Bench/spec/bench-spec.json (docs/qa/bench.md).\n" +
            "Exit 0 = every case passed, 1 = a case failed, 2 = bad input.\n" +
            "Examples:  mnpen bench --suite rate\n" +
            "           mnpen bench --suite depth --json > depth.json\n" +
            "           mnpen bench --suite all --junit reports/bench.xml --seed 7\n" +
            "           mnpen bench --suite standard --pens 8        (every suite over pens 0..7 of seed 1: worst, median, spread)\n" +
            "           mnpen bench --suite interlocks --channel hardware --quick --json\n" +
            "           mnpen bench --suite standard --report out --junit out/junit.xml   (writes out/index.html, out/bench.json, out/junit.xml)");
        cmd.Options.Add(suite);
        cmd.Options.Add(json);
        cmd.Options.Add(junit);
        cmd.Options.Add(seed);
        cmd.Options.Add(quick);
        cmd.Options.Add(platform);
        cmd.Options.Add(updateDocs);
        cmd.Options.Add(channel);
        var outputs = new BenchOutputs();
        outputs.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string name = parse.GetValue(suite) ?? BenchRegistry.All;
            var suites = BenchSelection.Parse(name, BenchSpec.Current, out string? unknown);
            if (suites == null)
            {
                error.WriteLine("mnpen bench: " + unknown);
                return ExitCodes.BadInput;
            }
            if (!outputs.Prepare(parse, error)) return ExitCodes.BadInput;
            var cases = new BenchContext { Seed = parse.GetValue(seed), Quick = parse.GetValue(quick), Platform = parse.GetValue(platform), Channel = parse.GetValue(channel) };
            if (!outputs.CheckCases(parse, suites, cases, error)) return ExitCodes.BadInput;
            string? junitPath = parse.GetValue(junit);
            if (junitPath != null && OutputFile.Prepare(junitPath, "--junit", out string? junitProblem) is null)
            {
                error.WriteLine("mnpen bench: " + junitProblem + ".");
                return ExitCodes.BadInput;
            }
            bool asJson = parse.GetValue(json);
            using var interruption = Interruption.Listen();
            var report = RunWithProgress(suites, parse.GetValue(seed), parse.GetValue(quick), parse.GetValue(platform), parse.GetValue(channel), error, interruption.Token, outputs.RunnerOptions(parse));

            if (junitPath != null) JUnitXml.Save(JUnitReportWriter.Write(report), junitPath);
            if (!outputs.Finish(parse, report, error)) return ExitCodes.BadInput;
            if (parse.GetValue(updateDocs) && report.InterruptedIn == null)
            {
                string? root = DocsCommand.FindRoot(Directory.GetCurrentDirectory());
                string message = "run this inside the repository (the folder holding MnPen.sln)";
                if (root == null || !NeedleStopDocTable.Update(root, report, out message))
                {
                    error.WriteLine("mnpen bench: --update-docs: " + message + ".");
                    return ExitCodes.BadInput;
                }
                error.WriteLine("mnpen bench: " + message + ".");
            }
            if (asJson) output.WriteLine(JsonReportWriter.Write(report));
            else PrintTables(report, output);
            if (report.InterruptedIn != null)
            {
                error.WriteLine($"mnpen bench: interrupted ({report.InterruptedIn} did not finish); the report holds the {report.Cases.Count} cases of the suites that did" +
                                (junitPath != null ? $" ({junitPath} written)" : "") + ".");
                return ExitCodes.Interrupted;
            }
            return report.Failed == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return cmd;
    }

    private static BenchReport RunWithProgress(IReadOnlyList<IBenchSuite> suites, ulong seed, bool quick, MnPen.Hal.Simulator.Platform.PlatformKind platform, SafetyChannel channel, TextWriter error, CancellationToken cancel, BenchRunner.Options options)
    {
        BenchContext Context(Action<string, int, int, string> progress) => new()
        {
            Seed = seed,
            Quick = quick,
            Cancellation = cancel,
            Platform = platform,
            Channel = channel,
            Progress = progress,
        };
        // Progress always goes to stderr so stdout stays clean for --json.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        if (!console.Profile.Capabilities.Interactive)
        {
            // Suites run side by side: say when each one is done (its cases are then in the report, even if interrupted).
            options.SuiteFinished = (s, seconds) => error.WriteLine($"bench {s}: finished in {seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s");
            return BenchRunner.Run(suites, Context((s, done, total, current) => { if (done == total || done % 10 == 0) error.WriteLine($"bench {s}: {done}/{total} {current}"); }), options);
        }
        BenchReport? result = null;
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(p =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            result = BenchRunner.Run(suites, Context((s, done, total, current) =>
            {
                if (!tasks.TryGetValue(s, out var t)) tasks[s] = t = p.AddTask(s, maxValue: total);
                t.Value = done;
                t.Description = s + ": " + Markup.Escape(current);
            }), options);
        });
        return result!;
    }

    private static void PrintTables(BenchReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        // Redirected output has no terminal width; give the tables room rather than wrapping every cell.
        if (!console.Profile.Capabilities.Interactive || console.Profile.Width < 140) console.Profile.Width = 180;
        foreach (var (name, description, seconds) in report.Suites)
        {
            var cases = report.Cases.Where(c => c.Suite == name).ToList();
            // The table shows what is judged plus the open-loop comparison; every other figure is in --json / --junit.
            var columns = cases.SelectMany(c => c.Measurements)
                .Where(m => m.Kind != LimitKind.Info || (m.Name.StartsWith("openLoop", StringComparison.Ordinal) && m.Name != "openLoopDuty")
                            || m.Name is "maxNeedleStill" or "maxStrokesAfterOnset" or "maxPenetrationsAfterOnset")
                .Select(m => (m.Name, m.Unit)).Distinct()
                .OrderBy(c => c.Name.StartsWith("openLoop", StringComparison.Ordinal) ? 1 : 0).ToList();
            var table = new Table().Title($"[bold]{Markup.Escape(name)}[/]: {Markup.Escape(description)}").Border(TableBorder.Simple);
            table.AddColumn("case");
            table.AddColumn("result");
            foreach (var (col, unit) in columns) table.AddColumn(new TableColumn(Markup.Escape(col + (unit.Length > 0 ? " [" + unit + "]" : ""))).RightAligned());
            foreach (var c in cases)
            {
                var row = new List<string> { Markup.Escape(c.Name), c.Passed ? "[green]pass[/]" : "[red]FAIL[/]" };
                foreach (var (col, _) in columns)
                {
                    var m = c.Find(col);
                    if (m == null) { row.Add(""); continue; }
                    string v = double.IsNaN(m.Value) ? "n/a" : m.Value.ToString(Math.Abs(m.Value) >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);
                    row.Add(m.Passed ? Markup.Escape(v) : "[red]" + Markup.Escape(v) + "[/]");
                }
                table.AddRow(row.ToArray());
                if (c.Error != null) table.AddRow("", "[red]" + Markup.Escape(c.Error) + "[/]");
            }
            console.Write(table);
            console.MarkupLine($"{Markup.Escape(name)}: [green]{cases.Count(c => c.Passed)} passed[/], " +
                               (cases.Any(c => !c.Passed) ? $"[red]{cases.Count(c => !c.Passed)} failed[/]" : "0 failed") +
                               $" in {seconds:0.0} s");
        }
        console.MarkupLine(report.Failed == 0 ? $"[green]all {report.Passed} cases passed[/]" : $"[red]{report.Failed} of {report.Cases.Count} cases failed[/]");
    }
}
