using System.CommandLine;
using System.Text.Json;
using MnPen.Cli.Contract;
using MnPen.Cli.Technician;
using MnPen.Client;
using MnPen.Protocol;
using MnPen.Safety;

namespace MnPen.Cli.Commands.Technician;

/// <summary>`mnpen pen start|stop|ack|clear|selftest|reboot`: bench commands over the pen protocol, refused with the pen's reason.</summary>
internal static class PenCommand
{
    public static Command Create()
    {
        var cmd = new Command("pen",
            "Bench commands over the pen protocol: start and stop the motor, acknowledge or service-clear a fault, run the\n" +
            "self-test, reboot.\n" +
            "The pen's own policy decides: whatever it refuses (service lock, motor running, fault active, no cartridge...)\n" +
            "is reported with its reason and what to do, and nothing changes.\n" +
            "Exit 0 = done, 1 = the pen refused or a check failed, 2 = bad option or missing key, 3 = no pen answered,\n" +
            "130 = Ctrl+C or SIGTERM cut a `pen start --for` short (the motor is stopped first).\n" +
            "Examples:  mnpen pen start --target tcp://127.0.0.1:7755 --key dev --for 10\n" +
            "           mnpen pen ack --target serial:/dev/ttyACM0\n" +
            "           mnpen pen clear --target tcp://127.0.0.1:7755 --key dev\n" +
            "           mnpen pen selftest --target tcp://127.0.0.1:7755 --json");
        cmd.Subcommands.Add(Start());
        cmd.Subcommands.Add(Simple("stop", "Stops the motor (always allowed; no key needed).", MessageType.Stop, c =>
            CommandResultNames.Name(c.Stop()) == "AlreadyDone" ? "the motor was not running." : "motor stopped."));
        cmd.Subcommands.Add(Simple("ack", "Acknowledges the pen's latched fault once its cause is gone (never starts the motor).", MessageType.AckFault, c =>
        {
            int before = c.GetStatus().Fault;
            int r = c.AcknowledgeFault();
            string name = before == 0 ? "no fault" : $"fault {FaultCatalog.Name((FaultCode)before)} ({before})";
            return CommandResultNames.Name(r) == "AlreadyDone" ? $"nothing to acknowledge ({name})." : $"{name} acknowledged.";
        }));
        cmd.Subcommands.Add(Simple("clear",
            "Technician's clear after repair or recalibration (service mode: --key): clears every latched fault whose cause\n" +
            "is gone, service faults included. Faults that need a power cycle stay latched until the pen is switched off and on;\n" +
            "a reboot clears nothing. Never starts the motor; logged in the security log.", MessageType.ServiceClear, c =>
        {
            int before = c.GetStatus().Fault;
            int r = c.ServiceClear();
            string name = before == 0 ? "no fault" : $"fault {FaultCatalog.Name((FaultCode)before)} ({before})";
            return CommandResultNames.Name(r) == "AlreadyDone" ? $"nothing to clear ({name})." : $"{name} cleared.";
        }));
        cmd.Subcommands.Add(SelfTest());
        cmd.Subcommands.Add(Simple("reboot", "Restarts the pen (refused while the motor runs).", MessageType.Reboot, c =>
        {
            c.Reboot();
            return "pen restarting.";
        }, lockAfter: false));
        return cmd;
    }

