namespace MnPen.Bench.Runner;

/// <summary>The one command line that reruns just a given case with the same seed and platform (and its pen).</summary>
public static class RerunCommand
{
    /// <summary>
    /// E.g. mnpen bench --suite rate --case 'tough/sagging/L6 up' --seed 1 --platform esp32-nf. A population case reruns
    /// on the pen that failed it (its worst) alone, with --pen; a one-pen run of a pen other than 0 names that pen.
    /// </summary>
    public static string For(BenchCase c, BenchReport report)
    {
        int? pen = c.WorstPen ?? report.OnlyPen;
        return ForPen(c, report, pen is int p && (p != 0 || report.Pens > 1) ? p : null);
    }

    /// <summary>The command that reruns just the case on pen index of the run's population (null: no --pen).</summary>
    public static string ForPen(BenchCase c, BenchReport report, int? pen) =>
        "mnpen bench --suite " + c.Suite + " --case " + Quote(c.Name) + " --seed " + report.Seed + " --platform " + report.Platform +
        (pen is int p ? " --pen " + p : "") +
        (report.MotorSpread > 0 ? " --motor-spread " + Percent(report.MotorSpread) : "") +
        (report.SkinSpread is double skin ? " --skin-spread " + Percent(skin) : "") +
        (report.SkinCommon is double common ? " --skin-common " + Percent(common) : "") +
        (report.Channel != null && c.Suite == "interlocks" ? " --channel " + report.Channel : "");

    // A fraction as the percentage its option takes.
    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    // POSIX single quotes: nothing inside is special except the quote itself.
    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
