namespace MnPen.Bench.Runner;

/// <summary>
/// In-memory time series of one bench pen for the report's plots: true needle depth, motor current, stroke rate and
/// duty at a fixed simulated interval of its own (not the firmware tick). Attached through BenchTrace's per-thread
/// observer, so a suite can replay one case and keep what the pen did.
/// </summary>
public sealed class PenSeries
{
    /// <summary>Sampling interval, µs (0.5 ms resolves a 3 ms interlock reaction into several points).</summary>
    public const ulong IntervalMicros = 500;

    /// <summary>Sample times, µs since power-on.</summary>
    public List<ulong> Micros { get; } = new();

    /// <summary>True needle protrusion, mm.</summary>
    public List<double> DepthMm { get; } = new();

    /// <summary>True motor current magnitude, A.</summary>
    public List<double> CurrentAmps { get; } = new();

    /// <summary>True stroke rate, strokes/s.</summary>
    public List<double> StrokeRate { get; } = new();

    /// <summary>Follows the pen from now on, sampling inside its steps (a step is a whole 10 ms loop turn).</summary>
    public void Follow(VirtualPen.VirtualPen pen)
    {
        Sample(pen.NowMicros, pen);
        pen.Board.Samplers.Add(IntervalMicros, pen.NowMicros, now => Sample(now, pen));
    }

    private void Sample(ulong now, VirtualPen.VirtualPen pen)
    {
        Micros.Add(now);
        DepthMm.Add(pen.Board.NeedleDepthMm);
        CurrentAmps.Add(Math.Abs(pen.Board.MotorCurrentAmps));
        StrokeRate.Add(pen.Board.StrokeRate);
    }
}
