using System.CommandLine;

namespace MnPen.Cli.Contract;

/// <summary>
/// The exit-code contract every command keeps (README "Exit codes"): parse errors are bad input (2) with one short
/// message on stderr and nothing on stdout, help only on --help, any unexpected exception is an internal error (4)
/// with one line and a details file, Ctrl+C is 130.
/// </summary>
public static class CommandLineContract
{
    /// <summary>Parses and runs args against the command tree, keeping the contract.</summary>
    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        args = HelpWords(args);
        // No response files: `--key @pen.key` names a key file that ServiceKeyText reads (and explains when it is
        // missing); System.CommandLine's @file expansion took the word first and answered "Response file not found".
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine's own handler prints every error plus the whole help on stdout and exits 1;
            // the contract wants one line per problem on stderr, naming the option and what to write.
            foreach (var line in ParseErrorText.Describe(parse))
                error.WriteLine(line);
            return ExitCodes.BadInput;
        }
        // Ctrl+C is handled by the commands that run long (Interruption): they stop, write what they have, and return 130.
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return parse.Invoke(config);
        }
        catch (OperationCanceledException) when (Interruption.Requested)
        {
            error.WriteLine($"{CommandName(parse)}: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            string where = InternalErrorLog.Write(ex, args);
            error.WriteLine($"{CommandName(parse)}: internal error: {ex.GetType().Name}: {FirstLine(ex.Message)} (details written to {where})");
            return ExitCodes.Internal;
        }
    }

    /// <summary>`mnpen help` and `mnpen help sim` mean `mnpen --help` and `mnpen sim --help`.</summary>
    internal static string[] HelpWords(string[] args)
    {
        if (args.Length == 0) return new[] { "sim" };
        if (args[0] == "help") return args.Skip(1).Append("--help").ToArray();
        return args;
    }

    /// <summary>"mnpen sim", "mnpen calibrate show": the prefix of every message.</summary>
    internal static string CommandName(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r != null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            if (r.Command is not RootCommand) names.Insert(0, r.Command.Name);
        return "mnpen" + (names.Count > 0 ? " " + string.Join(" ", names) : "");
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOfAny(new[] { '\r', '\n' });
        return i < 0 ? s : s[..i];
    }
}
