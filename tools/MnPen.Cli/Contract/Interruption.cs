namespace MnPen.Cli.Contract;

/// <summary>
/// Ctrl+C (and SIGTERM) for long runs: the first press asks the run to stop at the next case or step so the partial
/// summary and reports can be written (exit 130); a second press ends the process at once, unless the run's way out
/// must not be cut (a calibration putting the previous record back, a motor being stopped).
/// </summary>
public sealed class Interruption : IDisposable
{
    private static volatile bool s_requested;
    private readonly CancellationTokenSource _cts = new();
    private readonly System.Runtime.InteropServices.PosixSignalRegistration? _term;
    private readonly bool _secondPressEnds;

    private Interruption(bool secondPressEnds)
    {
        _secondPressEnds = secondPressEnds;
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

    /// <summary>
    /// Starts listening for Ctrl+C and SIGTERM until disposed. secondPressEnds false: a second Ctrl+C is ignored too, for
    /// runs whose way out leaves the pen safe and as found (ending the process there would leave an unverified
    /// calibration on the pen, or a motor running until its link keep-alive runs out).
    /// </summary>
    public static Interruption Listen(bool secondPressEnds = true) => new(secondPressEnds);

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
        if (_cts.IsCancellationRequested && _secondPressEnds)
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
