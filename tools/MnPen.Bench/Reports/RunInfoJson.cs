using System.Text.Json;
using MnPen.Bench.Runner;

namespace MnPen.Bench.Reports;

/// <summary>The JSON fields that identify and reproduce a run, a case and a judged measurement (snake_case).</summary>
public static class RunInfoJson
{
    /// <summary>Top level: spec_version, firmware_version, platform, pens, channel (interlocks, when not both), hostname, timestamp, wall_seconds.</summary>
    public static void WriteRun(Utf8JsonWriter w, BenchReport r)
    {
        w.WriteString("spec_version", r.SpecVersion);
        w.WriteString("firmware_version", r.FirmwareVersion);
        w.WriteString("platform", r.Platform);
        w.WriteNumber("pens", r.Pens);
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
    }

    /// <summary>Per measurement: the spec limit it was judged by.</summary>
    public static void WriteMeasurement(Utf8JsonWriter w, BenchMeasurement m)
    {
        if (m.SpecKey != null) w.WriteString("spec_limit", m.SpecKey);
    }
}
