using System.Globalization;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// One "pen name=value" line of a scenario: a parameter of this pen changed from the reference pen, as an absolute value
/// in the parameter's SI unit or relative ("+10%", "-5%"). The names and ranges are in <see cref="Known"/>.
/// </summary>
public sealed record PenParameterSetting
{
    /// <summary>Parameter name (e.g. "motor.resistance").</summary>
    public required string Name { get; init; }

    /// <summary>The value, or the relative change in percent when <see cref="Relative"/>.</summary>
    public required double Value { get; init; }

    /// <summary>True for "+10%" (a change from the reference value), false for an absolute value.</summary>
    public bool Relative { get; init; }

    /// <summary>Name → (unit, smallest, largest allowed absolute value, getter, setter).</summary>
    public static IReadOnlyDictionary<string, (string Unit, double Min, double Max, Func<SimParameters, double> Get, Action<SimParameters, double> Set)> Known { get; } =
        new Dictionary<string, (string, double, double, Func<SimParameters, double>, Action<SimParameters, double>)>(StringComparer.OrdinalIgnoreCase)
        {
            ["motor.resistance"] = ("Ω", 0.5, 20, p => p.Motor.ResistanceOhms, (p, v) => p.Motor.ResistanceOhms = v),
            // Back-EMF and torque constants are one number in SI units for an ideal machine: set together.
            ["motor.constant"] = ("N·m/A", 0.001, 0.02, p => p.Motor.TorqueNewtonMetresPerAmp,
                (p, v) => { p.Motor.TorqueNewtonMetresPerAmp = v; p.Motor.BackEmfVoltSecondsPerRad = v; }),
            ["motor.inertia"] = ("kg·m²", 1e-8, 1e-5, p => p.Motor.RotorInertiaKgM2, (p, v) => p.Motor.RotorInertiaKgM2 = v),
            ["motor.friction"] = ("N·m", 0, 0.005, p => p.Motor.CoulombFrictionNewtonMetres, (p, v) => p.Motor.CoulombFrictionNewtonMetres = v),
            ["cam.friction"] = ("N·m", 0, 0.005, p => p.Cam.MechanismFrictionNewtonMetres, (p, v) => p.Cam.MechanismFrictionNewtonMetres = v),
            ["battery.resistance"] = ("Ω", 0.01, 5, p => p.Battery.InternalResistanceOhms, (p, v) => p.Battery.InternalResistanceOhms = v),
            ["battery.capacity"] = ("A·h", 0.05, 5, p => p.Battery.CapacityAmpHours, (p, v) => p.Battery.CapacityAmpHours = v),
            ["skin.spread"] = ("fraction", 0, 0.5, p => p.Skin.PunctureVariation, (p, v) => p.Skin.PunctureVariation = v),
            ["skin.common"] = ("fraction", 0, 1, p => p.Skin.PunctureCommonShare, (p, v) => p.Skin.PunctureCommonShare = v),
            ["skin.tough-puncture"] = ("N", 0.01, 3, p => p.Skin.ToughPunctureNewtons, (p, v) => p.Skin.ToughPunctureNewtons = v),
        };

    /// <summary>Applies the setting to p (already checked against its range when parsed).</summary>
    public void ApplyTo(SimParameters p)
    {
        var k = Known[Name];
        k.Set(p, Relative ? k.Get(p) * (1 + Value / 100.0) : Value);
    }

    /// <summary>Reads "name=value" (one token, or "name = value"); throws a line error saying what to write.</summary>
    internal static PenParameterSetting Parse(ScenarioLineCursor c)
    {
        int col = c.Column;
        string text = "";
        while (!c.AtEnd) text += c.Next("pen parameter").Text;
        int eq = text.IndexOf('=');
        string names = string.Join(", ", Known.Keys);
        if (eq <= 0 || eq == text.Length - 1)
            throw new ScenarioLineException(col, "write the pen parameter as name=value, e.g. pen motor.resistance=+10% or pen motor.resistance=3.3; names: " + names);
        string name = text.Substring(0, eq).ToLowerInvariant();
        string v = text.Substring(eq + 1);
        if (!Known.TryGetValue(name, out var k))
            throw new ScenarioLineException(col, "unknown pen parameter '" + name + "'" + ScenarioLineCursor.Suggest(name, Known.Keys.ToArray()) + "; known: " + names);
        bool relative = v.EndsWith('%');
        if (relative) v = v.Substring(0, v.Length - 1);
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value))
            throw new ScenarioLineException(col, "'" + text.Substring(eq + 1) + "' is not a number; write a value in " + k.Unit + " or a change such as +10%");
        if (relative)
        {
            double result = k.Get(SimParameters.Default()) * (1 + value / 100.0);
            if (value <= -100 || result < k.Min || result > k.Max)
                throw new ScenarioLineException(col, name + " " + text.Substring(eq + 1) + " gives " + result.ToString("G4", CultureInfo.InvariantCulture) + " " + k.Unit +
                                                     ", outside " + k.Min.ToString(CultureInfo.InvariantCulture) + " to " + k.Max.ToString(CultureInfo.InvariantCulture) + " " + k.Unit);
        }
        else if (value < k.Min || value > k.Max)
        {
            throw new ScenarioLineException(col, name + " = " + v + " is outside " + k.Min.ToString(CultureInfo.InvariantCulture) + " to " +
                                                 k.Max.ToString(CultureInfo.InvariantCulture) + " " + k.Unit);
        }
        return new PenParameterSetting { Name = name, Value = value, Relative = relative };
    }
}
