using System.Text.Json;
using System.Text.Json.Serialization;

namespace MnPen.Calibration.Certificates;

/// <summary>Writes a calibration's certificate as JSON (snake_case) and HTML side by side; returns both paths.</summary>
public static class CertificateWriter
{
    /// <summary>JSON options of the certificate.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        // Files and terminal output a technician reads, never embedded in a page: "±0.05 mm", "°C" and "the pen's" as
        // written, not "\u00B10.05 mm" (the default encoder escapes everything outside ASCII and HTML-sensitive marks).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>File name stem: serial, quantity and date, safe on every file system.</summary>
    public static string Stem(CalibrationOutcome o) =>
        string.Concat($"{o.PenSerial}-{o.Quantity}-{o.Date}".Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));

    /// <summary>Writes DIR/STEM.json and DIR/STEM.html.</summary>
    public static (string Json, string Html) Write(CalibrationOutcome outcome, string directory)
    {
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, Stem(outcome));
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(outcome, Json) + "\n");
        File.WriteAllText(stem + ".html", CertificateHtml.Render(outcome));
        return (stem + ".json", stem + ".html");
    }
}
