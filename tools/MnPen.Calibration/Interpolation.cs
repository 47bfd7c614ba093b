namespace MnPen.Calibration;

/// <summary>Piecewise-linear interpolation on ascending tables (linear extrapolation past the ends) and a least-squares line.</summary>
public static class Interpolation
{
    /// <summary>y at x on the table (xs strictly ascending, at least two points).</summary>
    public static double At(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x)
    {
        int i = 1;
        while (i < xs.Count - 1 && x > xs[i]) i++;
        double x0 = xs[i - 1], x1 = xs[i];
        return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0);
    }

    /// <summary>True if the values rise strictly.</summary>
    public static bool StrictlyRising(IReadOnlyList<double> v)
    {
        for (int i = 1; i < v.Count; i++)
            if (!(v[i] > v[i - 1])) return false;
        return true;
    }

    /// <summary>Least-squares line y = gain·x + offset with the residuals y − line.</summary>
    public static LineFit Line(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double gain = sxx > 0 ? sxy / sxx : 1, offset = my - gain * mx;
        var residuals = Enumerable.Range(0, n).Select(i => y[i] - (gain * x[i] + offset)).ToList();
        return new LineFit(gain, offset, residuals.Count == 0 ? 0 : residuals.Max(Math.Abs), residuals);
    }
}
