using MnPen.Protocol;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// A sensing channel whose scale is one coefficient of the calibration record (thermistor rail counts, battery
/// millivolts per count): how to read it, how to refit the coefficient from the pen's reading and a reference, and
/// its tolerances (docs/safety/sensing-budget.md).
/// </summary>
public sealed class SensingChannel
{
    /// <summary>thermistor or battery.</summary>
    public string Name { get; init; } = "";
    /// <summary>Unit of readings.</summary>
    public string Unit { get; init; } = "";
    /// <summary>Verification tolerance after writing, in <see cref="Unit"/>.</summary>
    public double Tolerance { get; init; }
    /// <summary>Largest correction a healthy pen can need; beyond it the sensor is faulty, not uncalibrated.</summary>
    public double MaxCorrection { get; init; }
    /// <summary>The pen's reading in a status reply.</summary>
    public Func<PenStatusData, double> Reading { get; init; } = _ => double.NaN;
    /// <summary>The channel's coefficient in a calibration.</summary>
    public Func<PenCalibration, double> Coefficient { get; init; } = _ => double.NaN;
    /// <summary>Sets the coefficient in a calibration.</summary>
    public Action<PenCalibration, double> SetCoefficient { get; init; } = (_, _) => { };
    /// <summary>New coefficient from the old one, the pen's mean reading under it and the reference's mean.</summary>
    public Func<double, double, double, double> Refit { get; init; } = (old, _, _) => old;
    /// <summary>Coefficient name for reports.</summary>
    public string CoefficientName { get; init; } = "";

    /// <summary>
    /// Thermistor at a room-temperature soak. The pen's reading is mapped back to the counts it converted (the protocol
    /// carries °C, not counts) through the old rail counts, and the rail counts refitted so those counts convert to the
    /// reference temperature. ±0.3 °C after writing: thermometer ±0.2 °C plus noise of the averaged reading.
    /// </summary>
    public static SensingChannel Thermistor() => new()
    {
        Name = "thermistor", Unit = "°C", Tolerance = 0.3, MaxCorrection = 8.0, CoefficientName = "rail counts",
        Reading = s => s.HandpieceCentiC / 100.0,
        Coefficient = c => c.ThermistorRailCounts,
        SetCoefficient = (c, v) => c.ThermistorRailCounts = (float)v,
        Refit = (oldRail, penCelsius, referenceCelsius) =>
        {
            double r = NtcOhms(penCelsius);
            double raw = oldRail * r / (r + MnPen.Drivers.Thermistor.PullUpOhms);
            return MnPen.Drivers.Thermistor.RailCountsFor(raw, referenceCelsius);
        },
    };

    /// <summary>
    /// Battery sense against a voltmeter on the terminals at rest: the scale is proportional (an ADC offset of ±30 counts
    /// stays in the budget), so the new mV/count is the old one times reference / reading. ±0.03 V after writing:
    /// voltmeter ±0.01 V plus noise and quantisation of the averaged reading.
    /// </summary>
    public static SensingChannel Battery() => new()
    {
        Name = "battery", Unit = "V", Tolerance = 0.03, MaxCorrection = 1.0, CoefficientName = "mV per count",
        Reading = s => s.BatteryMv / 1000.0,
        Coefficient = c => c.BatteryMillivoltsPerCount,
        SetCoefficient = (c, v) => c.BatteryMillivoltsPerCount = (float)v,
        Refit = (oldScale, penVolts, referenceVolts) => penVolts > 0 ? oldScale * referenceVolts / penVolts : double.NaN,
    };

    private static double NtcOhms(double celsius) =>
        MnPen.Drivers.Thermistor.NominalOhms * Math.Exp(MnPen.Drivers.Thermistor.Beta * (1.0 / (celsius + 273.15) - 1.0 / 298.15));
}
