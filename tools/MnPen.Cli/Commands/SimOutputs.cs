using System.CommandLine;
using MnPen.Bench.Reports;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Reporting;
using MnPen.VirtualPen.Scenarios;
using VPen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen sim` outputs beside the summary: a CSV trace of the run (--trace) and a JUnit file of its expectations (--junit).</summary>
internal sealed class SimOutputs
{
    public readonly Option<string?> Trace = new("--trace")
    {
        Description = "Write the run's time series as CSV (every " + TraceRecorder.DefaultIntervalMicros / 1000.0 + " ms of simulated time and at every state or\n" +
                      "fault change): state, target/true/measured stroke rate, true and measured depth, current, temperature, battery, duty.\n" +
                      "true_* columns are the simulator's physics, measured_* what the firmware's sensors read. Example: --trace run.csv",
        HelpName = "file.csv",
    };

    public readonly Option<string?> JUnit = new("--junit")
    {
        Description = "Also write the scenario's expectations as JUnit XML (one testcase each) for CI. Example: --junit reports/sim.xml",
        HelpName = "file",
    };

    public readonly Option<int?> Pen = new("--pen")
    {
        Description = "Run pen I of the population drawn from the seed instead of the reference pen: its parts drawn within the\n" +
                      "production tolerances, its own factory calibration, aged since (docs/simulator.md, \"Population of pens\");\n" +
                      "0 = the reference pen. The pen a `bench --pens N` run names as worst. Example: --seed 1 --pen 17 --trace pen17.csv",
        HelpName = "I",
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Pen);
        cmd.Options.Add(Trace);
        cmd.Options.Add(JUnit);
    }

    private string? _trace;
    private string? _junit;
    private DateTime _started;
    private string _platform = "";
    private int? _pen;
    private TextWriter? _error;

    /// <summary>Checks the output paths before any work (folders created); false after saying why.</summary>
    public bool Prepare(ParseResult parse, TextWriter error)
    {
        _trace = parse.GetValue(Trace);
        _junit = parse.GetValue(JUnit);
        _pen = parse.GetValue(Pen);
        if (_pen is < 0 or > BenchOutputs.MaxPenIndex)
        {
            error.WriteLine($"mnpen sim: --pen must be a pen index 0 to {BenchOutputs.MaxPenIndex} (0 = the reference pen).");
            return false;
        }
        _error = error;
        foreach (var (name, path) in new[] { ("--trace", _trace), ("--junit", _junit) })
        {
            if (path == null) continue;
            try
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir != null) Directory.CreateDirectory(dir);
                using (File.Open(path, FileMode.OpenOrCreate, FileAccess.Write)) { }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"mnpen sim: cannot write {name} file '{path}': {e.Message}");
                return false;
            }
        }
        return true;
    }

    /// <summary>Runs the scenario on a fresh virtual pen on the platform, tracing it if asked; the summary carries the loop figures.</summary>
    public RunSummary Run(Scenario run, MnPen.Hal.Simulator.Platform.PlatformKind platform, Action<double>? progress, CancellationToken cancel)
    {
        _started = DateTime.UtcNow;
        _platform = MnPen.Hal.Simulator.Platform.PlatformNames.Name(platform);
        var options = VirtualPenOptions.ForScenario(run);
        options.Platform = platform;
        if (_pen is int index)
        {
            // Pen index of the population of the run's seed: its noise seed, aged parts and own calibration.
            var drawn = new MnPen.Bench.Runner.PenPopulation(run.Seed, 1, index).At(0);
            options.Seed = drawn.NoiseSeed;
            drawn.Apply(options);
            _error?.WriteLine("mnpen sim: " + drawn.Draw.Describe(6));
        }
        var pen = VPen.Create(options);
        pen.Boot();
        using var trace = _trace == null ? null : TraceRecorder.Attach(pen, _trace);
        var summary = ScenarioRunner.Run(run, pen, progress, cancel);
        return summary with { Loop = LoopSummary.From(pen, summary.Faults) };
    }

    /// <summary>Writes the JUnit file, if asked.</summary>
    public void Finish(RunSummary summary)
    {
        if (_junit != null) JUnitXml.Save(ScenarioJUnitWriter.Write(summary, _platform, _started), _junit);
    }
}
