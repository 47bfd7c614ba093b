using System.Globalization;
using MnPen.Calibration;

namespace MnPen.Cli.Technician;

/// <summary>The motor auto-tune's figures as `calibrate motor` prints them: test pulses with residuals, constants, derived gains, headroom.</summary>
public static class MotorTuneText
{
    /// <summary>Writes the figures, one line each.</summary>
    public static void Write(MotorTune m, TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var p in m.TestPoints)
            o.WriteLine(string.Format(c, "  pulse {0,5:0} strokes/s {1}: tachometer {2,7:0.00}, pen {3,7:0.00} /s, {4:0.000} A, duty {5:0.000} at {6:0.000} V, handpiece {7:0.0} °C, residual {8:+0.000;-0.000} V",
                p.SetPoint, p.BrakeAmps > 0 ? $"brake {p.BrakeAmps:0.00} A" : "in air     ", p.TachometerRate, p.PenRate, p.Amps, p.Duty, p.Volts, p.HandpieceCelsius, Math.Round(p.ResidualVolts, 3) + 0.0));
        o.WriteLine(string.Format(c, "  motor: R {0:0.000} → {1:0.000} ohm{2}, kₑ {3:0.000000} → {4:0.000000} V.s/rad{5}; largest residual {6:0.000} V",
            m.PreviousOhms, m.Ohms, m.OhmsReferred ? " at 25 °C" : "", m.PreviousBackEmf, m.BackEmf, m.PreviousMeasured ? "" : " (previous: nominal, unmeasured)", m.MaxResidualVolts));
        o.WriteLine("  winding: " + m.ResistanceNote);
        o.WriteLine(string.Format(c, "  rate loop: Kp {0:0.000000} → {1:0.000000}, Ki {2:0.00000} → {3:0.00000}, load catch-up {4:0.00000} → {5:0.00000}; speed gain {6:0} strokes/s per duty at 7.4 V",
            m.PreviousGains.Kp, m.Gains.Kp, m.PreviousGains.Ki, m.Gains.Ki, m.PreviousGains.LoadCatchUp, m.Gains.LoadCatchUp, m.StrokesPerDutyAtNominalSupply));
        o.WriteLine(string.Format(c, "  top level in air needs {0:0.00} V at the motor (low-battery warning {1:0.0} V)", m.TopLevelVoltsInAir, m.LowBatteryVolts));
    }
}
