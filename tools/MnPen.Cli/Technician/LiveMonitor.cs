using MnPen.Client;
using Spectre.Console;

namespace MnPen.Cli.Technician;

/// <summary>`mnpen monitor` on a terminal: the telemetry stream drawn as a live <see cref="MonitorPanel"/> (Spectre.Console Live).</summary>
public static class LiveMonitor
{
    /// <summary>True when output is an interactive terminal (pipes and files keep the plain lines).</summary>
    public static bool Applies(TextWriter output, bool json) =>
        !json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Streams samples into the panel until the end time or stop (Ctrl+C, SIGTERM); telemetry must already be on. False
    /// when the telemetry stopped coming (the caller says so); the caller prints the summary either way.
    /// </summary>
    public static bool Run(PenClient client, int hz, DateTime end, CancellationToken stop, SampleRecorder? recorder, MonitorTally tally)
    {
        var panel = new MonitorPanel();
        string title = $"{client.Hello!.SerialNumber} at {client.Target}, {hz} samples/s";
        bool received = true;
        AnsiConsole.Live(new Markup("waiting for telemetry…")).AutoClear(false).Start(ctx =>
        {
            var lastDraw = DateTime.MinValue;
            while (!stop.IsCancellationRequested && DateTime.UtcNow < end)
            {
                var sample = client.ReadSample(TimeSpan.FromMilliseconds(Math.Max(500, 3000.0 / hz)));
                if (sample == null)
                {
                    received = false;
                    return;
                }
                tally.Add(sample.Seq);
                var b = StatusReport.Body(sample.Data);
                recorder?.Add(sample.Seq, b);
                panel.Add(b);
                // Redraw at most 10 times a second whatever the sample rate: a terminal cannot show more.
                if ((DateTime.UtcNow - lastDraw).TotalMilliseconds >= 100)
                {
                    ctx.UpdateTarget(panel.Render(title, b, tally.Samples, tally.Lost));
                    lastDraw = DateTime.UtcNow;
                }
            }
        });
        return received;
    }
}
