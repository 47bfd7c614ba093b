using System.Globalization;

namespace MnPen.Calibration.Instruments;

/// <summary>A reference instrument the technician reads and types in at a prompt ("q" aborts).</summary>
public sealed class PromptInstrument : IReferenceInstrument
{
    private readonly TextReader _in;
    private readonly TextWriter _out;
    private readonly string _what;

    /// <summary>Prompts on output and reads the technician's answers from input.</summary>
    public PromptInstrument(string what, string id, double uncertainty, TextReader input, TextWriter output)
    {
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
            string? line = _in.ReadLine();
            if (line == null || line.Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
                throw new OperationCanceledException("calibration aborted at the prompt");
            if (double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
            _out.WriteLine($"  '{line.Trim()}' is not a number; type it like 1.234");
        }
    }
}
