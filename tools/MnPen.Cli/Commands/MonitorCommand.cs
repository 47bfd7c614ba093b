using System.CommandLine;
using System.Text.Json;
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
            "Exit 0 = monitored, 2 = bad option, 3 = no pen answered.\n" +
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
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                return StatusCommand.WithPen("monitor", parse.GetValue(target)!, parse.GetValue(timeout), error, true, client =>
                {
                    client.SetTelemetry(hz);
                    var end = seconds > 0 ? DateTime.UtcNow.AddSeconds(seconds) : DateTime.MaxValue;
                    if (LiveMonitor.Applies(output, asJson)) return LiveMonitor.Run(client, hz, end, stop.Token, recorder, error);
                    long samples = 0, lost = 0;
                    int? lastSeq = null;
                    if (!asJson)
                        output.WriteLine($"monitoring {client.Hello!.SerialNumber} at {client.Target}, {hz} samples/s" + (seconds > 0 ? $" for {seconds:0.#} s" : "; Ctrl+C stops"));
                    while (!stop.IsCancellationRequested && DateTime.UtcNow < end)
                    {
                        var sample = client.ReadSample(TimeSpan.FromMilliseconds(Math.Max(500, 3000.0 / hz)));
                        if (sample == null)
                        {
                            error.WriteLine($"mnpen monitor: no telemetry from {client.Target} for a while — is the pen still connected?");
                            return ExitCodes.Unavailable;
                        }
                        if (lastSeq is int prev) lost += (byte)(sample.Seq - prev - 1);
                        lastSeq = sample.Seq;
                        samples++;
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
                    client.SetTelemetry(0);
                    error.WriteLine($"mnpen monitor: {samples} samples, {lost} lost on the link");
                    return ExitCodes.Ok;
                });
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return cmd;
    }
}
