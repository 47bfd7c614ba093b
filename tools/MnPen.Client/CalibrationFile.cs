using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MnPen.Storage;

namespace MnPen.Client;

/// <summary>
/// A pen's calibration as an editable JSON file (units in the names, dates as yyyy-MM-dd), for
/// `mnpen calibrate export/import`. Loading checks the form and then the pen's own CalibrationValidator.
/// </summary>
public sealed record CalibrationFile
{
    /// <summary>Format tag, so a wrong file is recognised.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>Pen serial number.</summary>
    public string SerialNumber { get; init; } = "";
    /// <summary>Calibration date (UTC), yyyy-MM-dd.</summary>
    public string CalibratedOn { get; init; } = "";
    /// <summary>Next calibration due (UTC), yyyy-MM-dd.</summary>
    public string NextDue { get; init; } = "";
    /// <summary>Technician id.</summary>
    public string TechnicianId { get; init; } = "";
    /// <summary>Feed-forward table, ascending by rate.</summary>
    public List<FeedForwardPoint> FeedForward { get; init; } = new();
    /// <summary>Supply voltage at which the feed-forward table was measured, V.</summary>
    public double FeedForwardSupplyVolts { get; init; }
    /// <summary>Rate loop proportional gain, duty per stroke/s.</summary>
    public double RateKp { get; init; }
    /// <summary>Rate loop integral gain, duty per stroke/s per s.</summary>
    public double RateKi { get; init; }
    /// <summary>Depth map, ascending by depth.</summary>
    public List<DepthPoint> DepthMap { get; init; } = new();
    /// <summary>Current-sense counts at zero current.</summary>
    public int CurrentOffsetCounts { get; init; }
    /// <summary>Current-sense gain, mA per count.</summary>
    public double CurrentMilliampsPerCount { get; init; }

    /// <summary>Thermistor scaling: counts this pen's ADC would read for the 3.3 V rail (absent in older files).</summary>
    public double? ThermistorRailCounts { get; init; }
    /// <summary>Battery scaling, mV per count (absent in older files).</summary>
    public double? BatteryMillivoltsPerCount { get; init; }
    /// <summary>True if the two sensing coefficients were measured on this pen.</summary>
    public bool SensingCalibrated { get; init; }

    /// <summary>Motor terminal resistance, ohms (format 2; absent in format 1 files).</summary>
    public double? MotorResistanceOhms { get; init; }
    /// <summary>Motor back-EMF constant, V·s/rad (format 2; absent in format 1 files).</summary>
    public double? MotorBackEmfVoltSecondsPerRad { get; init; }
    /// <summary>True if the motor constants were measured on this pen (auto-tune); false = the nominal motor.</summary>
    public bool? MotorCalibrated { get; init; }

    /// <summary>The format tag written in every file (2 adds the motor constants).</summary>
    public const string FormatTag = "mnpen-calibration/2";

    /// <summary>The format before the motor constants, still read.</summary>
    public const string FormatTagV1 = "mnpen-calibration/1";

    /// <summary>True when the file carries no motor constants (format 1): the importer keeps the pen's own.</summary>
    [JsonIgnore]
    public bool LacksMotor => MotorResistanceOhms == null && MotorBackEmfVoltSecondsPerRad == null && MotorCalibrated == null;

    /// <summary>One feed-forward point.</summary>
    public sealed record FeedForwardPoint(double StrokesPerSecond, double Duty);

