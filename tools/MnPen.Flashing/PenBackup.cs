using System.Text.Json;
using System.Text.Json.Serialization;
using MnPen.Client;
using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.Flashing;

/// <summary>
/// What a pen holds that a flash could lose, read over the pen protocol before nanoff touches it: the calibration
/// (the record's exact bytes and the editable calibration-file form), every setting, and the event log.
/// </summary>
public sealed record PenBackup
{
    /// <summary>File format tag.</summary>
    public const string FormatTag = "mnpen-backup/1";

    /// <summary>Format of the file.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>Pen serial number.</summary>
    public string SerialNumber { get; init; } = "";
    /// <summary>Firmware the pen reported in its handshake.</summary>
    public string FirmwareVersion { get; init; } = "";
    /// <summary>Protocol version the pen spoke.</summary>
    public int ProtocolVersion { get; init; }
    /// <summary>When the backup was taken (UTC, ISO 8601).</summary>
    public string TakenUtc { get; init; } = "";
    /// <summary>Where it was read from (target URI).</summary>
    public string Target { get; init; } = "";
    /// <summary>The calibration record encoded by the firmware's own codec, base64 (compared byte for byte after the flash).</summary>
    public string CalibrationRecord { get; init; } = "";
    /// <summary>Schema version of that encoding.</summary>
    public int CalibrationRecordVersion { get; init; } = CalibrationCodec.CurrentVersion;
    /// <summary>The same calibration in the editable form `mnpen calibrate import` takes.</summary>
    public CalibrationFile? Calibration { get; init; }
    /// <summary>Every setting the pen answered, wire units.</summary>
    public List<SettingValue> Settings { get; init; } = new();
    /// <summary>The event log as read (it cannot be written back; it stays here).</summary>
    public List<LoggedEvent> Events { get; init; } = new();

    /// <summary>One setting.</summary>
    public sealed record SettingValue(int Id, string Name, int Value);

    /// <summary>One event-log entry.</summary>
    public sealed record LoggedEvent(uint Sequence, int BootNumber, uint UptimeMs, int Kind, int Code, uint Argument);

    /// <summary>JSON options of the file (snake_case, as every mnpen JSON).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads everything from a connected pen.</summary>
    public static PenBackup Take(PenClient client, DateTime nowUtc)
    {
        var hello = client.Hello ?? client.Handshake();
        var calibration = client.ReadCalibration();
        var settings = new List<SettingValue>();
        foreach (int id in SettingTable.Ids)
        {
            try { settings.Add(new SettingValue(id, SettingTable.Name(id), client.GetSetting(id))); }
            catch (PenCommandException) { }   // a setting this firmware does not have: nothing to keep
        }
        var events = EventLogReader.ReadAll(client)
            .Select(e => new LoggedEvent(e.Sequence, e.BootNumber, e.UptimeMs, e.Kind, e.Code, e.Argument))
            .ToList();
        return new PenBackup
        {
            SerialNumber = hello.SerialNumber,
            FirmwareVersion = hello.FirmwareVersion,
            ProtocolVersion = hello.ProtocolVersion,
            TakenUtc = nowUtc.ToString("O"),
            Target = client.Target,
            CalibrationRecord = Convert.ToBase64String(Encode(calibration)),
            Calibration = CalibrationFile.From(calibration),
            Settings = settings,
            Events = events,
        };
    }

    /// <summary>The calibration as the firmware's codec encodes it (the bytes compared before and after).</summary>
    public static byte[] Encode(Calibration c)
    {
        var buf = new byte[CalibrationCodec.MaxPayload];
        int n = CalibrationCodec.Encode(c, buf);
        if (n < 0) throw new InvalidOperationException("the pen's calibration could not be encoded (tables missing or too long)");
        return buf.AsSpan(0, n).ToArray();
    }

    /// <summary>The backed-up calibration, decoded from its exact bytes.</summary>
    public Calibration DecodeCalibration()
    {
        var bytes = Convert.FromBase64String(CalibrationRecord);
        return CalibrationCodec.Decode(CalibrationRecordVersion, bytes, bytes.Length);
    }

    /// <summary>Writes the backup and, beside it, the calibration file `mnpen calibrate import` takes; returns both paths.</summary>
    public (string Backup, string CalibrationFile) Save(string folder)
    {
        Directory.CreateDirectory(folder);
        string stem = Path.Combine(folder, Safe(SerialNumber) + "-" + DateTime.Parse(TakenUtc, null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime().ToString("yyyyMMdd-HHmmss"));
        // Two pens with one serial (unprovisioned boards) flashed in the same second must not share a file.
        string first = stem;
        for (int n = 2; File.Exists(stem + ".backup.json"); n++) stem = first + "-" + n;
        string path = stem + ".backup.json", calibrationPath = stem + ".calibration.json";
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
        Calibration?.Save(calibrationPath);
        return (path, calibrationPath);
    }

    /// <summary>Reads a backup file; null and a reason when it is not one.</summary>
    public static PenBackup? Load(string path, out string? error)
    {
        error = null;
        try
        {
            var b = JsonSerializer.Deserialize<PenBackup>(File.ReadAllText(path), Json);
            if (b == null || b.Format != FormatTag) error = $"'{path}' is not an {FormatTag} file";
            return error == null ? b : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            error = $"'{path}' cannot be read as a backup: {ex.Message}";
            return null;
        }
    }

    private static string Safe(string serial)
    {
        var s = new string(serial.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray());
        return s.Length == 0 ? "unknown-serial" : s;
    }
}
