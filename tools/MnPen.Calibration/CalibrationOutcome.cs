using System.Globalization;
using MnPen.Calibration.Instruments;

namespace MnPen.Calibration;

/// <summary>Everything a guided calibration did and found: the certificate is written from this.</summary>
public sealed record CalibrationOutcome
{
    /// <summary>depth, rate, current, thermistor, battery or motor.</summary>
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
    /// <summary>The tolerance in words where it is not one figure for every check (the motor: ±1 % of each level); empty otherwise.</summary>
    public string ToleranceText { get; init; } = "";
    /// <summary>Preconditions checked (all of them, all reported).</summary>
    public IReadOnlyList<Precondition> Preconditions { get; init; } = Array.Empty<Precondition>();
    /// <summary>Swept points with the old calibration.</summary>
    public IReadOnlyList<SweepPoint> Points { get; init; } = Array.Empty<SweepPoint>();
    /// <summary>Line summary of the sweep.</summary>
    public LineFit? Fit { get; init; }
    /// <summary>What a check's error is: "pen − reference" (a sensor against its instrument) or "reference − set point" (the motor: the needle's true rate against the level's target).</summary>
    public string CheckError { get; init; } = "pen − reference";
    /// <summary>The motor auto-tune's measurement, fit and derived rate-loop gains (calibrate motor only).</summary>
    public MotorTune? Motor { get; init; }
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

    /// <summary>The header every procedure starts from: what, which pen, who, when, with which instrument, to what tolerance.</summary>
    public static CalibrationOutcome Begin(MnPen.Client.PenClient client, string quantity, string unit, string technician, DateTime todayUtc,
        IReferenceInstrument reference, double tolerance, IReadOnlyList<Precondition> preconditions) => new()
    {
        Quantity = quantity, Unit = unit, PenSerial = client.Hello!.SerialNumber, FirmwareVersion = client.Hello.FirmwareVersion,
        Technician = technician, Date = todayUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Instrument = reference.Name,
        InstrumentId = reference.Id, InstrumentUncertainty = reference.Uncertainty, Tolerance = tolerance, Preconditions = preconditions,
    };

    /// <summary>Rejected for the preconditions not met, or null when all are met.</summary>
    public CalibrationOutcome? RejectUnmetPreconditions() => Preconditions.Any(p => !p.Ok)
        ? this with { Verdict = "rejected", Reason = "preconditions not met: " + string.Join("; ", Preconditions.Where(p => !p.Ok).Select(p => $"{p.Check}: {p.Detail}")) }
        : null;
}
