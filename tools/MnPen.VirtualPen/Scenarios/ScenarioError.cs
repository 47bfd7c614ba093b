namespace MnPen.VirtualPen.Scenarios;

/// <summary>One problem found in a scenario file: where it is (1-based line and column; line 0 = the file as a whole) and what to write instead.</summary>
public sealed record ScenarioError(int Line, int Column, string Message)
{
    /// <summary>Formats as "file:line:column: message" (the file part is left out when unknown).</summary>
    public string Format(string? file) =>
        Line <= 0 ? (string.IsNullOrEmpty(file) ? "" : file + ": ") + Message
                  : (string.IsNullOrEmpty(file) ? "" : file + ":") + Line + ":" + Column + ": " + Message;
}
