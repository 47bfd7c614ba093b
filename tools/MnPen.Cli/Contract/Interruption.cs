namespace MnPen.Cli.Contract;

/// <summary>
/// Ctrl+C (and SIGTERM) for long runs: the first press asks the run to stop at the next case or step so the partial
/// summary and reports can be written (exit 130); a second press ends the process at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private static volatile bool s_requested;
    private readonly CancellationTokenSource _cts = new();
    private readonly System.Runtime.InteropServices.PosixSignalRegistration? _term;

    private Interruption()
    {
        Console.CancelKeyPress += OnCancel;
        _term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            Request("SIGTERM");
        });
    }

    /// <summary>True once an interruption was asked for in this process.</summary>
    public static bool Requested => s_requested;

    /// <summary>Cancelled on Ctrl+C.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Starts listening for Ctrl+C until disposed.</summary>
    public static Interruption Listen() => new();

    /// <summary>What asked the run to stop first ("Ctrl+C", "SIGTERM"), or null while nothing did.</summary>
    public string? StoppedBy { get; private set; }

    /// <summary>Asks the run to stop (what Ctrl+C does; tests call it directly).</summary>
    public void Request(string by = "a request")
    {
        StoppedBy ??= by;
        s_requested = true;
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_cts.IsCancellationRequested)
        {
            // Second Ctrl+C: the runtime ends the process now; show the cursor a live progress display may have hidden.
            if (!Console.IsErrorRedirected) Console.Error.Write("\u001b[?25h");
            return;
        }
        e.Cancel = true;
        Request("SIGINT (Ctrl+C)");
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _term?.Dispose();
        _cts.Dispose();
    }
}
