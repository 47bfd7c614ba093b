using System.Text.Json;
using MnPen.Bench.Runner;

namespace MnPen.Bench.Reports;

/// <summary>The JSON fields that identify and reproduce a run, a case and a judged measurement (snake_case).</summary>
public static class RunInfoJson
{
    /// <summary>Top level: spec_version, firmware_version, platform, pens, motor_spread (when widened), skin_spread and skin_common (when asked for), channel (interlocks, when not both), hostname, timestamp, wall_seconds.</summary>
    public static void WriteRun(Utf8JsonWriter w, BenchReport r)
    {
        w.WriteString("spec_version", r.SpecVersion);
        w.WriteString("firmware_version", r.FirmwareVersion);
        w.WriteString("platform", r.Platform);
        w.WriteNumber("pens", r.Pens);
        if (r.OnlyPen is int only) w.WriteNumber("pen", only);
        if (r.MotorSpread > 0) w.WriteNumber("motor_spread", Math.Round(r.MotorSpread, 4));
        if (r.SkinSpread is double skin) w.WriteNumber("skin_spread", Math.Round(skin, 4));
        if (r.SkinCommon is double common) w.WriteNumber("skin_common", Math.Round(common, 4));
        if (r.Channel != null) w.WriteString("channel", r.Channel);
        w.WriteString("hostname", r.Hostname);
        w.WriteString("timestamp", r.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("wall_seconds", Math.Round(r.WallSeconds, 3));
    }

    /// <summary>Per case: spec_version, seconds, seed and (when it failed) the command that reruns just it.</summary>
    public static void WriteCase(Utf8JsonWriter w, BenchCase c, BenchReport r)
    {
        w.WriteString("spec_version", r.SpecVersion);
        w.WriteNumber("seconds", Math.Round(c.Seconds, 4));
        w.WriteNumber("seed", r.Seed);
        if (!c.Passed) w.WriteString("rerun", RerunCommand.For(c, r));
        if (c.WorstPen is int pen)
        {
            w.WriteNumber("worst_pen", pen);
            if (c.WorstPenParts != null) w.WriteString("worst_pen_parts", c.WorstPenParts);
            w.WriteString("worst_pen_rerun", RerunCommand.ForPen(c, r, pen));
        }
    }

    /// <summary>Per measurement: the spec limit it was judged by.</summary>
    public static void WriteMeasurement(Utf8JsonWriter w, BenchMeasurement m)
    {
        if (m.SpecKey != null) w.WriteString("spec_limit", m.SpecKey);
        if (m.Population is PopulationFigure f)
        {
            w.WriteStartObject("pens");
            w.WriteNumber("count", f.Pens);
            Number(w, "worst", f.Worst);
            Number(w, "median", f.Median);
            Number(w, "min", f.Min);
            Number(w, "max", f.Max);
            Number(w, "spread", f.Spread);
            w.WriteNumber("worst_pen", f.WorstPen);
            w.WriteEndObject();
        }
    }

    // JSON has no NaN: a figure that could not be measured is null.
    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 4));
        else w.WriteNull(name);
    }
}
