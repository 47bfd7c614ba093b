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

    /// <summary>
    /// Up to count of the full names (suite/case) nearest the pattern, nearest first, for "did you mean": by edit
    /// distance to the name (or the case name alone), or with * and ? by the distance of the pattern's literal parts to
    /// their best places in the name, so "*cartrige*" finds the cartridge cases.
    /// </summary>
    public IReadOnlyList<string> Closest(IEnumerable<string> fullNames, int count)
    {
        string pattern = Text.ToLowerInvariant();
        var parts = pattern.Split('*', '?').Where(p => p.Length > 0).ToArray();
        bool glob = pattern.IndexOfAny(new[] { '*', '?' }) >= 0;
        int Score(string fullName)
        {
            string name = fullName.ToLowerInvariant();
            if (glob) return parts.Sum(p => EditDistance(p, name, anywhere: true));
            int slash = name.IndexOf('/');
            return Math.Min(EditDistance(pattern, name, false), slash < 0 ? int.MaxValue : EditDistance(pattern, name[(slash + 1)..], false));
        }
        return fullNames.Select(n => (Name: n, Score: Score(n))).OrderBy(x => x.Score).ThenBy(x => x.Name.Length)
            .Take(count).Select(x => x.Name).ToList();
    }

    // Levenshtein distance of a to b, or (anywhere) to the best-matching part of b (Sellers' variant: the same table,
    // free to start and end anywhere in b). Hand-written: names are short, and the NuGet distance libraries give only the
    // whole-string distance, not the substring one a glob's parts need.
    private static int EditDistance(string a, string b, bool anywhere)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = anywhere ? 0 : j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(above + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return anywhere ? row.Min() : row[b.Length];
    }

    /// <summary>True when the full name (suite/case) or the case name alone matches.</summary>
    public bool Matches(string fullName)
    {
        if (_regex.IsMatch(fullName)) return true;
        int slash = fullName.IndexOf('/');
        return slash >= 0 && _regex.IsMatch(fullName[(slash + 1)..]);
    }
}
