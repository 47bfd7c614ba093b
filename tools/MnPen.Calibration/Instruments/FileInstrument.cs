using System.Globalization;

namespace MnPen.Calibration.Instruments;

/// <summary>
/// Reference readings taken beforehand, from a CSV file of "set_point,reading" lines ('#' comments); every set point
/// the procedure asks for must be in the file, or the procedure stops before writing anything.
/// </summary>
public sealed class FileInstrument : IReferenceInstrument
{
    private readonly List<(double SetPoint, double Reading)> _rows;

    private FileInstrument(string path, List<(double, double)> rows)
    {
        Id = Path.GetFileName(path);
        _rows = rows;
    }

    /// <summary>Loads the file; null and a reason when it is unreadable or malformed.</summary>
    public static FileInstrument? Load(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            error = $"reference file '{path}' does not exist";
            return null;
        }
        var rows = new List<(double, double)>();
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("set_point", StringComparison.OrdinalIgnoreCase)) continue;
            var parts = line.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double r)
                || !double.IsFinite(s) || !double.IsFinite(r))
            {
                error = $"{path}:{n}: '{line}' is not set_point,reading (two numbers)";
                return null;
            }
            rows.Add((s, r));
        }
        if (rows.Count == 0) error = $"reference file '{path}' holds no readings";
        return rows.Count == 0 ? null : new FileInstrument(path, rows);
    }

    /// <inheritdoc />
    public string Name => "reference readings from a file";

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public double Uncertainty => 0;

    /// <inheritdoc />
    public string? NotReadyReason() => null;

    /// <inheritdoc />
    public double Read(double setPoint, string unit)
    {
        foreach (var (s, r) in _rows)
            if (Math.Abs(s - setPoint) < 1e-6) return r;
        throw new InvalidDataException($"the reference file {Id} has no reading for set point {setPoint.ToString("0.###", CultureInfo.InvariantCulture)} {unit}");
    }
}
