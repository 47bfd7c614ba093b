using System.Diagnostics;
using System.Text;

namespace MnPen.Flashing;

/// <summary>Runs nanoff, echoing its output as it comes and keeping it for the checks that read it (details).</summary>
public sealed class NanoffRunner
{
    private readonly string _tool;
    private readonly TextWriter _log;

    /// <summary>Runs the given nanoff executable, echoing to log.</summary>
    public NanoffRunner(string tool, TextWriter log)
    {
        _tool = tool;
        _log = log;
    }

    /// <summary>Longest a single nanoff run may take (a full ESP32-S3 flash with erase takes 1-2 minutes).</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs one invocation; returns its exit code (-1 when it could not start or ran too long) and its output.</summary>
    public (int Exit, string Output) Run(IReadOnlyList<string> args)
    {
        _log.WriteLine("> " + NanoffPlanner.Format(_tool, args));
        var start = new ProcessStartInfo(_tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        var text = new StringBuilder();
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            return (-1, "could not start " + _tool + ": " + ex.Message);
        }
        if (process == null) return (-1, "could not start " + _tool);
        using (process)
        {
            void Take(string? line)
            {
                if (line == null) return;
                lock (text) text.AppendLine(line);
                lock (_log) _log.WriteLine("  " + line);
            }
            process.OutputDataReceived += (_, e) => Take(e.Data);
            process.ErrorDataReceived += (_, e) => Take(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Limit))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return (-1, text + $"nanoff did not finish within {Limit.TotalMinutes:0} minutes and was stopped");
            }
            process.WaitForExit();
            lock (text) return (process.ExitCode, text.ToString());
        }
    }
}
