namespace MnPen.VirtualPen.Scenarios;

/// <summary>One word of a scenario line with its 1-based column.</summary>
internal readonly record struct ScenarioToken(string Text, int Column, bool Quoted)
{
    /// <summary>Splits a line into words; '#' starts a comment, "..." quotes, ':' stands alone.</summary>
    public static List<ScenarioToken> Split(string line, out string? error, out int errorColumn)
    {
        var tokens = new List<ScenarioToken>();
        error = null;
        errorColumn = 0;
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#') break;
            if (c == ':') { tokens.Add(new ScenarioToken(":", i + 1, false)); i++; continue; }
            if (c == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    error = "unterminated quoted text: add the closing \"";
                    errorColumn = i + 1;
                    return tokens;
                }
                tokens.Add(new ScenarioToken(line.Substring(i + 1, close - i - 1), i + 1, true));
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != '#' && line[i] != ':' && line[i] != '"')
                i++;
            tokens.Add(new ScenarioToken(line.Substring(start, i - start), start + 1, false));
        }
        return tokens;
    }
}
