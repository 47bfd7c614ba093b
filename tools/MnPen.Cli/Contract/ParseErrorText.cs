using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace MnPen.Cli.Contract;

/// <summary>
/// Turns System.CommandLine's parse errors into one short line each: the command, the option, what was wrong and
/// what to write instead, without .NET type names (System.CommandLine's texts name the CLR type it converts to).
/// </summary>
public static partial class ParseErrorText
{
    /// <summary>One line per distinct problem.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        string command = CommandLineContract.CommandName(parse);
        var lines = new List<string>();
        bool unknownToken = parse.Errors.Any(e => Unrecognized().IsMatch(e.Message));
        foreach (var e in parse.Errors)
        {
            // An unknown word already explains why no subcommand was found.
            if (unknownToken && NoCommand().IsMatch(e.Message)) continue;
            string line = command + ": " + Explain(e, parse.CommandResult.Command);
            if (!lines.Contains(line)) lines.Add(line);
        }
        return lines;
    }

    private static string Explain(ParseError e, Command command)
    {
        string help = $" (`{HelpCommand(command)} --help` lists the options)";
        Option? option = e.SymbolResult switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        string message = e.Message;

        if (CannotParse().Match(message) is { Success: true } bad)
        {
            option ??= Find(command, bad.Groups[2].Value);
            string value = bad.Groups[1].Value;
            return option == null
                ? $"'{value}' is not valid here{help}"
                : $"{option.Name} '{value}' is not {Kind(option.ValueType)}; write {Usage(option)}";
        }
        if (RequiredOption().Match(message) is { Success: true } req)
        {
            var o = Find(command, req.Groups[1].Value);
            return o == null ? $"{req.Groups[1].Value} is required" : $"{o.Name} is required; write {Usage(o)}";
        }
        if (MissingValue().Match(message) is { Success: true } miss)
        {
            var o = Find(command, miss.Groups[1].Value) ?? option;
            return o == null ? $"{miss.Groups[1].Value} needs a value" : $"{o.Name} needs a value; write {Usage(o)}";
        }
        if (Repeated().Match(message) is { Success: true } twice)
            return $"{twice.Groups[1].Value} is given more than once; give it once";
        if (Unrecognized().Match(message) is { Success: true } unknown)
        {
            string token = unknown.Groups[1].Value;
            string? near = Nearest(command, token);
            return $"'{token}' is not an option or command of {HelpCommand(command)}" +
                   (near != null ? $"; did you mean {near}?" : "") + help;
        }
        if (RequiredArgument().Match(message) is { Success: true } arg)
        {
            var argument = command.Arguments.FirstOrDefault(a => a.Name == arg.Groups[1].Value);
            return $"the <{arg.Groups[1].Value}> argument is missing" + (argument != null ? $": {Shorten(argument.Description)}" : "") + help;
        }
        if (NoCommand().IsMatch(message))
            return $"name a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))}{help}";
        return TypeName().Replace(message, "value").TrimEnd('.') + help;
    }

    private static string HelpCommand(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c && c is not RootCommand; s = c.Parents.FirstOrDefault())
            names.Insert(0, c.Name);
        return "mnpen" + (names.Count > 0 ? " " + string.Join(" ", names) : "");
    }

    private static Option? Find(Command command, string name) =>
        command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static string? Nearest(Command command, string token)
    {
        if (!token.StartsWith('-')) return null;
        string bare = token.TrimStart('-');
        string? near = command.Options.Select(o => o.Name)
            .Where(n => n.TrimStart('-').StartsWith(bare, StringComparison.OrdinalIgnoreCase) ||
                        bare.StartsWith(n.TrimStart('-'), StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();
        // `mnpen --rate 150`: the bare tool runs sim, but its options belong to `mnpen sim`.
        if (near == null && command is RootCommand && command.Subcommands.FirstOrDefault(c => c.Name == "sim") is { } sim &&
            sim.Options.Any(o => o.Name == token))
            near = "mnpen sim " + token;
        return near;
    }

    /// <summary>"--rate &lt;hz&gt; (Stroke rate ..., strokes/s ...)": the option's own first line of help.</summary>
    private static string Usage(Option option) =>
        $"{option.Name} <{option.HelpName ?? "value"}> ({Shorten(option.Description)})";

    private static string Shorten(string? description)
    {
        if (string.IsNullOrEmpty(description)) return "see --help";
        int cut = description.IndexOf('\n');
        string first = cut < 0 ? description : description[..cut];
        return first.TrimEnd('.', ':', ' ');
    }

    private static string Kind(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return "a number";
        if (t == typeof(ulong) || t == typeof(uint) || t == typeof(ushort) || t == typeof(byte)) return "a whole number >= 0";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return "a whole number";
        if (t == typeof(bool)) return "true or false";
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t));
        return "valid";
    }

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for option '([^']*)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Option '([^']*)' is required")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"^Required argument missing for option: '([^']*)'")]
    private static partial Regex MissingValue();

    [GeneratedRegex(@"^Required argument '([^']*)' missing for command")]
    private static partial Regex RequiredArgument();

    [GeneratedRegex(@"^Option '([^']*)' expects a single argument")]
    private static partial Regex Repeated();

    [GeneratedRegex(@"^Required command was not provided")]
    private static partial Regex NoCommand();

    [GeneratedRegex(@"^Unrecognized command or argument '(.*)'")]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"'?System\.[\w`\.]+(\[[^\]]*\])?'?")]
    private static partial Regex TypeName();
}
