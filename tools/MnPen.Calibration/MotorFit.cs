using System.Globalization;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Calibration;

/// <summary>
/// The motor's constants from operating points, as a motor controller's auto-tune fits them from test pulses: least
/// squares of duty·V = R_path·I + kₑ·ω over points at different speeds (kₑ) and loads (R), with ω = 2π·strokes/s (one
/// stroke per cam turn), no intercept (at rest there is neither current nor back-EMF). I and V are the pen's own
/// readings, so the R·I product the firmware later forms from the same channels is true to this pen. The fitted R is the
/// winding's at the handpiece temperature the pen reported over the points (HandpieceCelsius); the record keeps it at
/// 25 °C (MotorOhmsAt25Celsius).
/// </summary>
public sealed record MotorFit(double PathOhms, double BackEmf, IReadOnlyList<double> ResidualVolts)
{
    /// <summary>Bridge on-resistance in the motor's path, ohms (TI DRV8876 SLVSEY4, 700 mΩ typical; SafetyLimits.BridgeOnResistanceOhms).</summary>
    public const double BridgeOnResistanceOhms = 0.7;

    /// <summary>Winding resistance at the measuring temperature: the path's less the bridge's.</summary>
    public double MotorOhms => PathOhms - BridgeOnResistanceOhms;

    /// <summary>
    /// Mean handpiece temperature the pen reported over the points, °C: the temperature MotorOhms was measured at (set by
    /// the caller, `with`; NaN when unknown, which keeps MotorOhms as measured).
    /// </summary>
    public double HandpieceCelsius { get; init; } = double.NaN;

    /// <summary>True when HandpieceCelsius is plausible (SafetyLimits.WindingTempcoApplies) and MotorOhmsAt25Celsius is referred to 25 °C.</summary>
    public bool ReferredTo25Celsius => SafetyLimits.WindingTempcoApplies((float)HandpieceCelsius);

    /// <summary>
    /// The winding resistance as the record keeps it, at 25 °C (SafetyLimits.MotorResistanceAt25Celsius: the copper
    /// tempco the pen scales it back with); MotorOhms as measured when the handpiece reading is implausible.
    /// </summary>
    public double MotorOhmsAt25Celsius => Limits.MotorResistanceAt25Celsius((float)MotorOhms, (float)HandpieceCelsius);

    /// <summary>How the stored resistance relates to the measured one, for the report (one clause, no leading separator).</summary>
    public string TemperatureNote => ReferredTo25Celsius
        ? string.Format(CultureInfo.InvariantCulture, "R measured {0:0.###} ohm at {1:0.0} °C (handpiece), {2:0.###} ohm at 25 °C", MotorOhms, HandpieceCelsius, MotorOhmsAt25Celsius)
        : string.Format(CultureInfo.InvariantCulture, "R kept as measured ({0:0.###} ohm), not referred to 25 °C: {1} (check the thermistor)", MotorOhms,
            double.IsNaN(HandpieceCelsius) ? "the pen reported no handpiece temperature"
                : string.Format(CultureInfo.InvariantCulture, "the handpiece read {0:0.0} °C, outside the plausible −20..100 °C", HandpieceCelsius));

    private static readonly SafetyLimits Limits = new();

    /// <summary>Largest |residual|, V.</summary>
    public double MaxAbsResidualVolts => ResidualVolts.Count == 0 ? 0 : ResidualVolts.Max(Math.Abs);

    /// <summary>True when both constants (R at 25 °C) lie within the bounds the pen accepts (MotorDefaults: nominal ±30 % with margin).</summary>
    public bool WithinBounds => MotorOhmsAt25Celsius >= MotorDefaults.ResistanceMinOhms && MotorOhmsAt25Celsius <= MotorDefaults.ResistanceMaxOhms &&
                                BackEmf >= MotorDefaults.BackEmfMin && BackEmf <= MotorDefaults.BackEmfMax;

    /// <summary>The fit over (amps, strokes/s, duty·volts) points; null with fewer than 3 usable points or when the currents and speeds do not tell R from kₑ.</summary>
    public static MotorFit? Solve(IReadOnlyList<(double Amps, double Rate, double DutyVolts)> points)
    {
        double s11 = 0, s12 = 0, s22 = 0, b1 = 0, b2 = 0;
        var used = points.Where(p => p.Rate > 1 && p.DutyVolts > 0).ToList();
        foreach (var (amps, rate, y) in used)
        {
            double omega = 2 * Math.PI * rate;
            s11 += amps * amps;
            s12 += amps * omega;
            s22 += omega * omega;
            b1 += amps * y;
            b2 += omega * y;
        }
        double det = s11 * s22 - s12 * s12;
        if (used.Count < 3 || Math.Abs(det) < 1e-12 * s11 * s22) return null;
        double ohms = (b1 * s22 - b2 * s12) / det, ke = (s11 * b2 - s12 * b1) / det;
        var residuals = points.Select(p => Math.Round(p.DutyVolts - ohms * p.Amps - ke * 2 * Math.PI * p.Rate, 5)).ToList();
        return new MotorFit(ohms, ke, residuals);
    }
}
