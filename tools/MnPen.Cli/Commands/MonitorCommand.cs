using System.CommandLine;
using System.Text.Json;
using MnPen.Cli.Contract;
using MnPen.Cli.Technician;
using MnPen.Client;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen monitor`: streams a pen's telemetry (rate, depth, current, temperature, voltage, state).</summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var target = StatusCommand.TargetOption();
        // Samples/s, not --rate: --rate is strokes/s everywhere else in mnpen.
        var rate = new Option<int>("--samples-per-second") { Description = $"Telemetry samples per second, 1..{MnPen.Protocol.ProtocolLimits.MaxTelemetryHz}.", HelpName = "n", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Seconds to monitor; 0 = until Ctrl+C (default).", HelpName = "s" };
        var json = new Option<bool>("--json") { Description = "One JSON object per sample per line (JSON lines) on stdout; summary on stderr." };
        var timeout = StatusCommand.TimeoutOption();
        var record = new Option<FileInfo?>("--record") { Description = "Also write every sample to this CSV file (header line first).", HelpName = "FILE.csv" };
        var cmd = new Command("monitor",
            "Streams telemetry from a pen: time, state, fault, measured/target stroke rate, measured/set depth, motor current,\n" +
            "handpiece temperature, battery voltage and motor duty, at a chosen number of samples per second. Samples lost on the link show as gaps\n" +
            "in the sequence and are counted at the end.\n" +
            "Ctrl+C or SIGTERM ends it as --duration does: telemetry off, the summary on stderr, the --record file complete.\n" +
            "Exit 0 = monitored (also when Ctrl+C/SIGTERM ends a --duration 0 run, its planned end), 2 = bad option,\n" +
            "3 = no pen answered or the telemetry stopped, 130 = Ctrl+C/SIGTERM before the --duration was over.\n" +
            "Examples:  mnpen monitor --target tcp://127.0.0.1:7755 --samples-per-second 20 --duration 10\n" +
            "           mnpen monitor --target serial:/dev/ttyACM0 --json > run.jsonl");
        foreach (var o in new Option[] { target, rate, duration, json, timeout }) cmd.Options.Add(o);
        cmd.Options.Add(record);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            int hz = parse.GetValue(rate);
            double seconds = parse.GetValue(duration);
            bool asJson = parse.GetValue(json);
            if (hz < 1 || hz > MnPen.Protocol.ProtocolLimits.MaxTelemetryHz)
            {
                error.WriteLine($"mnpen monitor: --samples-per-second must be 1..{MnPen.Protocol.ProtocolLimits.MaxTelemetryHz}, got {hz}");
                return ExitCodes.BadInput;
            }
            if (seconds < 0 || double.IsNaN(seconds))
            {
                error.WriteLine("mnpen monitor: --duration must be >= 0 s (0 = until Ctrl+C)");
                return ExitCodes.BadInput;
            }
            SampleRecorder? recorder = null;
            if (parse.GetValue(record) is { } recordFile && (recorder = SampleRecorder.Open(recordFile.FullName, out string? recordError)) == null)
            {
                error.WriteLine("mnpen monitor: " + recordError);
                return ExitCodes.BadInput;
            }
            using var recording = recorder;
            // Ctrl+C and SIGTERM (a service manager, `kill`, a script ending a recording) end the monitoring as its
            // --duration does: telemetry off, the summary, the record flushed and closed.
            using var interruption = Interruption.Listen();
            return StatusCommand.WithPen("monitor", parse.GetValue(target)!, parse.GetValue(timeout), error, true, client =>
            {
                client.SetTelemetry(hz);
                var end = seconds > 0 ? DateTime.UtcNow.AddSeconds(seconds) : DateTime.MaxValue;
                var tally = new MonitorTally();
                bool received = LiveMonitor.Applies(output, asJson)
                    ? LiveMonitor.Run(client, hz, end, interruption.Token, recorder, tally)
                    : Stream(client, hz, seconds, asJson, end, interruption.Token, recorder, tally, output);
                recorder?.Dispose();
                if (!received)
                {
                    error.WriteLine(tally.Summary(recorder, null));
                    error.WriteLine($"mnpen monitor: no telemetry from {client.Target} for a while — is the pen still connected?");
                    return ExitCodes.Unavailable;
                }
                error.WriteLine(tally.Summary(recorder, interruption.StoppedBy));
                client.SetTelemetry(0);
                // Until Ctrl+C (--duration 0) a signal is the planned end; with a --duration it cut the monitoring short.
                return interruption.StoppedBy != null && seconds > 0 ? ExitCodes.Interrupted : ExitCodes.Ok;
            });
        });
        return cmd;
    }

    // The plain form (pipes, files, --json): one line or JSON object per sample until the end time or stop; false when
    // the telemetry stopped coming.
    private static bool Stream(PenClient client, int hz, double seconds, bool asJson, DateTime end, CancellationToken stop, SampleRecorder? recorder, MonitorTally tally, TextWriter output)
    {
        if (!asJson)
            output.WriteLine($"monitoring {client.Hello!.SerialNumber} at {client.Target}, {hz} samples/s" + (seconds > 0 ? $" for {seconds:0.#} s" : "; Ctrl+C stops"));
        while (!stop.IsCancellationRequested && DateTime.UtcNow < end)
        {
            var sample = client.ReadSample(TimeSpan.FromMilliseconds(Math.Max(500, 3000.0 / hz)));
            if (sample == null) return false;
            tally.Add(sample.Seq);
            var b = StatusReport.Body(sample.Data);
            recorder?.Add(sample.Seq, b);
            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    seq = sample.Seq, uptime_seconds = b.UptimeSeconds, state = b.State, fault_code = b.FaultCode, fault = b.Fault,
                    measured_rate_strokes_per_second = b.MeasuredRateStrokesPerSecond, target_rate_strokes_per_second = b.TargetRateStrokesPerSecond,
                    depth_measured_mm = b.DepthMeasuredMm, depth_target_mm = b.DepthTargetMm, motor_current_amps = b.MotorCurrentAmps,
                    handpiece_celsius = b.HandpieceCelsius, battery_volts = b.BatteryVolts, motor_duty = b.MotorDuty,
                }));
            }
            else
            {
                output.WriteLine($"{b.UptimeSeconds,9:0.000} s  {b.State,-9} rate {b.MeasuredRateStrokesPerSecond,6:0.0}/{b.TargetRateStrokesPerSecond,5:0.0} /s  " +
                                 $"depth {b.DepthMeasuredMm,5:0.00}/{b.DepthTargetMm,4:0.00} mm  {b.MotorCurrentAmps,6:0.000} A  " +
                                 $"{b.HandpieceCelsius,5:0.0} °C  {b.BatteryVolts,5:0.00} V" + (b.FaultCode != 0 ? $"  FAULT {b.Fault}" : ""));
            }
        }
        return true;
    }
}
