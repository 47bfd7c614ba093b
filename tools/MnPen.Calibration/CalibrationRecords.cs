namespace MnPen.Calibration;

/// <summary>One swept set point: what the pen's own sensor said and what the reference instrument read.</summary>
public sealed record SweepPoint(double SetPoint, double PenReading, double Reference);

/// <summary>One verification point after the new calibration took effect.</summary>
public sealed record CheckPoint(double SetPoint, double PenReading, double Reference, double Error, double Tolerance, bool Pass)
{
    /// <summary>A swept reading judged against an absolute tolerance (error = pen − reference, to 0.1 ‰ of a unit).</summary>
    public static CheckPoint Judge(SweepPoint p, double tolerance)
    {
        double error = Math.Round(p.PenReading - p.Reference, 4);
        return new CheckPoint(p.SetPoint, p.PenReading, p.Reference, error, tolerance, Math.Abs(error) <= tolerance);
    }
}

/// <summary>A precondition: what was checked, whether it holds, and what to do if not.</summary>
public sealed record Precondition(string Check, bool Ok, string Detail);

/// <summary>A straight-line summary of the sweep (reference = gain · pen reading + offset) with its residuals.</summary>
public sealed record LineFit(double Gain, double Offset, double MaxAbsResidual, IReadOnlyList<double> Residuals);
