using System.CommandLine;
using MnPen.Bench;
using MnPen.Bench.Reports;
using MnPen.Bench.Runner;

namespace MnPen.Cli.Commands;

/// <summary>
/// `mnpen bench` options beyond running suites: which cases (--case), where the HTML report goes (--report) and where
/// case traces go (--trace); checks the folders before any work and writes the outputs after the run.
/// </summary>
internal sealed class BenchOutputs
{
    public readonly Option<string?> Case = new("--case")
    {
        Description = "Run only the cases matching this pattern (* and ?; matched against suite/case and the case name).\n" +
                      "Example: --case 'rate/tough/sagging/L6 up'   --case '*cartridge*'",
        HelpName = "pattern",
    };

    public readonly Option<string?> Report = new("--report")
    {
        Description = "Write an HTML report with plots (index.html) and its JSON (bench.json) into this folder; created if missing.",
        HelpName = "dir",
    };

    public readonly Option<string?> Trace = new("--trace")
    {
        Description = "With --case: write a CSV time series of every simulated pen the selected cases run into this folder (created if missing).",
        HelpName = "dir",
    };

    public readonly Option<int> Pens = new("--pens")
    {
        Description = "Pens per rate case (each its own seed: own noise, own factory calibration): limits judge the worst pen,\n" +
                      "the HTML shows the median pen and the best..worst band. Default 1.",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Pens);
        cmd.Options.Add(Case);
        cmd.Options.Add(Report);
        cmd.Options.Add(Trace);
    }

    /// <summary>Checks the options and creates the folders before any work; false (after saying why) on bad input.</summary>
    public bool Prepare(ParseResult parse, TextWriter error)
    {
        if (parse.GetValue(Pens) is < 1 or > 64)
        {
            error.WriteLine("mnpen bench: --pens must be 1 to 64.");
            return false;
        }
        if (parse.GetValue(Trace) != null && parse.GetValue(Case) == null)
        {
            error.WriteLine("mnpen bench: --trace records every pen of the cases it traces; choose them with --case (e.g. --case 'rate/tough/*').");
            return false;
        }
        foreach (var (name, dir) in new[] { ("--report", parse.GetValue(Report)), ("--trace", parse.GetValue(Trace)) })
        {
            if (dir == null) continue;
            try
            {
                Directory.CreateDirectory(dir);
                string probe = Path.Combine(dir, ".mnpen-write-test");
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"mnpen bench: cannot write to the {name} folder '{dir}': {e.Message}");
                return false;
            }
        }
        return true;
    }

    /// <summary>Runner options from the command line.</summary>
    public BenchRunner.Options RunnerOptions(ParseResult parse) => new()
    {
        Cases = parse.GetValue(Case) is string p ? new CasePattern(p) : null,
        Pens = parse.GetValue(Pens),
        TraceDirectory = parse.GetValue(Trace),
    };

    /// <summary>After the run: HTML report, failing cases with their seed and rerun command (stderr); false when --case matched nothing.</summary>
    public bool Finish(ParseResult parse, BenchReport report, TextWriter error)
    {
        if (parse.GetValue(Report) is string dir)
        {
            File.WriteAllText(Path.Combine(dir, "bench.json"), JsonReportWriter.Write(report));
            File.WriteAllText(Path.Combine(dir, "index.html"), HtmlReportWriter.Write(report));
            error.WriteLine("mnpen bench: HTML report " + Path.Combine(dir, "index.html"));
        }
        bool matched = !(report.Cases.Count == 0 && parse.GetValue(Case) is string);
        if (!matched)
            error.WriteLine($"mnpen bench: no case matches --case '{parse.GetValue(Case)}'. Run without --case (or with --json) to see the case names.");
        foreach (var c in report.Cases.Where(c => !c.Passed).Take(20))
            error.WriteLine($"FAILED {c.Suite}/{c.Name} (seed {report.Seed}); rerun just it: {RerunCommand.For(c, report)}");
        error.WriteLine($"mnpen bench: {report.Cases.Count} cases in {report.WallSeconds:0.0} s wall, judged by bench spec {report.SpecVersion}.");
        return matched;
    }
}
