using System.Globalization;

namespace MnPen.Calibration.Instruments;

/// <summary>A reference instrument the technician reads and types in at a prompt ("q" aborts).</summary>
public sealed class PromptInstrument : IReferenceInstrument
{
    private readonly TextReader _in;
    private readonly TextWriter _out;
    private readonly string _what;
    private readonly CancellationToken _cancel;
    private Task<string?>? _pending;

    /// <summary>Prompts on output and reads the technician's answers from input; cancel (Ctrl+C, SIGTERM) ends a wait at the prompt.</summary>
    public PromptInstrument(string what, string id, double uncertainty, TextReader input, TextWriter output, CancellationToken cancel = default)
    {
        _cancel = cancel;
        _what = what;
        Id = id;
        Uncertainty = uncertainty;
        _in = input;
        _out = output;
    }

    /// <inheritdoc />
    public string Name => _what + " (read by the technician)";

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public double Uncertainty { get; }

    /// <inheritdoc />
    public string? NotReadyReason() => null;

    /// <inheritdoc />
    public double Read(double setPoint, string unit)
    {
        while (true)
        {
            _out.Write($"  set point {setPoint.ToString("0.###", CultureInfo.InvariantCulture)} {unit}: read the {_what} and type its reading in {unit} (q aborts): ");
            _out.Flush();
            string? line = ReadLine();
            if (line == null || line.Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
                throw new OperationCanceledException("calibration aborted at the prompt");
            if (double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
            _out.WriteLine($"  '{line.Trim()}' is not a number; type it like 1.234");
        }
    }

    // A console read cannot be cancelled (Console.In's ReadLine blocks in the terminal read), and a procedure waiting
    // at a prompt must still end on SIGTERM: the line is read on a worker and the wait for it is what is cancelled. The
    // worker stays blocked on the input until the process ends (which follows the interruption); a later prompt would
    // take its line.
    private string? ReadLine()
    {
        if (!_cancel.CanBeCanceled) return _in.ReadLine();
        var read = _pending ?? Task.Run(() => _in.ReadLine());
        _pending = read;
        try
        {
            read.Wait(_cancel);
        }
        catch (OperationCanceledException)
        {
            // What follows (restoring, the summary) starts on a line of its own, not after the unanswered prompt.
            _out.WriteLine();
            throw;
        }
        _pending = null;
        return read.Result;
    }
}
