namespace MnPen.Compat.Checking;

/// <summary>One construct in a portable assembly that nanoFramework v1 cannot compile or run.</summary>
/// <param name="Rule">What kind of problem.</param>
/// <param name="Assembly">Portable assembly it was found in.</param>
/// <param name="Subject">The offending type or member, with the assembly it comes from (e.g. "System.Collections.Generic.List&lt;int&gt; [System.Collections]").</param>
/// <param name="Message">What is wrong and what to do instead.</param>
/// <param name="Where">The portable type/method that uses it.</param>
/// <param name="File">Source file (from the PDB), relative to the repository when possible; null when unknown.</param>
/// <param name="Line">Source line, or null.</param>
public sealed record CompatViolation(CompatRule Rule, string Assembly, string Subject, string Message, string Where, string? File, int? Line)
{
    /// <summary>"file:line" or the type/method when there is no source location.</summary>
    public string Location => File == null ? Where : Line is { } l ? $"{File}:{l}" : File;
}
