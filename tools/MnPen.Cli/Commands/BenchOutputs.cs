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
    /// <summary>Largest population a run covers (a 50-pen sign-off run with margin; each pen costs a full suite run).</summary>
    public const int MaxPens = 200;

    /// <summary>Largest pen index --pen accepts (any drawn pen is valid; this only catches typos).</summary>
    public const int MaxPenIndex = 100_000;

    /// <summary>Findings printed under a failing case on stderr; the JSON has them all.</summary>
    public const int MaxFindingsShown = 10;

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
        Description = "Run every suite over N pens drawn from --seed: pen 0 is the reference pen, pens 1.. have their parts drawn\n" +
                      "within the production tolerances, are calibrated through their own sensors against instruments with their\n" +
                      "own errors, then aged (docs/simulator.md, \"Population of pens\"). Each limit judges the worst pen; the JSON\n" +
                      "gives worst/median/spread per measurement, the HTML the best..worst band, and a failing case names its pen\n" +
                      "and the command that reruns just that pen. Default 1 (the reference pen). Example: --pens 50",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    public readonly Option<int?> Pen = new("--pen")
    {
        Description = "Run only pen I of the population drawn from --seed (0 = the reference pen), e.g. the worst pen a --pens run\n" +
                      "named: mnpen bench --suite depth --case 'step/1.00 mm up' --seed 1 --pen 17",
        HelpName = "I",
    };

    public readonly Option<double> MotorSpread = new("--motor-spread")
    {
        Description = "Draw the pens' motor constant (kₑ = kₜ) and winding resistance within ± this percentage of nominal instead of\n" +
                      "the production ±10 % / ±12 % (the other parts keep theirs). Each pen's factory station measures its motor\n" +
                      "(motor auto-tune), so this shows the tuned rate loop on motors far from nominal; with --pens or --pen.\n" +
                      $"0 to {PenPopulation.MaxMotorSpread * 100:0}. Example: mnpen bench --suite rate --pens 50 --motor-spread 30",
        HelpName = "percent",
    };

    public readonly Option<double?> SkinSpread = new("--skin-spread")
    {
        Description = "Run every pen in skin whose puncture force spreads this much per needle (s.d., % of its mean).\n" +
                      "One needle's force spreads that much from insertion to insertion; the simulator's own is 15 % (docs/simulator.md,\n" +
                      "\"Skin\"). The needles of a stroke draw on their own, so a 16-needle stroke's total spreads spread/√16 unless\n" +
                      "--skin-common says they share it. 0 = every stroke the same: it separates what the skin's spread costs a figure\n" +
                      "from what the pen itself does. A diagnostic, named in the JSON and JUnit; not a sign-off.\n" +
                      $"0 to {PenPopulation.MaxSkinSpread * 100:0}. Example: mnpen bench --suite rate --pens 50 --skin-spread 0",
        HelpName = "percent",
    };

    public readonly Option<double?> SkinCommon = new("--skin-common")
    {
        Description = "Share of the skin's puncture spread the needles of one stroke have in common (% of its variance).\n" +
                      "The simulator's own is 0: each needle meets its own spot of skin (docs/simulator.md, \"Skin\"). 100 = one draw\n" +
                      "for every needle of a stroke: a 16-needle stroke's total spreads the whole --skin-spread (15 %) instead of\n" +
                      "15 %/√16 = 3.75 %, the harshest reading of the skin's spread. Named in the JSON and JUnit; not a sign-off.\n" +
                      "0 to 100. Example: mnpen bench --suite rate --pens 50 --skin-common 100",
        HelpName = "percent",
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Pens);
        cmd.Options.Add(Pen);
        cmd.Options.Add(MotorSpread);
        cmd.Options.Add(SkinSpread);
        cmd.Options.Add(SkinCommon);
        cmd.Options.Add(Case);
        cmd.Options.Add(Report);
        cmd.Options.Add(Trace);
    }

    /// <summary>Checks the options and creates the folders before any work; false (after saying why) on bad input.</summary>
    public bool Prepare(ParseResult parse, TextWriter error)
    {
        if (parse.GetValue(Pens) is < 1 or > MaxPens)
        {
            error.WriteLine($"mnpen bench: --pens must be 1 to {MaxPens}.");
            return false;
        }
        if (parse.GetValue(Pen) is int pen && (pen < 0 || pen > MaxPenIndex))
        {
            error.WriteLine($"mnpen bench: --pen must be a pen index 0 to {MaxPenIndex} (0 = the reference pen).");
            return false;
        }
        if (parse.GetValue(Pen) != null && parse.GetResult(Pens) is { Implicit: false })
        {
            error.WriteLine("mnpen bench: --pen runs one pen of the population; drop --pens (or drop --pen to run pens 0..N-1).");
            return false;
        }
        double spread = parse.GetValue(MotorSpread);
        if (!(spread >= 0 && spread <= PenPopulation.MaxMotorSpread * 100))
        {
            error.WriteLine($"mnpen bench: --motor-spread must be a percentage 0 to {PenPopulation.MaxMotorSpread * 100:0} (e.g. 30 for ±30 %).");
            return false;
        }
        if (spread > 0 && parse.GetValue(Pen) is null && parse.GetValue(Pens) < 2)
        {
            error.WriteLine("mnpen bench: --motor-spread widens the drawn pens' motors; pen 0 is the reference pen, so give --pens N (N >= 2) or --pen I (I >= 1).");
            return false;
        }
        if (parse.GetValue(SkinSpread) is double skin && !(skin >= 0 && skin <= PenPopulation.MaxSkinSpread * 100))
        {
            error.WriteLine($"mnpen bench: --skin-spread must be a percentage 0 to {PenPopulation.MaxSkinSpread * 100:0} (e.g. 0 for uniform skin; the simulator's own is 15).");
            return false;
        }
        if (parse.GetValue(SkinCommon) is double common && !(common >= 0 && common <= 100))
        {
            error.WriteLine("mnpen bench: --skin-common must be a percentage 0 to 100 (100 = one draw for every needle of a stroke; the simulator's own is 0, independent needles).");
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

    /// <summary>Names offered when --case matches nothing.</summary>
    public const int ClosestShown = 5;

    /// <summary>
    /// Before any simulation: false (after naming the pattern, the suites searched and the closest case names) when
    /// --case matches none of the cases the run would make, as the suites themselves list them.
    /// </summary>
    public bool CheckCases(ParseResult parse, IReadOnlyList<IBenchSuite> suites, BenchContext context, TextWriter error)
    {
        var options = RunnerOptions(parse);
        if (options.Cases is not CasePattern pattern) return true;
        var names = BenchRunner.CaseNames(suites, context, options);
        if (names.Any(pattern.Matches)) return true;
        error.WriteLine($"mnpen bench: no case matches --case '{pattern.Text}' among the {names.Count} cases of {(suites.Count == 1 ? "suite" : "suites")} " +
                        string.Join(", ", suites.Select(s => s.Name)) + (context.Quick ? " (--quick grid)" : "") +
                        $"; closest: {string.Join(", ", pattern.Closest(names, ClosestShown).Select(n => "'" + n + "'"))}. " +
                        "The pattern matches suite/case or the case name alone (* any text, ? one character).");
        return false;
    }

    /// <summary>Runner options from the command line.</summary>
    public BenchRunner.Options RunnerOptions(ParseResult parse) => new()
    {
        Cases = parse.GetValue(Case) is string p ? new CasePattern(p) : null,
        Pens = parse.GetValue(Pens),
        OnlyPen = parse.GetValue(Pen),
        MotorSpread = parse.GetValue(MotorSpread) / 100.0,
        SkinSpread = parse.GetValue(SkinSpread) is double skin ? skin / 100.0 : null,
        SkinCommon = parse.GetValue(SkinCommon) is double common ? common / 100.0 : null,
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
        // CheckCases refused a pattern the suites' lists do not match; a run that still makes none (and was not
        // interrupted) means a suite listed a case it does not make.
        bool matched = !(report.Cases.Count == 0 && report.InterruptedIn == null && parse.GetValue(Case) is string);
        if (!matched)
            error.WriteLine($"mnpen bench: no case the run made matches --case '{parse.GetValue(Case)}', though the suites listed one: a suite's CaseNames differs from what it runs.");
        foreach (var c in report.Cases.Where(c => !c.Passed).Take(20))
        {
            error.WriteLine($"FAILED {c.Suite}/{c.Name} (seed {report.Seed}" + (c.WorstPen is int p ? $", pen {p}" : "") + $"); rerun just it: {RerunCommand.For(c, report)}");
            foreach (string f in c.Findings.Take(MaxFindingsShown)) error.WriteLine("  " + f);
            if (c.Findings.Count > MaxFindingsShown) error.WriteLine($"  ... {c.Findings.Count - MaxFindingsShown} more (JSON: findings)");
        }
        if (report.Pens > 1) PopulationSummary.Write(report, error);
        error.WriteLine($"mnpen bench: {report.Cases.Count} cases in {report.WallSeconds:0.0} s wall, judged by bench spec {report.SpecVersion}.");
        return matched;
    }
}
