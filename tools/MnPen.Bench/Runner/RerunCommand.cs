namespace MnPen.Bench.Runner;

/// <summary>The one command line that reruns just a given case with the same seed and platform.</summary>
public static class RerunCommand
{
    /// <summary>E.g. mnpen bench --suite rate --case 'tough/sagging/L6 up' --seed 1.</summary>
    public static string For(BenchCase c, BenchReport report)
    {
        string cmd = "mnpen bench --suite " + c.Suite + " --case " + Quote(c.Name) + " --seed " + report.Seed;
        cmd += " --platform " + report.Platform;
        if (report.Pens > 1) cmd += " --pens " + report.Pens;
        if (report.Channel != null && c.Suite == "interlocks") cmd += " --channel " + report.Channel;
        return cmd;
    }

    // POSIX single quotes: nothing inside is special except the quote itself.
    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
