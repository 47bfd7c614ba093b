using System.Globalization;
using MnPen.Client;

namespace MnPen.Cli.Technician;

/// <summary>`mnpen monitor --record FILE.csv`: one CSV line per telemetry sample (header first, engineering units).</summary>
public sealed class SampleRecorder : IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "seq,uptime_s,state,fault_code,fault,measured_rate_per_s,target_rate_per_s,depth_measured_mm,depth_target_mm,motor_current_a,handpiece_c,battery_v,motor_duty";

    private readonly StreamWriter _w;

    private SampleRecorder(StreamWriter w, string path)
    {
        _w = w;
        Path = path;
        _w.WriteLine(Header);
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Creates the file (overwriting); null and a reason if it cannot be written.</summary>
    public static SampleRecorder? Open(string path, out string? error)
    {
        error = null;
        try
        {
            return new SampleRecorder(new StreamWriter(path, false) { AutoFlush = false }, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error = $"cannot write {path}: {ex.Message}";
            return null;
        }
    }

    /// <summary>Samples written.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one sample.</summary>
    public void Add(int seq, StatusReport.StatusBody b)
    {
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        _w.WriteLine(string.Join(",", seq.ToString(CultureInfo.InvariantCulture), F(b.UptimeSeconds, "0.000"), b.State,
            b.FaultCode.ToString(CultureInfo.InvariantCulture), b.Fault, F(b.MeasuredRateStrokesPerSecond, "0.00"), F(b.TargetRateStrokesPerSecond, "0.00"),
            F(b.DepthMeasuredMm, "0.000"), F(b.DepthTargetMm, "0.000"), F(b.MotorCurrentAmps, "0.000"), F(b.HandpieceCelsius, "0.00"),
            F(b.BatteryVolts, "0.000"), F(b.MotorDuty, "0.0000")));
        if (++Count % 100 == 0) _w.Flush();
    }

    /// <summary>Writes what is buffered and closes the file (also on Ctrl+C or SIGTERM: the command returns through here).</summary>
    public void Dispose() => _w.Dispose();
}
