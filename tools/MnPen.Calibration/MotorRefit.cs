using MnPen.Storage;
using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// The motor's constants measured again on the current calibration's loaded points, in the new current scale. The pen
/// judges its motor by duty·V − I·(R + R_bridge) = kₑ·ω (stroke plausibility, jam and stall checks), with I read through
/// its current sense: a new current scale under the old R changes that product and can make a healthy loaded motor look
/// implausible (the simulated bench's pen 3 tripped StrokeSensorImplausible at 0.4 A that way). Fitting R and kₑ from
/// the same points, as a motor controller's auto-tune does from test loads, keeps the product true to this pen's motor.
/// </summary>
public static class MotorRefit
{
    /// <summary>Bridge on-resistance in the motor's path, ohms (TI DRV8876 SLVSEY4, 700 mΩ typical; SafetyLimits.BridgeOnResistanceOhms).</summary>
    public const double BridgeOnResistanceOhms = 0.7;

    /// <summary>
    /// Least squares of duty·V = R_path·I + kₑ·ω over the loaded points (I in the new scale, ω = 2π·strokes/s: one stroke
    /// per cam turn). Writes R = R_path − R_bridge and kₑ into the candidate when both lie within MotorDefaults' bounds;
    /// otherwise leaves the candidate's motor as it was. Returns a note for the report.
    /// </summary>
    public static string Apply(PenCalibration candidate, IReadOnlyList<SweepPoint> points, IReadOnlyList<(double Duty, double Volts, double Rate)> operating,
        Func<SweepPoint, double> ampsInNewScale)
    {
        double s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0;
        int n = 0;
        for (int i = 0; i < points.Count && i < operating.Count; i++)
        {
            var (duty, volts, rate) = operating[i];
            if (points[i].SetPoint <= 0 || duty <= 0 || rate <= 1) continue;
            double amps = ampsInNewScale(points[i]), omega = 2 * Math.PI * rate, y = duty * volts;
            s11 += amps * amps;
            s12 += amps * omega;
            s22 += omega * omega;
            b1 += amps * y;
            b2 += omega * y;
            n++;
        }
        double det = s11 * s22 - s12 * s12;
        if (n < 3 || Math.Abs(det) < 1e-12 * s11 * s22) return "; motor constants kept (too few loaded points to fit them)";
        double pathOhms = (b1 * s22 - b2 * s12) / det, ke = (s11 * b2 - s12 * b1) / det;
        double ohms = pathOhms - BridgeOnResistanceOhms;
        if (!(ohms >= MotorDefaults.ResistanceMinOhms && ohms <= MotorDefaults.ResistanceMaxOhms && ke >= MotorDefaults.BackEmfMin && ke <= MotorDefaults.BackEmfMax))
            return $"; motor constants kept (the loaded points gave {ohms:0.###} ohm and {ke:0.######} V.s/rad, outside the motor's bounds)";
        string note = $"; motor {candidate.MotorResistanceOhms:0.###} → {ohms:0.###} ohm, kₑ {candidate.MotorBackEmfVoltSecondsPerRad:0.######} → {ke:0.######} V.s/rad";
        candidate.MotorResistanceOhms = (float)ohms;
        candidate.MotorBackEmfVoltSecondsPerRad = (float)ke;
        candidate.MotorCalibrated = true;
        return note;
    }
}
