using System.Collections.Concurrent;
using MnPen.VirtualPen.Reporting;

namespace MnPen.Bench.Runner;

/// <summary>
/// `bench --case X --trace DIR`: while a directory is set, every bench pen built through BenchPen is traced to
/// DIR/&lt;label&gt;.csv (TraceRecorder). Ambient because suites build their pens deep inside their own loops; it flows
/// with the run's execution context (into its Parallel.For workers), so a bench run beside it in the same process (the
/// test suite runs several) neither clears its folder nor closes its traces.
/// </summary>
public static class BenchTrace
{
    private sealed record Run(string Directory)
    {
        public ConcurrentBag<TraceRecorder> Open { get; } = new();
    }

    private static readonly AsyncLocal<Run?> Current = new();
    private static int _counter;

    /// <summary>Folder traces go to, or null (no tracing), for this run.</summary>
    public static string? Directory
    {
        get => Current.Value?.Directory;
        set => Current.Value = value == null ? null : new Run(value);
    }

    /// <summary>Pens a suite builds deep inside its own code are handed to this observer (a suite replaying a case for its plots).</summary>
    [ThreadStatic]
    public static Action<VirtualPen.VirtualPen>? OnThisThread;

    /// <summary>Traces the pen if tracing is on; the label names the file.</summary>
    public static void Attach(VirtualPen.VirtualPen pen, string label)
    {
        var run = Current.Value;
        if (run == null) return;
        string dir = run.Directory;
        var safe = new string(label.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '.' ? ch : '_').ToArray());
        string path = Path.Combine(dir, Interlocked.Increment(ref _counter).ToString("0000") + "-" + safe + ".csv");
        run.Open.Add(TraceRecorder.Attach(pen, path));
    }

    /// <summary>Closes every trace of this run (final row, flush); call when the run ends.</summary>
    public static int FinishAll()
    {
        int n = 0;
        var run = Current.Value;
        if (run == null) return 0;
        while (run.Open.TryTake(out var t)) { t.Dispose(); n++; }
        return n;
    }
}
