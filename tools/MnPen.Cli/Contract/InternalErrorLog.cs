namespace MnPen.Cli.Contract;

/// <summary>Writes the details of an internal error (exception, command line, versions) to a file under the temp folder.</summary>
public static class InternalErrorLog
{
    /// <summary>Folder the details go to (overridable with MNPEN_ERROR_DIR, e.g. for CI artefacts).</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("MNPEN_ERROR_DIR") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "mnpen");

    /// <summary>Writes the details and returns the file's path (or a note if even that failed).</summary>
    public static string Write(Exception ex, string[] args)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            string path = Path.Combine(Folder, $"error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt");
            File.WriteAllText(path,
                $"mnpen {typeof(InternalErrorLog).Assembly.GetName().Version} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                $".NET {Environment.Version}, {DateTime.UtcNow:O}\n" +
                "command line: mnpen " + string.Join(" ", args) + "\n\n" + ex + "\n");
            return path;
        }
        catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
        {
            return "nowhere: " + inner.Message;
        }
    }
}
