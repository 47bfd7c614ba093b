namespace MnPen.Calibration;

/// <summary>Everything a guided calibration did and found: the certificate is written from this.</summary>
public sealed record CalibrationOutcome
{
    /// <summary>depth, rate, current, thermistor or battery.</summary>
    public string Quantity { get; init; } = "";
    /// <summary>Unit of set points and readings.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Pen serial number.</summary>
    public string PenSerial { get; init; } = "";
    /// <summary>Pen firmware version.</summary>
    public string FirmwareVersion { get; init; } = "";
    /// <summary>Technician id.</summary>
    public string Technician { get; init; } = "";
    /// <summary>Date of the calibration (UTC), yyyy-MM-dd.</summary>
    public string Date { get; init; } = "";
    /// <summary>Next calibration due (UTC), yyyy-MM-dd; empty unless written.</summary>
    public string NextDue { get; init; } = "";
    /// <summary>Reference instrument name.</summary>
    public string Instrument { get; init; } = "";
    /// <summary>Reference instrument id.</summary>
    public string InstrumentId { get; init; } = "";
    /// <summary>Reference instrument's stated uncertainty, in <see cref="Unit"/>.</summary>
    public double InstrumentUncertainty { get; init; }
    /// <summary>Acceptance tolerance at each check point, in <see cref="Unit"/>.</summary>
    public double Tolerance { get; init; }
    /// <summary>Preconditions checked (all of them, all reported).</summary>
    public IReadOnlyList<Precondition> Preconditions { get; init; } = Array.Empty<Precondition>();
    /// <summary>Swept points with the old calibration.</summary>
    public IReadOnlyList<SweepPoint> Points { get; init; } = Array.Empty<SweepPoint>();
    /// <summary>Line summary of the sweep.</summary>
    public LineFit? Fit { get; init; }
    /// <summary>Verification with the new calibration in effect.</summary>
    public IReadOnlyList<CheckPoint> Checks { get; init; } = Array.Empty<CheckPoint>();
    /// <summary>"pass", "rejected" or "not-started".</summary>
    public string Verdict { get; init; } = "not-started";
    /// <summary>Why, in a sentence.</summary>
    public string Reason { get; init; } = "";
    /// <summary>True if the new calibration is in the pen now.</summary>
    public bool Written { get; init; }
    /// <summary>True if a written calibration was taken back and the previous one restored.</summary>
    public bool Restored { get; init; }
}
