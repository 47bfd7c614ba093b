using MnPen.VirtualPen.Serve;

namespace MnPen.Calibration.Instruments;

/// <summary>
/// A simulated dial depth gauge against the needle of a served virtual pen: the needle's true position plus the
/// gauge's own stated error (a fixed bias and reading noise), rounded to its 0.001 mm resolution. It stands for the
/// external instrument, so reading the simulator's truth is what it is for; the pen's own sensors are read over the link.
/// </summary>
public sealed class SimDepthGauge : IReferenceInstrument
{
    /// <summary>Bias of this gauge, mm (a 0.001 mm dial indicator's typical error over 3 mm: ISO 463 class, ±0.003 mm).</summary>
    public const double BiasMm = 0.003;

    /// <summary>Reading noise, mm RMS (one digit of a 0.001 mm gauge).</summary>
    public const double NoiseMm = 0.001;

    private readonly PenServer _server;
    private readonly Random _noise;

    /// <summary>A gauge on the server's pen; seed fixes its noise.</summary>
    public SimDepthGauge(PenServer server, int seed = 11)
    {
        _server = server;
        _noise = new Random(seed);
    }

    /// <inheritdoc />
    public string Name => "depth gauge (simulated, 0.001 mm dial)";

    /// <inheritdoc />
    public string Id => "SIM-GAUGE-1";

    /// <inheritdoc />
    public double Uncertainty => BiasMm + 2 * NoiseMm;

    /// <inheritdoc />
    public string? NotReadyReason() => _server.Running ? null : "the simulated pen is not running";

    /// <inheritdoc />
    public double Read(double setPoint, string unit)
    {
        double truth = _server.Query(p => p.Board.NeedleDepthMm);
        double n = (_noise.NextDouble() + _noise.NextDouble() + _noise.NextDouble() - 1.5) * 2 * NoiseMm;
        return Math.Round(truth + BiasMm + n, 3);
    }
}
