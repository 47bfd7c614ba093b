using MnPen.Storage;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// The motor's constants measured again on the current calibration's loaded points, in the new current scale. The pen
/// judges its motor by duty·V − I·(R + R_bridge) = kₑ·ω (stroke plausibility, jam and stall checks), with I read through
/// its current sense: a new current scale under the old R changes that product and can make a healthy loaded motor look
/// implausible (the simulated bench's pen 3 tripped StrokeSensorImplausible at 0.4 A that way). Fitting R and kₑ from
/// the same points, as a motor controller's auto-tune does from test loads, keeps the product true to this pen's motor.
/// R is referred to 25 °C from the handpiece temperature the pen reported over the points, as `calibrate motor` does (MotorFit).
/// </summary>
public static class MotorRefit
{
    /// <summary>
    /// MotorFit over the loaded points (I in the new scale). Writes R = R_path − R_bridge (at 25 °C) and kₑ into the
    /// candidate when both lie within MotorDefaults' bounds; otherwise leaves the candidate's motor as it was. Returns a
    /// note for the report (saying at what temperature R was measured, or that it was kept unreferred).
    /// </summary>
    public static string Apply(PenCalibration candidate, IReadOnlyList<SweepPoint> points,
        IReadOnlyList<(double Duty, double Volts, double Rate, double HandpieceCelsius)> operating, Func<SweepPoint, double> ampsInNewScale)
    {
        var loaded = new List<(double, double, double)>();
        double celsius = 0;
        for (int i = 0; i < points.Count && i < operating.Count; i++)
        {
            var (duty, volts, rate, handpiece) = operating[i];
            if (points[i].SetPoint <= 0 || duty <= 0 || rate <= 1) continue;
            loaded.Add((ampsInNewScale(points[i]), rate, duty * volts));
            celsius += handpiece;
        }
        if (MotorFit.Solve(loaded) is not { } solved) return "; motor constants kept (too few loaded points to fit them)";
        var fit = solved with { HandpieceCelsius = celsius / loaded.Count };
        double ohms = fit.MotorOhmsAt25Celsius, ke = fit.BackEmf;
        if (!fit.WithinBounds)
            return $"; motor constants kept (the loaded points gave {ohms:0.###} ohm and {ke:0.######} V.s/rad, outside the motor's bounds)";
        string note = $"; motor {candidate.MotorResistanceOhms:0.###} → {ohms:0.###} ohm, kₑ {candidate.MotorBackEmfVoltSecondsPerRad:0.######} → {ke:0.######} V.s/rad ({fit.TemperatureNote})";
        candidate.MotorResistanceOhms = (float)ohms;
        candidate.MotorBackEmfVoltSecondsPerRad = (float)ke;
        candidate.MotorCalibrated = true;
        return note;
    }
}
