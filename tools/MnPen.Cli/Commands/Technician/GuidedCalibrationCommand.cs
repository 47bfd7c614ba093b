using System.CommandLine;
using System.Text.Json;
using MnPen.Calibration;
using MnPen.Calibration.Certificates;
using MnPen.Calibration.Instruments;
using MnPen.Cli.Contract;
using MnPen.Cli.Technician;
using MnPen.Client;
using Spectre.Console;

namespace MnPen.Cli.Commands.Technician;

/// <summary>`mnpen calibrate depth|rate|current|thermistor|battery|motor`: the guided procedures with a reference instrument and a certificate.</summary>
internal static class GuidedCalibrationCommand
{
    /// <summary>The guided procedures, added under `mnpen calibrate`.</summary>
    public static IEnumerable<Command> Create()
    {
        yield return Guided(GuidedKind.Depth);
        yield return Guided(GuidedKind.Rate);
        yield return Guided(GuidedKind.Current);
        yield return Guided(GuidedKind.Thermistor);
        yield return Guided(GuidedKind.Battery);
        yield return Guided(GuidedKind.Motor);
    }

    private static Command Guided(GuidedKind kind)
    {
        var target = new Option<string>("--target") { Description = "The pen: sim (a simulated pen with drifted parts, served here) or " + TargetUri.Forms + ".", HelpName = "uri", Required = true };
        var reference = new Option<string>("--reference") { Description = $"{kind.Instrument} readings: sim (simulated instrument, only with --target sim), prompt (type them; default) or a CSV FILE of set_point,reading lines.", HelpName = "sim|prompt|FILE", DefaultValueFactory = _ => "prompt" };
        var key = ServiceAccess.KeyOption();
        var technician = new Option<string?>("--technician") { Description = "Technician id for the pen's calibration and the certificate (default: the login name).", HelpName = "id" };
        var dir = new Option<DirectoryInfo>("--certificate-dir") { Description = "Where the certificate's .json and .html go (default: the current directory).", HelpName = "dir", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON (snake_case) on stdout; progress goes to stderr." };
        var timeout = StatusCommand.TimeoutOption();
        var penIndex = new Option<int>("--pen")
        {
            Description = "With --target sim: which simulated pen. 0 = the reference pen (default); I >= 1 = pen I of the population\n" +
                          "(parts drawn within production tolerances, factory-calibrated, aged: the pens of `mnpen bench --pens`).",
            HelpName = "I",
        };
        var cmd = kind != GuidedKind.Depth ? new Command(kind.Name, kind.Help) : new Command("depth",
            "Guided depth calibration. Checks the preconditions (cartridge fitted, service mode, motor stopped, no fault,\n" +
            "gauge ready) and reports every one; holds the needle at each depth-map point (0..2.5 mm in 0.25 mm) through the\n" +
            "pen's own depth loop and reads the gauge there; rebuilds the map (gauge readings must rise: monotone), writes it,\n" +
            "reads it back, restarts the pen so it takes effect, and verifies at 0.3, 0.8, 1.3, 1.8 and 2.3 mm against\n" +
            $"±{DepthCalibration.ToleranceMm} mm. If verification fails, the previous calibration is written back exactly.\n" +
            "The pen logs the write (CalibrationChanged, ServiceAccess). A certificate (JSON and HTML) is written either way.\n" +
            "Takes about 6 s of pen time per point.\n" +
            GuidedKind.Interrupted(true) +
            "Exit 0 = calibrated and verified, 1 = rejected (previous calibration kept), 2 = bad option or precondition, 3 = no pen answered,\n" +
            "130 = interrupted (Ctrl+C or SIGTERM).\n" +
            "Examples:  mnpen calibrate depth --target sim --reference sim --json\n" +
            "           mnpen calibrate depth --target serial:/dev/ttyACM0 --key @pen.key --technician t-12 --reference prompt");
        foreach (var o in new Option[] { target, reference, penIndex, key, technician, dir, json, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            bool asJson = parse.GetValue(json);
            string t = parse.GetValue(target)!.Trim();
            string r = parse.GetValue(reference)!.Trim();
            bool sim = t.Equals("sim", StringComparison.OrdinalIgnoreCase);
            if (r.Equals("sim", StringComparison.OrdinalIgnoreCase) && !sim)
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: --reference sim is a simulated gauge and works only with --target sim; use prompt or a FILE for a real pen");
                return ExitCodes.BadInput;
            }
            int penNumber = parse.GetValue(penIndex);
            if (penNumber < 0 || (penNumber != 0 && !sim))
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: --pen {penNumber}: " + (penNumber < 0 ? "a pen index is 0 or more" : "--pen picks a simulated pen and works only with --target sim"));
                return ExitCodes.BadInput;
            }
            if (!sim && TargetUri.Validate(t) is { } badTarget)
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: " + badTarget + " (or sim)");
                return ExitCodes.BadInput;
            }
            byte[]? secret = ServiceAccess.Resolve(parse.GetValue(key) ?? (sim ? "dev" : null), true, "calibration", out string? badKey);
            if (secret == null)
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: " + badKey);
                return ExitCodes.BadInput;
            }
            FileInstrument? file = null;
            if (!r.Equals("sim", StringComparison.OrdinalIgnoreCase) && !r.Equals("prompt", StringComparison.OrdinalIgnoreCase))
            {
                file = FileInstrument.Load(r, out string? badFile);
                if (file == null)
                {
                    error.WriteLine($"mnpen calibrate {kind.Name}: " + badFile);
                    return ExitCodes.BadInput;
                }
            }
            string tech = parse.GetValue(technician) ?? Environment.UserName;
            var progressOut = asJson ? error : output;
            // Ctrl+C and SIGTERM (a service manager, `kill`, a closing session) stop the procedure at its next step; a
            // record already written is put back before the process ends, so a second Ctrl+C does not end it there.
            using var interruption = Interruption.Listen(secondPressEnds: false);
            var stop = interruption.Token;
            SimulatedBench? bench = null;
            try
            {
                if (sim)
                {
                    bool motorDrift = kind == GuidedKind.Motor;
                    // The motor auto-tune's pen has its sensing as calibrated and a replaced motor: the test pulses read
                    // current and supply through the pen's channels, which `calibrate battery` and `current` set first.
                    progressOut.WriteLine("starting " + (motorDrift ? SimulatedBench.DescribeMotor(penNumber) : SimulatedBench.Describe(penNumber)));
                    bench = new SimulatedBench(scale: motorDrift ? 0 : 1, pen: penNumber, motorDrift: motorDrift);
                    t = bench.Target;
                }
                IReferenceInstrument gauge = bench != null && r.Equals("sim", StringComparison.OrdinalIgnoreCase) ? kind.Simulated(bench.Server)
                    : file ?? (IReferenceInstrument)new PromptInstrument(kind.Instrument, kind.Instrument.Replace(' ', '-'), 0, Console.In, progressOut, stop);
                using var pen = new PenSession(t, secret, TimeSpan.FromSeconds(parse.GetValue(timeout)));
                // Read before the procedure does, to show after an interruption that the pen kept (or got back) this record.
                var before = pen.Client.ReadCalibration();
                CalibrationOutcome outcome;
                try
                {
                    outcome = kind == GuidedKind.Depth
                        ? RunWithProgress(new DepthCalibration(pen, gauge, Progress(progressOut), stop), tech, progressOut, asJson || gauge is PromptInstrument)
                        : kind == GuidedKind.Current
                            ? new CurrentCalibration(pen, gauge, Progress(progressOut), stop).Run(tech, DateTime.UtcNow)
                        : kind == GuidedKind.Motor
                            ? new MotorCalibration(pen, gauge, Progress(progressOut), stop).Run(tech, DateTime.UtcNow)
                        : kind.Channel != null
                            ? new SensingCalibration(pen, gauge, kind.Channel(), Progress(progressOut), stop).Run(tech, DateTime.UtcNow)
                            : new ReadingCheck(pen, gauge, kind.Quantity!(), Progress(progressOut), stop).Run(tech, DateTime.UtcNow);
                }
                catch (OperationCanceledException)
                {
                    // The procedure has stopped the motor and put back what it wrote; this reads the pen to say so.
                    InterruptedCalibration.Write(InterruptedCalibration.Check(kind.Name, pen.Client, before, interruption.StoppedBy), asJson, output, error);
                    return ExitCodes.Interrupted;
                }
                var (jsonPath, htmlPath) = CertificateWriter.Write(outcome, parse.GetValue(dir)!.FullName);
                if (asJson) output.WriteLine(JsonSerializer.Serialize(new { outcome, certificate_json = jsonPath, certificate_html = htmlPath }, CertificateWriter.Json));
                else
                {
                    foreach (var p in outcome.Preconditions) output.WriteLine($"  {(p.Ok ? "ok " : "NOT")} {p.Check}: {p.Detail}");
                    if (outcome.Motor is { } m) MotorTuneText.Write(m, output);
                    foreach (var c in outcome.Checks) output.WriteLine($"  check {c.SetPoint:0.00} {outcome.Unit}: pen {c.PenReading:0.000}, reference {c.Reference:0.000}, error ({outcome.CheckError}) {c.Error:+0.000;-0.000} {outcome.Unit} {(c.Pass ? "ok" : "OUT")}");
                    output.WriteLine($"{outcome.PenSerial} {kind.Name} calibration: {outcome.Verdict.ToUpperInvariant()} — {outcome.Reason}");
                    output.WriteLine($"certificate: {htmlPath} and {jsonPath}");
                }
                if (outcome.Verdict == "pass") return ExitCodes.Ok;
                return outcome.Preconditions.Any(p => !p.Ok) ? ExitCodes.BadInput : ExitCodes.CheckFailed;
            }
            catch (OperationCanceledException)
            {
                // Before the procedure started: nothing was written.
                error.WriteLine($"mnpen calibrate {kind.Name}: interrupted before the procedure started; nothing was written to the pen");
                return ExitCodes.Interrupted;
            }
            catch (PenCommandException ex)
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: refused: " + RefusalText.Explain(ex));
                return ExitCodes.CheckFailed;
            }
            catch (Exception ex) when (ex is PenUnavailableException or PenIncompatibleException)
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: " + ex.Message);
                return ExitCodes.Unavailable;
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
            {
                error.WriteLine($"mnpen calibrate {kind.Name}: stopped: " + ex.Message + "; the pen keeps its previous calibration");
                return ExitCodes.CheckFailed;
            }
            finally
            {
                bench?.Dispose();
            }
        });
        return cmd;
    }

    private static Action<string> Progress(TextWriter o) => line => o.WriteLine("  " + line);

    // On a terminal, a Spectre.Console progress bar; otherwise the plain progress lines.
    private static CalibrationOutcome RunWithProgress(DepthCalibration procedure, string technician, TextWriter plain, bool plainOnly)
    {
        if (plainOnly || Console.IsOutputRedirected || !ReferenceEquals(plain, Console.Out))
            return procedure.Run(technician, DateTime.UtcNow);
        CalibrationOutcome? result = null;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(ctx =>
        {
            var task = ctx.AddTask("depth calibration", maxValue: DepthCalibration.Steps);
            procedure.ProgressSink = line => { task.Description = Markup.Escape(line); task.Increment(1); };
            result = procedure.Run(technician, DateTime.UtcNow);
            task.Value = task.MaxValue;
        });
        return result!;
    }
}
