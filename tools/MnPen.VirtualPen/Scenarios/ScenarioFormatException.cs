namespace MnPen.VirtualPen.Scenarios;

/// <summary>A scenario file could not be read; carries every problem found, each with its line and column.</summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>Creates the exception from the problems found in one file.</summary>
    public ScenarioFormatException(string? file, IReadOnlyList<ScenarioError> errors)
        : base(BuildMessage(file, errors))
    {
        File = file;
        Errors = errors;
    }

    /// <summary>File the problems are in (null when parsed from text).</summary>
    public string? File { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string BuildMessage(string? file, IReadOnlyList<ScenarioError> errors)
    {
        var lines = new List<string>
        {
            (errors.Count == 1 ? "1 problem" : errors.Count + " problems") + " in scenario " + (file ?? "text") +
            " (format: docs/scenarios.md):",
        };
        foreach (var e in errors)
            lines.Add("  " + e.Format(file));
        return string.Join(Environment.NewLine, lines);
    }
}
