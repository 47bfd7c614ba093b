using MnPen.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MnPen.Cli.Technician;

/// <summary>
/// The live panel of `mnpen monitor` on a terminal: state, last fault and its remedy, rate against target, depth,
/// current, temperature and battery, each with a small trend line of the last samples.
/// </summary>
public sealed class MonitorPanel
{
    /// <summary>Samples kept for the trend lines.</summary>
    public const int TrendLength = 40;

    private static readonly char[] Bars = { '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█' };
    private readonly Dictionary<string, Queue<double>> _trends = new();
    private string _lastFault = "none";
    private string? _lastRemedy;

    /// <summary>Takes a sample into the trends.</summary>
    public void Add(StatusReport.StatusBody b)
    {
        Push("rate", b.MeasuredRateStrokesPerSecond);
        Push("depth", b.DepthMeasuredMm);
        Push("current", b.MotorCurrentAmps);
        Push("temp", b.HandpieceCelsius);
        Push("battery", b.BatteryVolts);
        if (b.FaultCode != 0)
        {
            _lastFault = $"{b.Fault} ({b.FaultCode})";
            _lastRemedy = b.FaultRemedy;
        }
    }

    /// <summary>The panel for the latest sample.</summary>
    public IRenderable Render(string title, StatusReport.StatusBody b, long samples, long lost)
    {
        var t = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("now").AddColumn($"last {TrendLength} samples");
        t.AddRow("State", Markup.Escape(b.State), "");
        t.AddRow("Last fault", b.FaultCode != 0 ? $"[red]{Markup.Escape(_lastFault)}[/]" : Markup.Escape(_lastFault),
            Markup.Escape(_lastRemedy ?? ""));
        t.AddRow("Rate", Markup.Escape($"{b.MeasuredRateStrokesPerSecond:0.0} / {b.TargetRateStrokesPerSecond:0.0} strokes/s"), Spark("rate"));
        t.AddRow("Depth", Markup.Escape($"{b.DepthMeasuredMm:0.00} / {b.DepthTargetMm:0.00} mm"), Spark("depth"));
        t.AddRow("Current", Markup.Escape($"{b.MotorCurrentAmps:0.000} A"), Spark("current"));
        t.AddRow("Handpiece", Markup.Escape($"{b.HandpieceCelsius:0.0} °C"), Spark("temp"));
        t.AddRow("Battery", Markup.Escape($"{b.BatteryVolts:0.00} V"), Spark("battery"));
        return new Panel(t).Header(Markup.Escape($"{title} — {samples} samples, {lost} lost — Ctrl+C stops"));
    }

    /// <summary>A trend line of the values, scaled between their minimum and maximum.</summary>
    public static string Sparkline(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return "";
        double lo = values.Min(), hi = values.Max();
        return string.Concat(values.Select(v => hi - lo < 1e-9 ? Bars[0] : Bars[(int)Math.Round((v - lo) / (hi - lo) * (Bars.Length - 1))]));
    }

    private string Spark(string key) => _trends.TryGetValue(key, out var q) ? Sparkline(q) : "";

    private void Push(string key, double v)
    {
        if (!_trends.TryGetValue(key, out var q)) _trends[key] = q = new Queue<double>();
        q.Enqueue(v);
        while (q.Count > TrendLength) q.Dequeue();
    }
}
