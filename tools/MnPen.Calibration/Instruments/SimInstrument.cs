using MnPen.VirtualPen.Serve;

namespace MnPen.Calibration.Instruments;

/// <summary>
/// A simulated bench instrument on a served virtual pen (reference thermometer, supply voltmeter, optical
/// tachometer): the simulator's true value of what it measures, plus its own stated bias, averaged over a few
/// readings. It stands for the external instrument; the pen's own sensors are read over the link.
/// </summary>
public sealed class SimInstrument : IReferenceInstrument
{
    private readonly PenServer _server;
    private readonly Func<MnPen.VirtualPen.VirtualPen, double> _truth;
    private readonly double _bias;

    /// <summary>An instrument reading truth(pen) + bias; uncertainty is what its data sheet would state.</summary>
    public SimInstrument(PenServer server, string name, string id, double uncertainty, double bias, Func<MnPen.VirtualPen.VirtualPen, double> truth)
    {
        _server = server;
        Name = name;
        Id = id;
        Uncertainty = uncertainty;
        _bias = bias;
        _truth = truth;
    }

    /// <summary>Reference thermometer on the handpiece: ±0.1 °C (a class-A Pt100 probe at room temperature, IEC 60751: ±0.15+0.002|t|).</summary>
    public static SimInstrument Thermometer(PenServer s) => new(s, "reference thermometer (simulated Pt100, class A)", "SIM-PT100-1", 0.2, 0.05, p => p.Board.HandpieceCelsius);

    /// <summary>Voltmeter on the battery terminals: ±0.01 V (a 4½-digit bench DMM at 20 V range, 0.05 % + 2 digits).</summary>
    public static SimInstrument Voltmeter(PenServer s) => new(s, "supply voltmeter (simulated bench DMM)", "SIM-DMM-1", 0.01, 0.004, p => p.Board.BatteryTerminalVolts);

    /// <summary>
    /// Optical tachometer on the cam: ±0.05 % of reading (typical handheld optical tachometer), counting cam turns over a
    /// gate of pen time as such an instrument does: the cam's speed ripples within a turn and the rate loop moves it
    /// slowly, so a few instantaneous readings are not the rate the pen's averaged reading is compared with.
    /// </summary>
    public static SimInstrument Tachometer(PenServer s) => new(s, "optical tachometer (simulated, 4 s gate)", "SIM-TACHO-1", 0.1, 0.0, p => p.Board.StrokeRate)
    {
        _turns = p => p.Board.Strokes + p.Board.CamAngleRadians / (2.0 * Math.PI),
    };

    /// <summary>
    /// Gate of the counting tachometer, seconds of pen time: the check's averaging time of the pen's reading
    /// (ReadingQuantity.RateAveragingMs), which runs alongside it.
    /// </summary>
    public const double TachometerGateSeconds = ReadingQuantity.RateAveragingMs / 1000.0;

    private Func<MnPen.VirtualPen.VirtualPen, double>? _turns;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public double Uncertainty { get; }

    /// <inheritdoc />
    public string? NotReadyReason() => _server.Running ? null : "the simulated pen is not running";

    /// <inheritdoc />
    public double Read(double setPoint, string unit)
    {
        if (_turns != null) return Math.Round(Gated(_turns) + _bias, 4);
        double sum = 0;
        const int n = 5;
        for (int i = 0; i < n; i++)
        {
            sum += _server.Query(_truth);
            Thread.Sleep(2);
        }
        return Math.Round(sum / n + _bias, 4);
    }

    private double Gated(Func<MnPen.VirtualPen.VirtualPen, double> turns)
    {
        var (t0, n0) = _server.Query(p => (p.NowSeconds, turns(p)));
        while (true)
        {
            Thread.Sleep(20);
            var (t, n) = _server.Query(p => (p.NowSeconds, turns(p)));
            if (t - t0 >= TachometerGateSeconds) return (n - n0) / (t - t0);
        }
    }
}