    private static Command Simple(string name, string description, byte request, Func<PenClient, string> act, bool lockAfter = true)
    {
        var target = StatusCommand.TargetOption();
        var key = ServiceAccess.KeyOption();
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command(name, description);
        foreach (var o in new Option[] { target, key, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!TryKey(parse.GetValue(key), name, request, error, out byte[]? secret)) return ExitCodes.BadInput;
            return WithService($"pen {name}", parse.GetValue(target)!, parse.GetValue(timeout), secret, error, lockAfter, client =>
            {
                parse.InvocationConfiguration.Output.WriteLine($"{client.Hello!.SerialNumber}: {act(client)}");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    private static Command Start()
    {
        var target = StatusCommand.TargetOption();
        var key = ServiceAccess.KeyOption();
        var hold = new Option<double>("--for") { Description = "Seconds to run, then stop; 0 = until Ctrl+C or SIGTERM (default).", HelpName = "s" };
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command("start",
            "Starts the motor at the pen's selected rate and depth (service mode: --key), watches it, and stops it when --for\n" +
            "runs out or on Ctrl+C or SIGTERM (waiting until the needle stands). The pen stops a motor started over the link\n" +
            "when the host falls silent, so the motor runs only while this command stays connected. Every interlock of the pen\n" +
            "still applies.\n" +
            "Exit 0 = ran for --for (or until Ctrl+C/SIGTERM with --for 0, its planned end), 1 = the pen refused or stopped\n" +
            "with a fault, 2 = bad option or missing key, 3 = no pen answered, 130 = Ctrl+C/SIGTERM before --for was over.\n" +
            "Examples:  mnpen pen start --target tcp://127.0.0.1:7755 --key dev --for 10\n" +
            "           mnpen pen start --target serial:/dev/ttyACM0 --key @pen.key");
        foreach (var o in new Option[] { target, key, hold, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            double seconds = parse.GetValue(hold);
            if (!(seconds >= 0) || double.IsInfinity(seconds))
            {
                error.WriteLine("mnpen pen start: --for must be >= 0 s (0 = until Ctrl+C or SIGTERM)");
                return ExitCodes.BadInput;
            }
            if (!TryKey(parse.GetValue(key), "start", MessageType.Start, error, out byte[]? secret)) return ExitCodes.BadInput;
            // Ctrl+C and SIGTERM (`kill`, a service manager, a script's timeout) stop the motor and wait for the needle to
            // stand before the process ends; a second Ctrl+C does not cut that short.
            using var interruption = Interruption.Listen(secondPressEnds: false);
            return WithService("pen start", parse.GetValue(target)!, parse.GetValue(timeout), secret, error, true, client =>
            {
                client.Start();
                output.WriteLine($"{client.Hello!.SerialNumber}: motor started" + (seconds > 0 ? $" for {seconds:0.#} s" : "; Ctrl+C or SIGTERM stops it"));
                int exit;
                string? stoppedBy;
                try
                {
                    exit = Watch(client, seconds, interruption.Token, output, error);
                    // Taken as the watch ends: a signal during the stop below did not cut the run short.
                    stoppedBy = interruption.StoppedBy;
                }
                finally
                {
                    client.Stop();
                    // The pen brakes the rotor, then puts the driver to sleep and logs the session's end: "stopped"
                    // is said once the needle stands, at most StopDeadline after the stop.
                    MotorRest.StopAndWait(client, StopDeadline);
                    output.WriteLine("motor stopped.");
                }
                if (exit != ExitCodes.Ok || stoppedBy == null) return exit;
                // Until Ctrl+C (--for 0) a signal is the planned end; with a --for it cut the run short.
                error.WriteLine($"mnpen pen start: stopped by {stoppedBy}" + (seconds > 0 ? $" before the {seconds:0.#} s were over" : ""));
                return seconds > 0 ? ExitCodes.Interrupted : ExitCodes.Ok;
            });
        });
        return cmd;
    }

    /// <summary>
    /// Longest wait, after Ctrl+C, SIGTERM or the end of --for, for the needle to stand before "motor stopped." and the
    /// exit: a person (or a service manager's stop timeout) is waiting, and a stop reads as standing within 0.37 s
    /// (MotorRest), so 2 s is ample; the pen stops its motor whatever this waits.
    /// </summary>
    internal static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(2);

    // Polls status (which also keeps the link alive) and reports a fault that stops the motor.
    private static int Watch(PenClient client, double seconds, CancellationToken stop, TextWriter output, TextWriter error)
    {
        var end = seconds > 0 ? DateTime.UtcNow.AddSeconds(seconds) : DateTime.MaxValue;
        var nextLine = DateTime.UtcNow;
        while (!stop.IsCancellationRequested && DateTime.UtcNow < end)
        {
            var s = client.GetStatus();
            var b = StatusReport.Body(s);
            if (s.Fault != 0 && FaultCatalog.ClassOf((FaultCode)s.Fault) is FaultClass.HardTrip or FaultClass.Refusal)
            {
                error.WriteLine($"mnpen pen start: the pen stopped with fault {b.Fault} ({b.FaultCode}): {b.FaultRemedy}");
                return ExitCodes.CheckFailed;
            }
            if (DateTime.UtcNow >= nextLine)
            {
                output.WriteLine($"  {b.State,-9} rate {b.MeasuredRateStrokesPerSecond,6:0.0}/{b.TargetRateStrokesPerSecond,5:0.0} strokes/s  depth {b.DepthMeasuredMm:0.00} mm  {b.MotorCurrentAmps:0.000} A");
                nextLine = DateTime.UtcNow.AddSeconds(1);
            }
            stop.WaitHandle.WaitOne(200);
        }
        return ExitCodes.Ok;
    }

    private static Command SelfTest()
    {
        var target = StatusCommand.TargetOption();
        var key = ServiceAccess.KeyOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object (snake_case) on stdout." };
        var timeout = StatusCommand.TimeoutOption();
        var cmd = new Command("selftest", "Runs the pen's self-test (motor stopped) and lists every failed check with its remedy. Exit 1 if any failed.");
        foreach (var o in new Option[] { target, key, json, timeout }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryKey(parse.GetValue(key), "selftest", MessageType.SelfTest, error, out byte[]? secret)) return ExitCodes.BadInput;
            return WithService("pen selftest", parse.GetValue(target)!, parse.GetValue(timeout), secret, error, true, client =>
            {
                var r = client.SelfTest();
                var failed = r.Faults.Select(f => new { code = f, fault = FaultCatalog.Name((FaultCode)f), remedy = FaultCatalog.Remedy((FaultCode)f) }).ToList();
                if (parse.GetValue(json))
                    output.WriteLine(JsonSerializer.Serialize(new { serial = client.Hello!.SerialNumber, passed = r.Passed, failed }, TechnicianJson.Options));
                else
                {
                    output.WriteLine($"{client.Hello!.SerialNumber}: self-test {(r.Passed ? "passed" : "FAILED")}");
                    foreach (var f in failed) output.WriteLine($"  {f.fault} ({f.code}): {f.remedy}");
                }
                return r.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
            });
        });
        return cmd;
    }

    // The --key of `mnpen pen NAME`: required when the schema says the request needs service mode; false after saying why.
    private static bool TryKey(string? text, string name, byte request, TextWriter error, out byte[]? secret)
    {
        secret = ServiceAccess.Resolve(text, ServiceAccess.NeedsService(request), $"`mnpen pen {name}`", out string? bad);
        if (bad == null) return true;
        error.WriteLine($"mnpen pen {name}: {bad}");
        return false;
    }

    /// <summary>Connects, enters service mode if a key is given, runs body, explains refusals, leaves service mode.</summary>
    internal static int WithService(string command, string target, double timeout, byte[]? key, TextWriter error, bool lockAfter, Func<PenClient, int> body) =>
        StatusCommand.WithPen(command, target, timeout, error, true, client =>
        {
            try
            {
                if (key != null) client.Unlock(key);
                try
                {
                    return body(client);
                }
                finally
                {
                    if (key != null && lockAfter) ServiceAccess.TryLock(client);
                }
            }
            catch (PenCommandException ex)
            {
                error.WriteLine($"mnpen {command}: refused: {RefusalText.Explain(ex)}");
                return ExitCodes.CheckFailed;
            }
        });
}
