using System.Text;
using System.Text.Json;

namespace MnPen.Bench.Reports;

/// <summary>
/// Writes a bench report as JSON: top-level `passed`, `failed`, `seed`, `suites[]` and `cases[]`; each case carries
/// `passed`, its primary `error` figure, `parameters` and every measurement with value, limit and unit.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>The report as an indented JSON document.</summary>
    public static string Write(BenchReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("passed", report.Passed);
            w.WriteNumber("failed", report.Failed);
            w.WriteNumber("seed", report.Seed);
            RunInfoJson.WriteRun(w, report);
            if (report.InterruptedIn != null) w.WriteString("interrupted_in", report.InterruptedIn);
            w.WriteStartArray("suites");
            foreach (var s in report.Suites)
            {
                var cases = report.Cases.Where(c => c.Suite == s.Name).ToList();
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("description", s.Description);
                w.WriteNumber("passed", cases.Count(c => c.Passed));
                w.WriteNumber("failed", cases.Count(c => !c.Passed));
                w.WriteNumber("seconds", Math.Round(s.Seconds, 3));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("cases");
            foreach (var c in report.Cases) WriteCase(w, c, report);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCase(Utf8JsonWriter w, BenchCase c, BenchReport report)
    {
        w.WriteStartObject();
        w.WriteString("suite", c.Suite);
        w.WriteString("name", c.Name);
        w.WriteBoolean("passed", c.Passed);
        RunInfoJson.WriteCase(w, c, report);
        var primary = c.PrimaryMeasurement != null ? c.Find(c.PrimaryMeasurement) : null;
        if (primary != null)
        {
            w.WritePropertyName("error");
            WriteNumber(w, primary.Value);
            w.WriteString("error_name", primary.Name);
            w.WriteString("error_unit", primary.Unit);
        }
        if (c.Error != null) w.WriteString("failure", c.Error);
        if (c.Findings.Count > 0)
        {
            w.WriteStartArray("findings");
            foreach (string f in c.Findings) w.WriteStringValue(f);
            w.WriteEndArray();
        }
        w.WriteStartObject("parameters");
        foreach (var kv in c.Parameters) w.WriteString(JsonNamingPolicy.SnakeCaseLower.ConvertName(kv.Key), kv.Value);
        w.WriteEndObject();
        w.WriteStartArray("measurements");
        foreach (var m in c.Measurements)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WritePropertyName("value");
            WriteNumber(w, m.Value);
            w.WriteString("unit", m.Unit);
            if (m.Kind != LimitKind.Info)
            {
                w.WriteString("limit", (m.Kind == LimitKind.AtMost ? "<= " : ">= ") + m.Limit.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
                w.WritePropertyName("limit_value");
                WriteNumber(w, m.Limit);
            }
            w.WriteBoolean("passed", m.Passed);
            RunInfoJson.WriteMeasurement(w, m);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, double v)
    {
        // JSON has no NaN: a value that could not be measured is null.
        if (double.IsNaN(v) || double.IsInfinity(v)) w.WriteNullValue();
        else w.WriteNumberValue(Math.Round(v, 4));
    }
}
