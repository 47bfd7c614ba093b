using System.Globalization;

namespace MnPen.Hal.Simulator.Faults;

/// <summary>
/// A condition on the board's ground truth that triggers a scheduled fault, e.g. "stroke-rate > 100",
/// "current >= 1.5", "time >= 2", "motor-running". Parse it from text or build it in code.
/// </summary>
public sealed class SimCondition
{
    /// <summary>Quantities a condition can test, with their units.</summary>
    public static IReadOnlyList<string> Quantities { get; } = new[]
    {
        "time (s)", "stroke-rate (strokes/s)", "strokes (count)", "current (A)", "duty (0..1)", "depth (mm)",
        "winding-temp (°C)", "handpiece-temp (°C)", "battery-volts (V)", "motor-running", "motor-stopped",
    };

    private readonly int _quantity;
    private readonly int _op;
    private readonly double _threshold;

    private SimCondition(int quantity, int op, double threshold, string text)
    {
        _quantity = quantity;
        _op = op;
        _threshold = threshold;
        Text = text;
    }

    /// <summary>The condition as text.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Rotor turning faster than 1 stroke/s.</summary>
    public static SimCondition MotorRunning { get; } = new(100, 0, 0, "motor-running");

    /// <summary>
    /// Parses "quantity op value" (op one of &gt; &gt;= &lt; &lt;=) or "motor-running" / "motor-stopped".
    /// Throws FormatException with the accepted vocabulary on bad input.
    /// </summary>
    public static SimCondition Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Bad(text);
        string t = text.Trim().ToLowerInvariant();
        if (t == "motor-running") return MotorRunning;
        if (t == "motor-stopped") return new SimCondition(101, 0, 0, "motor-stopped");
        int opAt = t.IndexOfAny(new[] { '>', '<' });
        if (opAt <= 0) throw Bad(text);
        string name = t.Substring(0, opAt).Trim();
        bool orEqual = opAt + 1 < t.Length && t[opAt + 1] == '=';
        int op = t[opAt] == '>' ? (orEqual ? 1 : 0) : (orEqual ? 3 : 2);
        string value = t.Substring(opAt + (orEqual ? 2 : 1)).Trim();
        int q = name switch
        {
            "time" => 0, "stroke-rate" => 1, "strokes" => 2, "current" => 3, "duty" => 4, "depth" => 5,
            "winding-temp" => 6, "handpiece-temp" => 7, "battery-volts" => 8, _ => -1,
        };
        if (q < 0) throw Bad(text);
        value = value.TrimEnd('s', 'a', 'v', 'm', '°', 'c').Trim();
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double th) || double.IsNaN(th))
            throw Bad(text);
        string[] ops = { ">", ">=", "<", "<=" };
        return new SimCondition(q, op, th, $"{name} {ops[op]} {th.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Evaluates the condition on the board now.</summary>
    public bool IsMet(VirtualBoard b)
    {
        if (_quantity == 100) return b.StrokeRate > 1.0;
        if (_quantity == 101) return b.StrokeRate <= 1.0;
        double v = _quantity switch
        {
            0 => b.NowSeconds,
            1 => b.StrokeRate,
            2 => b.Strokes,
            3 => b.MotorCurrentAmps,
            4 => b.AppliedDuty,
            5 => b.NeedleDepthMm,
            6 => b.WindingCelsius,
            7 => b.HandpieceCelsius,
            _ => b.BatteryTerminalVolts,
        };
        return _op switch
        {
            0 => v > _threshold,
            1 => v >= _threshold,
            2 => v < _threshold,
            _ => v <= _threshold,
        };
    }

    private static FormatException Bad(string text) => new(
        $"cannot read condition '{text}': write 'quantity op value' such as 'stroke-rate > 100' or 'current >= 1.5', " +
        $"or 'motor-running'/'motor-stopped'. Quantities: {string.Join(", ", Quantities)}.");
}
