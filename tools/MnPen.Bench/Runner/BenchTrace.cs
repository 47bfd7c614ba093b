using System.Collections.Concurrent;
using MnPen.VirtualPen.Reporting;

namespace MnPen.Bench.Runner;

/// <summary>
/// `bench --case X --trace DIR`: while a directory is set, every bench pen built through BenchPen is traced to
/// DIR/&lt;label&gt;.csv (TraceRecorder). Process-wide because suites build their pens deep inside their own loops.
/// </summary>
public static class BenchTrace
{
    private static readonly ConcurrentBag<TraceRecorder> Open = new();
    private static int _counter;

    /// <summary>Folder traces go to, or null (no tracing).</summary>
    public static string? Directory { get; set; }

    /// <summary>Pens a suite builds deep inside its own code are handed to this observer (a suite replaying a case for its plots).</summary>
    [ThreadStatic]
    public static Action<VirtualPen.VirtualPen>? OnThisThread;

    /// <summary>Traces the pen if tracing is on; the label names the file.</summary>
    public static void Attach(VirtualPen.VirtualPen pen, string label)
    {
        string? dir = Directory;
        if (dir == null) return;
        var safe = new string(label.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '.' ? ch : '_').ToArray());
        string path = Path.Combine(dir, Interlocked.Increment(ref _counter).ToString("0000") + "-" + safe + ".csv");
        Open.Add(TraceRecorder.Attach(pen, path));
    }

    /// <summary>Closes every trace (final row, flush); call when the run ends.</summary>
    public static int FinishAll()
    {
        int n = 0;
        while (Open.TryTake(out var t)) { t.Dispose(); n++; }
        return n;
    }
}
