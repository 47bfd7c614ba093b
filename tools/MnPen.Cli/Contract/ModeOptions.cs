using System.CommandLine;

namespace MnPen.Cli.Contract;

/// <summary>Options that do not apply to the mode a command runs in are bad input, never silently ignored.</summary>
public static class ModeOptions
{
    /// <summary>True when the option was written on the command line (not just defaulted).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>A message naming the first of options that was given although it does not apply (why says so); null when none was.</summary>
    public static string? NotApplicable(ParseResult parse, string why, params Option[] options)
    {
        foreach (var o in options)
            if (Given(parse, o)) return $"{o.Name} {why}";
        return null;
    }
}
