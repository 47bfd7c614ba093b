using System.Text.RegularExpressions;

namespace MnPen.Bench.Runner;

/// <summary>
/// `--case PATTERN`: a glob (* any text, ? one character), case-insensitive, matched against a case's full name
/// (suite/case) and its name alone, so both "rate/tough/sagging/L6 up" and "*L6 up" select it.
/// </summary>
public sealed class CasePattern
{
    private readonly Regex _regex;

    /// <summary>Compiles the pattern.</summary>
    public CasePattern(string pattern)
    {
        Text = pattern;
        _regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>True when the full name (suite/case) or the case name alone matches.</summary>
    public bool Matches(string fullName)
    {
        if (_regex.IsMatch(fullName)) return true;
        int slash = fullName.IndexOf('/');
        return slash >= 0 && _regex.IsMatch(fullName[(slash + 1)..]);
    }
}
