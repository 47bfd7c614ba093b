using System.Globalization;
using MnPen.Firmware;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// The pen's needle-depth grid (DepthController.StepMm, 0.05 mm: one press of a depth button). A depth off the grid is
/// refused with the two nearest valid values, never rounded: rounding 0.08 up to 0.10 would needle deeper than asked.
/// </summary>
public static class DepthGrid
{
    /// <summary>Grid step, mm (the firmware's step, as the decimal it stands for).</summary>
    public static readonly double StepMm = Math.Round(DepthController.StepMm, 3);

    /// <summary>Null when mm lies on the grid, else what is wrong and the nearest valid values.</summary>
    public static string? Problem(double mm)
    {
        if (double.IsNaN(mm) || double.IsInfinity(mm)) return "is not a number";
        double steps = mm / StepMm;
        double whole = Math.Round(steps);
        // 1e-6 step is far below anything a person types (0.0000001 mm) and above float noise of 0.05 * n.
        if (Math.Abs(steps - whole) < 1e-6) return null;
        double below = Math.Floor(steps) * StepMm, above = Math.Ceiling(steps) * StepMm;
        return $"{F(mm)} mm is not on the pen's {F(StepMm)} mm depth grid; the nearest valid depths are {F(below)} mm and {F(above)} mm";
    }

    /// <summary>True when mm lies on the grid.</summary>
    public static bool OnGrid(double mm) => Problem(mm) == null;

    private static string F(double v) => v.ToString("0.0#", CultureInfo.InvariantCulture);
}
