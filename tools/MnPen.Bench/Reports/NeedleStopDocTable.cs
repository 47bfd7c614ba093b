using System.Globalization;
using System.Text;

namespace MnPen.Bench.Reports;

/// <summary>
/// The per-interlock "time to a stopped needle" table of docs/safety/interlocks.md, generated from an interlocks bench
/// run (<c>mnpen bench --suite interlocks --update-docs</c>) and written between its markers, so the page always shows
/// figures a command reproduces. Figures are ground truth: the simulated rotor and needle, not the firmware's outputs.
/// </summary>
public static class NeedleStopDocTable
{
    /// <summary>Start marker in the page.</summary>
    public const string Begin = "<!-- needle-stop-table:begin (generated: mnpen bench --suite interlocks --update-docs) -->";

    /// <summary>End marker in the page.</summary>
    public const string End = "<!-- needle-stop-table:end -->";

    /// <summary>The page, relative to the repository root.</summary>
    public const string RelativePath = "docs/safety/interlocks.md";

    /// <summary>Markdown table from the interlocks cases of a report (null if the report has none).</summary>
    public static string? Render(BenchReport report)
    {
        var cases = report.Cases.Where(c => c.Suite == "interlocks" && c.Name != "total").ToList();
        if (cases.Count == 0) return null;
        var inv = CultureInfo.InvariantCulture;
        string F(BenchCase c, string name, string format)
        {
            var m = c.Find(name);
            return m == null || double.IsNaN(m.Value) ? "–" : m.Value.ToString(format, inv);
        }
        var total = report.Cases.FirstOrDefault(c => c.Suite == "interlocks" && c.Name == "total");
        var sb = new StringBuilder();
        sb.Append("Seed ").Append(report.Seed.ToString(inv)).Append(", ")
          .Append(total?.Find("injections")?.Value.ToString("0", inv) ?? "?").Append(" injections over ").Append(report.Pens.ToString(inv)).Append(report.Pens == 1 ? " pen" : " pens").Append(", channel ")
          .Append(total == null ? "both" : cases[0].Parameters.TryGetValue("channel", out string? ch) ? ch : "both").Append(", spec ")
          .Append(report.SpecVersion).Append(". Worst over the runs that needed a reaction; times from the fault's onset.\n\n");
        sb.Append("| Simulator fault | Interlock | Reaction (max) | Needle still (max) | Last skin entry (max) | Needle deadline | Strokes after onset (max) | Skin entries after onset (max) | Deeper than set (max) | Result |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var c in cases)
        {
            c.Parameters.TryGetValue("fault", out string? fault);
            c.Parameters.TryGetValue("interlock", out string? interlock);
            bool reacted = c.Find("needleDeadline") != null;
            sb.Append("| ").Append(fault ?? c.Name).Append(" | ").Append(interlock ?? "").Append(" | ")
              .Append(reacted ? F(c, "maxReaction", "0.0") + " ms" : "–").Append(" | ")
              .Append(reacted ? F(c, "maxNeedleStill", "0.0") + " ms" : "–").Append(" | ")
              .Append(reacted ? F(c, "maxLastEntry", "0.0") + " ms" : "–").Append(" | ")
              .Append(reacted ? F(c, "needleDeadline", "0") + " ms" : "–").Append(" | ")
              .Append(reacted ? F(c, "maxStrokesAfterOnset", "0") : "–").Append(" | ")
              .Append(reacted ? F(c, "maxPenetrationsAfterOnset", "0") : "–").Append(" | ")
              .Append(F(c, "maxDepthOverSet", "0.000")).Append(" mm | ")
              .Append(c.Passed ? "pass" : "FAIL").Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Replaces the text between the markers of the page under root with the table; false (and why) if the page or its
    /// markers are missing or the report has no interlocks cases.
    /// </summary>
    public static bool Update(string root, BenchReport report, out string message)
    {
        string path = Path.Combine(root, RelativePath);
        string? table = Render(report);
        if (table == null) { message = "the run has no interlocks cases: use --suite interlocks"; return false; }
        if (!File.Exists(path)) { message = path + " not found"; return false; }
        string text = File.ReadAllText(path);
        int a = text.IndexOf(Begin, StringComparison.Ordinal), b = text.IndexOf(End, StringComparison.Ordinal);
        if (a < 0 || b < a) { message = RelativePath + " has no generated-table markers (" + Begin + " ... " + End + ")"; return false; }
        string updated = text[..(a + Begin.Length)] + "\n" + table + text[b..];
        File.WriteAllText(path, updated);
        message = RelativePath + " updated";
        return true;
    }
}