    /// <summary>One depth-map point.</summary>
    public sealed record DepthPoint(double DepthMm, double Drive, int FeedbackCounts);

    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>From the pen's calibration.</summary>
    public static CalibrationFile From(Calibration c) => new()
    {
        SerialNumber = c.SerialNumber ?? "",
        CalibratedOn = Epoch.AddDays(c.CalibratedOnDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NextDue = Epoch.AddDays(c.NextDueDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TechnicianId = c.TechnicianId ?? "",
        FeedForward = (c.FeedForwardRates ?? Array.Empty<float>()).Select((r, i) => new FeedForwardPoint(Round(r), Round(c.FeedForwardDuties[i]))).ToList(),
        FeedForwardSupplyVolts = Round(c.FeedForwardSupplyVolts),
        RateKp = Round(c.RateKp),
        RateKi = Round(c.RateKi),
        DepthMap = (c.DepthMm ?? Array.Empty<float>()).Select((d, i) => new DepthPoint(Round(d), Round(c.DepthDrive[i]), c.DepthFeedbackCounts[i])).ToList(),
        CurrentOffsetCounts = c.CurrentOffsetCounts,
        CurrentMilliampsPerCount = Round(c.CurrentMilliampsPerCount),
        ThermistorRailCounts = Round(c.ThermistorRailCounts),
        BatteryMillivoltsPerCount = Round(c.BatteryMillivoltsPerCount),
        SensingCalibrated = c.SensingCalibrated,
        MotorResistanceOhms = Round(c.MotorResistanceOhms),
        MotorBackEmfVoltSecondsPerRad = Round(c.MotorBackEmfVoltSecondsPerRad),
        MotorCalibrated = c.MotorCalibrated,
    };

    private static double Round(float v) => Math.Round(v, 6);

    /// <summary>To the pen's calibration; null and every problem found when the file's values are unusable.</summary>
    public Calibration? ToCalibration(out List<string> problems)
    {
        var found = new List<string>();
        problems = found;
        if (Format != FormatTag && Format != FormatTagV1)
            problems.Add($"format is '{Format}', expected '{FormatTag}' (or the older '{FormatTagV1}'; write the file with `mnpen calibrate export`)");
        else if (Format == FormatTagV1 && !LacksMotor)
            problems.Add($"a '{FormatTagV1}' file has no motor constants; set format to '{FormatTag}' to import motor_resistance_ohms, motor_back_emf_volt_seconds_per_rad and motor_calibrated");
        int Day(string text, string field)
        {
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                return (int)(d - Epoch).TotalDays;
            found.Add($"{field} '{text}' is not a date yyyy-MM-dd");
            return 0;
        }
        var c = new Calibration
        {
            SerialNumber = SerialNumber,
            CalibratedOnDay = Day(CalibratedOn, "calibrated_on"),
            NextDueDay = Day(NextDue, "next_due"),
            TechnicianId = TechnicianId,
            FeedForwardRates = FeedForward.Select(p => (float)p.StrokesPerSecond).ToArray(),
            FeedForwardDuties = FeedForward.Select(p => (float)p.Duty).ToArray(),
            FeedForwardSupplyVolts = (float)FeedForwardSupplyVolts,
            RateKp = (float)RateKp,
            RateKi = (float)RateKi,
            DepthMm = DepthMap.Select(p => (float)p.DepthMm).ToArray(),
            DepthDrive = DepthMap.Select(p => (float)p.Drive).ToArray(),
            DepthFeedbackCounts = DepthMap.Select(p => p.FeedbackCounts).ToArray(),
            CurrentOffsetCounts = CurrentOffsetCounts,
            CurrentMilliampsPerCount = (float)CurrentMilliampsPerCount,
        };
        if (ThermistorRailCounts is { } rail && BatteryMillivoltsPerCount is { } battery)
        {
            c.ThermistorRailCounts = (float)rail;
            c.BatteryMillivoltsPerCount = (float)battery;
            c.SensingCalibrated = SensingCalibrated;
        }
        else
        {
            // A file from before the sensing coefficients: the pen's safe-side defaults, flagged, never a guess.
            SensingDefaults.ApplyConservative(c);
        }
        ApplyMotor(c, found);
        if (problems.Count == 0 && CalibrationValidator.Validate(c) is { } why) problems.Add(why);
        return problems.Count == 0 ? c : null;
    }

    // The motor block goes whole or not at all. Its values are checked against the design's bounds whether or not they are
    // marked measured: the pen stores what it is given, and a nominal-marked record still carries them.
    private void ApplyMotor(Calibration c, List<string> problems)
    {
        if (LacksMotor)
        {
            MotorDefaults.ApplyNominal(c);
            return;
        }
        if (MotorResistanceOhms is not { } ohms || MotorBackEmfVoltSecondsPerRad is not { } ke || MotorCalibrated is not { } measured)
        {
            problems.Add("motor_resistance_ohms, motor_back_emf_volt_seconds_per_rad and motor_calibrated go together: give all three or none");
            return;
        }
        if (!(ohms >= MotorDefaults.ResistanceMinOhms && ohms <= MotorDefaults.ResistanceMaxOhms))
            problems.Add($"motor_resistance_ohms {ohms} is outside {MotorDefaults.ResistanceMinOhms}..{MotorDefaults.ResistanceMaxOhms} ohm (nominal {MotorDefaults.NominalResistanceOhms}); measure it with `mnpen calibrate current`");
        if (!(ke >= MotorDefaults.BackEmfMin && ke <= MotorDefaults.BackEmfMax))
            problems.Add($"motor_back_emf_volt_seconds_per_rad {ke} is outside {MotorDefaults.BackEmfMin}..{MotorDefaults.BackEmfMax} V·s/rad (nominal {MotorDefaults.NominalBackEmfVoltSecondsPerRad}); measure it with `mnpen calibrate current`");
        c.MotorResistanceOhms = (float)ohms;
        c.MotorBackEmfVoltSecondsPerRad = (float)ke;
        c.MotorCalibrated = measured;
    }

    /// <summary>JSON options of the file.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Writes the file.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a file; null and a reason when it is not a calibration file.</summary>
    public static CalibrationFile? Load(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path))
        {
            error = $"'{path}' does not exist";
            return null;
        }
        try
        {
            var f = JsonSerializer.Deserialize<CalibrationFile>(File.ReadAllText(path), Json);
            if (f == null) error = $"'{path}' is empty";
            return f;
        }
        catch (JsonException ex)
        {
            error = $"'{path}' is not a calibration file: {ex.Message}";
            return null;
        }
    }
}
