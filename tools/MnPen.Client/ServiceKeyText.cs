namespace MnPen.Client;

/// <summary>Reads a 32-byte service key given on the command line: 64 hex digits, @FILE (hex inside), or a named key.</summary>
public static class ServiceKeyText
{
    /// <summary>Environment variable consulted when no key is given.</summary>
    public const string EnvironmentVariable = "MNPEN_SERVICE_KEY";

    /// <summary>Accepted forms, for help and errors.</summary>
    public const string Forms = "64 hex digits, @FILE holding them, or `dev` (the published key of virtual pens); default: $" + EnvironmentVariable;

    /// <summary>Parses text (or the environment variable when text is null); null and a reason when unusable.</summary>
    public static byte[]? Parse(string? text, Func<string, byte[]?> named, out string? error)
    {
        error = null;
        text ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"a service key is needed for this: give --key ({Forms})";
            return null;
        }
        text = text.Trim();
        if (named(text) is { } key) return key;
        if (text.StartsWith('@'))
        {
            string path = text[1..];
            if (!File.Exists(path))
            {
                error = $"key file '{path}' does not exist: give --key @FILE with a file that holds the pen's 64 hex digits, the 64 hex digits themselves, or `dev` for a virtual pen";
                return null;
            }
            text = File.ReadAllText(path).Trim();
        }
        string hex = text.Replace(" ", "").Replace(":", "");
        try
        {
            var bytes = Convert.FromHexString(hex);
            if (bytes.Length == 32) return bytes;
        }
        catch (FormatException)
        {
        }
        error = $"the service key must be {Forms}";
        return null;
    }
}
