namespace MnPen.Calibration;

/// <summary>What `calibrate motor` measured and derived, for the report and the certificate.</summary>
public sealed record MotorTune
{
    /// <summary>Winding resistance before and after, ohms (the bridge's 0.7 Ω is not included).</summary>
    public double PreviousOhms { get; init; }
    /// <summary>Winding resistance written, ohms: the measured one referred to 25 °C as the record keeps it (as measured when OhmsReferred is false).</summary>
    public double Ohms { get; init; }
    /// <summary>Winding resistance as measured, at MeasuredCelsius, ohms.</summary>
    public double MeasuredOhms { get; init; }
    /// <summary>Mean handpiece temperature the pen reported over the test pulses, °C: the temperature MeasuredOhms belongs to.</summary>
    public double MeasuredCelsius { get; init; }
    /// <summary>True when MeasuredCelsius was plausible and Ohms is referred to 25 °C; false: Ohms is MeasuredOhms, unreferred.</summary>
    public bool OhmsReferred { get; init; }
    /// <summary>The measured and the written resistance with the temperature, or why the measured one was kept (MotorFit.TemperatureNote).</summary>
    public string ResistanceNote { get; init; } = "";
    /// <summary>Back-EMF constant before, V·s/rad.</summary>
    public double PreviousBackEmf { get; init; }
    /// <summary>Back-EMF constant measured, V·s/rad.</summary>
    public double BackEmf { get; init; }
    /// <summary>True if the previous constants were measured (false: the nominal motor of an older record).</summary>
    public bool PreviousMeasured { get; init; }
    /// <summary>The test pulses: operating points and the fit's residual at each.</summary>
    public IReadOnlyList<MotorTestPoint> TestPoints { get; init; } = Array.Empty<MotorTestPoint>();
    /// <summary>Largest |residual| of duty·V = R·I + kₑ·ω over the test points, V.</summary>
    public double MaxResidualVolts { get; init; }
    /// <summary>Rate-loop gains the pen ran with before.</summary>
    public RateGains PreviousGains { get; init; } = new(0, 0, 0);
    /// <summary>Rate-loop gains derived for the measured motor (what the pen runs with after its restart).</summary>
    public RateGains Gains { get; init; } = new(0, 0, 0);
    /// <summary>The measured motor's speed gain at the nominal 7.4 V pack, strokes/s per unit duty (supply / (2π·kₑ)).</summary>
    public double StrokesPerDutyAtNominalSupply { get; init; }
    /// <summary>Motor voltage the top rate level needs in air on this motor (fit at the top level's current), V.</summary>
    public double TopLevelVoltsInAir { get; init; }
    /// <summary>Terminal voltage of the pen's low-battery warning, V (SafetyLimits.BatteryLowVolts): the top level must be reachable down to it.</summary>
    public double LowBatteryVolts { get; init; }
}

/// <summary>One test pulse: held level (strokes/s), brake, the tachometer's rate, the pen's readings (handpiece in °C), and the fit's residual.</summary>
public sealed record MotorTestPoint(double SetPoint, double BrakeAmps, double TachometerRate, double PenRate, double Amps, double Duty, double Volts, double HandpieceCelsius, double ResidualVolts);

/// <summary>The rate loop's gains in use: proportional (duty per stroke/s), integral (duty per stroke/s per s), load catch-up (duty per stroke/s).</summary>
public sealed record RateGains(double Kp, double Ki, double LoadCatchUp);
