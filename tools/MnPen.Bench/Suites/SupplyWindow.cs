namespace MnPen.Bench.Suites;

/// <summary>The highest true supply voltage over a sliding window of simulated time (ground truth for the under-voltage verdict).</summary>
public sealed class SupplyWindow
{
    private readonly Queue<(ulong Micros, double Volts, bool Driven)> _samples = new();
    private readonly ulong _windowMicros;

    /// <summary>A window of windowMicros of simulated time.</summary>
    public SupplyWindow(ulong windowMicros) => _windowMicros = windowMicros;

    /// <summary>Adds a sample (driven: the bridge drove the motor then) and drops those older than the window.</summary>
    public void Add(ulong micros, double volts, bool driven)
    {
        _samples.Enqueue((micros, volts, driven));
        while (_samples.Count > 1 && micros - _samples.Peek().Micros > _windowMicros) _samples.Dequeue();
    }

    /// <summary>True if the motor was driven at any sample from micros on.</summary>
    public bool DrivenSince(ulong micros) => _samples.Any(x => x.Driven && x.Micros >= micros);

    /// <summary>Highest voltage in the window, V (NaN if empty).</summary>
    public double Highest => _samples.Count == 0 ? double.NaN : _samples.Max(x => x.Volts);
}
