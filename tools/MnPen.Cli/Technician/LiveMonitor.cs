using MnPen.Client;
using Spectre.Console;

namespace MnPen.Cli.Technician;

/// <summary>`mnpen monitor` on a terminal: the telemetry stream drawn as a live <see cref="MonitorPanel"/> (Spectre.Console Live).</summary>
public static class LiveMonitor
{
    /// <summary>True when output is an interactive terminal (pipes and files keep the plain lines).</summary>
    public static bool Applies(TextWriter output, bool json) =>
        !json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Streams samples into the panel until the end time or Ctrl+C; telemetry must already be on.</summary>
    public static int Run(PenClient client, int hz, DateTime end, CancellationToken stop, SampleRecorder? recorder, TextWriter error)
    {
        var panel = new MonitorPanel();
        long samples = 0, lost = 0;
        int? lastSeq = null;
        string title = $"{client.Hello!.SerialNumber} at {client.Target}, {hz} samples/s";
        int exit = ExitCodes.Ok;
        AnsiConsole.Live(new Markup("waiting for telemetry…")).AutoClear(false).Start(ctx =>
        {
            var lastDraw = DateTime.MinValue;
            while (!stop.IsCancellationRequested && DateTime.UtcNow < end)
            {
                var sample = client.ReadSample(TimeSpan.FromMilliseconds(Math.Max(500, 3000.0 / hz)));
                if (sample == null)
                {
                    exit = ExitCodes.Unavailable;
                    return;
                }
                if (lastSeq is int prev) lost += (byte)(sample.Seq - prev - 1);
                lastSeq = sample.Seq;
                samples++;
                var b = StatusReport.Body(sample.Data);
                recorder?.Add(sample.Seq, b);
                panel.Add(b);
                // Redraw at most 10 times a second whatever the sample rate: a terminal cannot show more.
                if ((DateTime.UtcNow - lastDraw).TotalMilliseconds >= 100)
                {
                    ctx.UpdateTarget(panel.Render(title, b, samples, lost));
                    lastDraw = DateTime.UtcNow;
                }
            }
        });
        client.SetTelemetry(0);
        if (exit == ExitCodes.Unavailable)
            error.WriteLine($"mnpen monitor: no telemetry from {client.Target} for a while — is the pen still connected?");
        else
            error.WriteLine($"mnpen monitor: {samples} samples, {lost} lost on the link" + (recorder != null ? $", {recorder.Count} recorded" : ""));
        return exit;
    }
}
