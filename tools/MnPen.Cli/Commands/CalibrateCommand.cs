using System.CommandLine;
using System.Text.Json;
using MnPen.Cli.Contract;
using MnPen.Client;
using MnPen.VirtualPen.Serve;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen calibrate`: shows, exports and imports a pen's calibration over the pen protocol (writes need the service key).</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        // The guided kinds named in the description are the commands themselves, so a new kind cannot be left out of it.
        var guided = Technician.GuidedCalibrationCommand.Create().ToList();
        var cmd = new Command("calibrate",
            "Technician calibration over the pen protocol: guided procedures against a reference instrument with a certificate\n" +
            $"({string.Join(", ", guided.Select(g => g.Name))}: `mnpen calibrate KIND --help`), or show the calibration, export it to\n" +
            "an editable JSON file, or import a file into the pen. Importing needs service mode (the pen's service key) and the motor stopped;\n" +
            "the file is checked here and again by the pen, and nothing is changed if any value is refused. Import stamps today's\n" +
            "date (UTC), the next due date and the technician (--technician). The new calibration\n" +
            "takes effect when the pen restarts (--reboot does that).\n" +
            "Exit 0 = done, 1 = the pen refused, 2 = bad file or option, 3 = no pen answered.\n" +
            "Examples:  mnpen calibrate show --target tcp://127.0.0.1:7755\n" +
            "           mnpen calibrate export pen.json --target serial:/dev/ttyACM0\n" +
            "           mnpen calibrate import pen.json --target tcp://127.0.0.1:7755 --key dev --reboot");
        cmd.Subcommands.Add(Show());
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Import());
        foreach (var kind in guided) cmd.Subcommands.Add(kind);
        return cmd;
    }

    private static Command Show()
    {
        var target = StatusCommand.TargetOption();
        var json = new Option<bool>("--json") { Description = "Print the calibration file format (JSON) on stdout." };
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command("show", "Prints the pen's calibration (tables, gains, current sense, dates, technician).");
        foreach (var o in new Option[] { target, json, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return StatusCommand.WithPen("calibrate show", parse.GetValue(target)!, parse.GetValue(timeout), parse.InvocationConfiguration.Error, true, client =>
            {
                var file = CalibrationFile.From(client.ReadCalibration());
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(file, CalibrationFile.Json));
                    return ExitCodes.Ok;
                }
                output.WriteLine($"pen {file.SerialNumber}: calibrated {file.CalibratedOn} by {file.TechnicianId}, next due {file.NextDue}");
                output.WriteLine($"  rate loop: Kp {file.RateKp} duty per stroke/s, Ki {file.RateKi} duty per stroke/s/s; feed-forward at {file.FeedForwardSupplyVolts} V:");
                foreach (var p in file.FeedForward) output.WriteLine($"    {p.StrokesPerSecond,7:0.0} strokes/s -> duty {p.Duty:0.0000}");
                output.WriteLine("  depth map:");
                foreach (var p in file.DepthMap) output.WriteLine($"    {p.DepthMm,5:0.00} mm -> drive {p.Drive:0.0000}, feedback {p.FeedbackCounts} counts");
                output.WriteLine($"  current sense: offset {file.CurrentOffsetCounts} counts, {file.CurrentMilliampsPerCount} mA/count");
                output.WriteLine($"  thermistor: {file.ThermistorRailCounts} rail counts; battery: {file.BatteryMillivoltsPerCount} mV/count" +
                                 (file.SensingCalibrated ? "" : " (conservative defaults: needs calibration, run `mnpen calibrate thermistor` and `battery`)"));
                output.WriteLine($"  motor: {file.MotorResistanceOhms} ohm, back-EMF {file.MotorBackEmfVoltSecondsPerRad} V.s/rad" +
                                 (file.MotorCalibrated == true ? " (measured on this pen)" : " (nominal motor: not measured, run `mnpen calibrate current`, which measures it)"));
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    private static Command Export()
    {
        var target = StatusCommand.TargetOption();
        var timeout = StatusCommand.TimeoutOption();
        var file = new Argument<FileInfo>("file") { Description = "JSON file to write (format mnpen-calibration/2; /1 files without motor constants still import)." };
        var cmd = new Command("export", "Writes the pen's calibration to an editable JSON file.");
        cmd.Arguments.Add(file);
        cmd.Options.Add(target);
        cmd.Options.Add(timeout);
        cmd.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = OutputFile.Prepare(parse.GetValue(file)!.FullName, "<file>", out string? problem);
            if (path == null)
            {
                error.WriteLine("mnpen calibrate export: " + problem + ".");
                return ExitCodes.BadInput;
            }
            return StatusCommand.WithPen("calibrate export", parse.GetValue(target)!, parse.GetValue(timeout), error, true, client =>
            {
                try
                {
                    CalibrationFile.From(client.ReadCalibration()).Save(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"mnpen calibrate export: cannot write {path}: {ex.Message}");
                    return ExitCodes.BadInput;
                }
                parse.InvocationConfiguration.Output.WriteLine($"calibration of {client.Hello!.SerialNumber} written to {path}");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    private static Command Import()
    {
        var target = StatusCommand.TargetOption();
        var timeout = StatusCommand.TimeoutOption();
        var file = new Argument<FileInfo>("file") { Description = "Calibration file (JSON, as written by export)." };
        var key = new Option<string?>("--key") { Description = "Service key: " + ServiceKeyText.Forms + ".", HelpName = "key" };
        var reboot = new Option<bool>("--reboot") { Description = "Restart the pen afterwards so the new calibration takes effect." };
        var technician = new Option<string?>("--technician") { Description = "Technician id stamped into the calibration with today's date (UTC); default: the file's.", HelpName = "id" };
        var allowSerial = new Option<bool>("--allow-serial-change") { Description = "Accept a file whose serial number differs from the pen's (re-serialising a pen)." };
        var cmd = new Command("import", "Checks a calibration file and writes it into the pen (service key required, motor stopped).");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { target, key, technician, reboot, allowSerial, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string path = parse.GetValue(file)!.FullName;
            var f = CalibrationFile.Load(path, out string? loadError);
            if (f == null)
            {
                error.WriteLine("mnpen calibrate import: " + loadError);
                return ExitCodes.BadInput;
            }
            var calibration = f.ToCalibration(out var problems);
            if (calibration == null)
            {
                error.WriteLine($"mnpen calibrate import: {path} is not usable, nothing was written:");
                foreach (var p in problems) error.WriteLine("  - " + p);
                return ExitCodes.BadInput;
            }
            MnPen.Calibration.CalibrationStamp.Apply(calibration, parse.GetValue(technician) ?? calibration.TechnicianId, DateTime.UtcNow);
            if (MnPen.Storage.CalibrationValidator.Validate(calibration) is { } stampProblem)
            {
                error.WriteLine($"mnpen calibrate import: {stampProblem}; nothing was written");
                return ExitCodes.BadInput;
            }
            byte[]? secret = ServiceKeyText.Parse(parse.GetValue(key), name => name == "dev" ? DevelopmentServiceKey.Bytes : null, out string? keyError);
            if (secret == null)
            {
                error.WriteLine("mnpen calibrate import: " + keyError);
                return ExitCodes.BadInput;
            }
            return StatusCommand.WithPen("calibrate import", parse.GetValue(target)!, parse.GetValue(timeout), error, true, client =>
            {
                string serial = client.Hello!.SerialNumber;
                if (serial != calibration.SerialNumber && !parse.GetValue(allowSerial))
                {
                    error.WriteLine($"mnpen calibrate import: the file is for pen '{calibration.SerialNumber}' but this pen is '{serial}'; " +
                                    "use the right file, or --allow-serial-change to re-serialise the pen.");
                    return ExitCodes.BadInput;
                }
                if (f.LacksMotor)
                {
                    // An older file knows nothing of the motor: the pen's own constants stay as they are.
                    var current = client.ReadCalibration();
                    calibration.MotorResistanceOhms = current.MotorResistanceOhms;
                    calibration.MotorBackEmfVoltSecondsPerRad = current.MotorBackEmfVoltSecondsPerRad;
                    calibration.MotorCalibrated = current.MotorCalibrated;
                    output.WriteLine($"note: {Path.GetFileName(path)} is format {CalibrationFile.FormatTagV1} and has no motor constants; the pen keeps its own " +
                                     $"({current.MotorResistanceOhms:0.###} ohm, {current.MotorBackEmfVoltSecondsPerRad:0.######} V.s/rad, {(current.MotorCalibrated ? "measured" : "nominal")}).");
                }
                client.Unlock(secret);
                try
                {
                    client.WriteCalibration(calibration);
                    var back = CalibrationFile.From(client.ReadCalibration());
                    if (JsonSerializer.Serialize(back, CalibrationFile.Json) != JsonSerializer.Serialize(CalibrationFile.From(calibration), CalibrationFile.Json))
                    {
                        error.WriteLine("mnpen calibrate import: the pen stored a calibration that reads back differently; check it with `mnpen calibrate show`.");
                        return ExitCodes.CheckFailed;
                    }
                    output.WriteLine($"calibration written to {calibration.SerialNumber} and read back identical.");
                    if (parse.GetValue(reboot))
                    {
                        client.Reboot();
                        output.WriteLine("pen restarting: the new calibration takes effect now.");
                    }
                    else
                    {
                        output.WriteLine("it takes effect when the pen restarts (add --reboot).");
                    }
                    return ExitCodes.Ok;
                }
                finally
                {
                    if (!parse.GetValue(reboot)) TryLock(client);
                }
            });
        });
        return cmd;
    }

    private static void TryLock(PenClient client)
    {
        try { client.Lock(); }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException) { }
    }
}
