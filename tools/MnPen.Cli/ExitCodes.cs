namespace MnPen.Cli;

/// <summary>Process exit codes shared by every command (documented in README).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done and every check passed.</summary>
    public const int Ok = 0;
    /// <summary>The work ran but a check failed (bench case, compat violation, expectation in a scenario).</summary>
    public const int CheckFailed = 1;
    /// <summary>Bad input: command line, file, or an argument out of range.</summary>
    public const int BadInput = 2;
    /// <summary>A pen or a reference could not be reached or is incompatible.</summary>
    public const int Unavailable = 3;
    /// <summary>An unexpected internal error.</summary>
    public const int Internal = 4;
    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it); partial summaries and reports were written.</summary>
    public const int Interrupted = 130;
}
