using System.Globalization;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>Walks the words of one scenario line; every "expected ..." problem aborts the line with a located error.</summary>
internal sealed class ScenarioLineCursor
{
    private readonly List<ScenarioToken> _tokens;
    private readonly int _endColumn;
    private int _index;

    public ScenarioLineCursor(List<ScenarioToken> tokens, int endColumn)
    {
        _tokens = tokens;
        _endColumn = endColumn;
    }

    public bool AtEnd => _index >= _tokens.Count;

    public int Column => AtEnd ? _endColumn : _tokens[_index].Column;

    public ScenarioToken? Peek => AtEnd ? null : _tokens[_index];

    /// <summary>Text from the current word to the end of the line (for reports).</summary>
    public string Rest(int fromIndex) => RestRange(fromIndex, _tokens.Count);

    public int Index => _index;

    /// <summary>Text of words [from, to) joined by spaces.</summary>
    public string RestRange(int from, int to)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = from; i < to && i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (sb.Length > 0 && !(t.Text == ":" && !t.Quoted)) sb.Append(' ');
            sb.Append(t.Quoted ? "\"" + t.Text + "\"" : t.Text);
        }
        return sb.ToString();
    }

    /// <summary>Turns a current word "+2s" into "2s" (the delay of a "when" line).</summary>
    public void StripLeadingPlus()
    {
        var t = _tokens[_index];
        _tokens[_index] = new ScenarioToken(t.Text.Substring(1), t.Column + 1, t.Quoted);
    }

    public ScenarioLineException Error(string message) => new(Column, message);

    /// <summary>A whole non-negative number (seeds), exactly as written.</summary>
    public ulong Whole(string what)
    {
        int col = Column;
        var t = Next(what);
        if (!ulong.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
            throw new ScenarioLineException(col, "expected " + what + " as a whole number 0 to " + ulong.MaxValue + ", found '" + t.Text + "'");
        return v;
    }

    public ScenarioToken Next(string expected)
    {
        if (AtEnd) throw new ScenarioLineException(_endColumn, "line ends too early: expected " + expected);
        return _tokens[_index++];
    }

    public bool Is(string word) => !AtEnd && !_tokens[_index].Quoted &&
                                   string.Equals(_tokens[_index].Text, word, StringComparison.OrdinalIgnoreCase);

    public bool Accept(string word)
    {
        if (!Is(word)) return false;
        _index++;
        return true;
    }

    public void Expect(string word, string context)
    {
        if (Accept(word)) return;
        throw Error("expected '" + word + "' " + context + Found());
    }

    public void ExpectEnd(string context)
    {
        if (!AtEnd)
            throw Error("unexpected '" + _tokens[_index].Text + "' after " + context + "; remove it or start a new line");
    }

    /// <summary>One word from a fixed list (case-insensitive), returned in the list's spelling.</summary>
    public string Choice(string what, IReadOnlyList<string> choices)
    {
        int col = Column;
        var t = Next(what + " (one of: " + string.Join(", ", choices) + ")");
        foreach (var c in choices)
            if (string.Equals(c, t.Text, StringComparison.OrdinalIgnoreCase)) return c;
        throw new ScenarioLineException(col, "unknown " + what + " '" + t.Text + "'" + Suggest(t.Text, choices) +
                                             "; expected one of: " + string.Join(", ", choices));
    }

    /// <summary>A name checked against an optional list (null list: any word).</summary>
    public string Name(string what, IReadOnlyList<string>? choices)
    {
        if (choices != null) return Choice(what, choices);
        return Next(what).Text;
    }

    /// <summary>A number with an optional unit, attached ("5%", "250ms") or as the next word ("5 %").</summary>
    public double Quantity(string what, double min, double max, params string[] units) => Quantity(what, min, max, out _, units);

    /// <summary>As Quantity, also returning the unit written (null when none).</summary>
    public double Quantity(string what, double min, double max, out string? unitWritten, params string[] units)
    {
        int col = Column;
        var t = Next(what);
        string text = t.Text;
        string? unit = null;
        int split = text.Length;
        while (split > 0 && !(char.IsDigit(text[split - 1]) || text[split - 1] == '.')) split--;
        if (split < text.Length)
        {
            unit = text.Substring(split);
            text = text.Substring(0, split);
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            double.IsNaN(value) || double.IsInfinity(value))
            throw new ScenarioLineException(col, "expected " + what + " as a number" + UnitHint(units) + ", found '" + t.Text + "'");
        if (unit == null && units.Length > 0 && !AtEnd)
        {
            foreach (var u in units)
                if (Is(u)) { unit = Next(u).Text; break; }
        }
        if (unit != null && Array.FindIndex(units, u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase)) < 0)
            throw new ScenarioLineException(col, "unknown unit '" + unit + "' for " + what + UnitHint(units));
        if (unit != null)
            unit = units.First(u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase));
        unitWritten = unit;
        if (value < min || value > max)
            throw new ScenarioLineException(col, what + " " + Fmt(value) + " is out of range; expected " + Fmt(min) + " to " + Fmt(max));
        return value;
    }

    /// <summary>A time or duration: "3", "3 s", "250ms", "1.5 min"; a bare number is seconds. Returns microseconds.</summary>
    public long Time(string what)
    {
        int col = Column;
        var t = Next(what);
        string text = t.Text;
        string unit = "s";
        int split = text.Length;
        while (split > 0 && char.IsLetter(text[split - 1])) split--;
        if (split < text.Length)
        {
            unit = text.Substring(split).ToLowerInvariant();
            text = text.Substring(0, split);
        }
        else if (Is("s") || Is("ms") || Is("min") || Is("sec"))
        {
            unit = Next("unit").Text.ToLowerInvariant();
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            double.IsNaN(value) || double.IsInfinity(value))
            throw new ScenarioLineException(col, "expected " + what + " such as 2.5 s or 250 ms, found '" + t.Text + "'");
        double scale = unit switch
        {
            "s" or "sec" => 1e6,
            "ms" => 1e3,
            "min" => 60e6,
            _ => throw new ScenarioLineException(col, "unknown time unit '" + unit + "' in '" + t.Text + "'; use s, ms or min"),
        };
        if (value < 0)
            throw new ScenarioLineException(col, what + " must not be negative, found '" + t.Text + "'");
        double micros = Math.Round(value * scale);
        if (micros > 1e13)
            throw new ScenarioLineException(col, what + " '" + t.Text + "' is too long; at most 100 days of simulated time");
        return (long)micros;
    }

    private string Found() => AtEnd ? " but the line ends" : ", found '" + _tokens[_index].Text + "'";

    private static string UnitHint(string[] units) => units.Length == 0 ? "" : " (unit: " + string.Join(" or ", units) + ")";

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>" (did you mean 'x'?)" for a near miss, else empty.</summary>
    public static string Suggest(string word, IEnumerable<string> choices)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in choices)
        {
            int d = Distance(word.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return best != null && bestDistance <= Math.Max(1, word.Length / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    // Levenshtein distance; tiny inputs, so the plain table is fine.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
