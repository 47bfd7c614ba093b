using System.Diagnostics;

namespace MnPen.Tools.Tests.CommandLine;

/// <summary>Runs the built mnpen (`dotnet mnpen.dll ...`) as a user would, capturing exit code, stdout and stderr.</summary>
internal static class BuiltTool
{
    /// <summary>What one run produced.</summary>
    public sealed record Outcome(int Exit, string Stdout, string Stderr);

    /// <summary>The built tool: the copy beside the tests (project reference), else the Cli project's own output.</summary>
    public static string Dll { get; } = Find();

    /// <summary>Runs mnpen with args; kills it after timeout.</summary>
    public static Outcome Run(string[] args, TimeSpan? timeout = null, string? workingDirectory = null, IDictionary<string, string>? env = null) =>
        Start(args, workingDirectory, env).Finish(timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Starts mnpen; Finish collects the outcome.</summary>
    public static Running Start(string[] args, string? workingDirectory = null, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepoRoot,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (env != null) foreach (var (k, v) in env) start.Environment[k] = v;
        var p = Process.Start(start)!;
        return new Running(p);
    }

    /// <summary>A started mnpen.</summary>
    public sealed class Running
    {
        private readonly Task<string> _out;
        private readonly System.Text.StringBuilder _err = new();

        internal Running(Process p)
        {
            Process = p;
            _out = p.StandardOutput.ReadToEndAsync();
            p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_err) _err.Append(e.Data).Append('\n'); };
            p.BeginErrorReadLine();
        }

        /// <summary>What it wrote to stderr so far.</summary>
        public string StderrSoFar { get { lock (_err) return _err.ToString(); } }

        /// <summary>Waits until stderr contains text (or the timeout passes).</summary>
        public bool WaitForStderr(string text, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until)
            {
                if (StderrSoFar.Contains(text, StringComparison.Ordinal)) return true;
                Thread.Sleep(50);
            }
            return false;
        }

        /// <summary>The process.</summary>
        public Process Process { get; }

        /// <summary>Sends SIGINT, as Ctrl+C in a terminal does (Unix).</summary>
        public void Interrupt() => Signal("INT");

        /// <summary>Sends the named signal with `kill` (Unix): "TERM" as a service manager or `kill` does, "INT" as Ctrl+C.</summary>
        public void Signal(string name)
        {
            using var kill = Process.Start("kill", new[] { "-" + name, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            kill!.WaitForExit();
        }

        /// <summary>Waits for the end (killing it after timeout) and returns what it printed.</summary>
        public Outcome Finish(TimeSpan timeout)
        {
            if (!Process.WaitForExit(timeout))
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException("mnpen did not finish within " + timeout + ": " + StderrSoFar);
            }
            Process.WaitForExit();
            var o = new Outcome(Process.ExitCode, _out.Result, StderrSoFar);
            Process.Dispose();
            return o;
        }
    }

    private static string Find()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "mnpen.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        foreach (var config in new[] { "debug", "release" })
        {
            var own = Path.Combine(TestPaths.RepoRoot, "artifacts", "bin", "MnPen.Cli", config, "mnpen.dll");
            if (File.Exists(own)) return own;
        }
        throw new FileNotFoundException("the built mnpen.dll was not found beside the tests or in artifacts/bin/MnPen.Cli");
    }
}
