namespace MnPen.Cli.Contract;

/// <summary>A report file named on the command line: its folder is created and it is checked writable before any work starts.</summary>
public static class OutputFile
{
    /// <summary>Creates the folder and proves the file can be written; returns the full path, or null and a message naming the option.</summary>
    public static string? Prepare(string path, string option, out string? problem)
    {
        problem = null;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = $"{option} '{path}' is not a valid path: {ex.Message}";
            return null;
        }
        if (Directory.Exists(full))
        {
            problem = $"{option} '{path}' is a folder; give a file inside it, e.g. {option} {Path.Combine(path, "report.xml")}";
            return null;
        }
        try
        {
            if (Path.GetDirectoryName(full) is { } dir) Directory.CreateDirectory(dir);
            bool existed = File.Exists(full);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
            if (!existed) File.Delete(full);   // only proved writable; the report itself is written at the end
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{option} '{path}' cannot be written ({ex.Message}); choose a writable path";
            return null;
        }
    }
}
