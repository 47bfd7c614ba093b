using MnPen.VirtualPen.Serve;

namespace MnPen.Calibration.Instruments;

/// <summary>
/// Known loads for the current-sense calibration, simulated: a dynamometer brake on the motor shaft sets the load, and a
/// precision ammeter in series with the winding reads the current the pen's IPROPI mirror senses (the simulator's true
/// winding current), with the ammeter's own stated error. The reading is averaged over a gate of pen time, as a DMM
/// integrating over its aperture does, so it describes the same stretch as the pen's averaged reading.
/// </summary>
public sealed class SimLoadBench : IReferenceInstrument, ILoadInstrument
{
    /// <summary>
    /// Torque per ampere the brake is set with, N·m/A: the nominal motor's torque constant (= its back-EMF constant,
    /// 0.0052 V·s/rad, MotorDefaults). The set point is only "about": the ammeter's reading is the reference.
    /// </summary>
    public const double NewtonMetresPerAmp = 0.0052;

    /// <summary>Ammeter gain error, fraction (+0.1 %): inside its stated 0.1 % of reading.</summary>
    public const double GainError = 0.001;

    /// <summary>Ammeter offset, A (+1 mA): inside its stated 1 mA.</summary>
    public const double OffsetAmps = 0.001;

    private readonly PenServer _server;
    private readonly double _gateSeconds;

    /// <summary>The bench on a served pen; gate in seconds of pen time.</summary>
    public SimLoadBench(PenServer server, double gateSeconds = CurrentCalibration.AveragingMs / 1000.0)
    {
        _server = server;
        _gateSeconds = gateSeconds;
    }

    /// <inheritdoc />
    public string Name => "dynamometer brake and precision ammeter (simulated, 2 s aperture)";

    /// <inheritdoc />
    public string Id => "SIM-DYNO-1/SIM-AMM-1";

    /// <summary>±2 mA: a 6½-digit DMM's 1 A range, 0.1 % of reading + 1 mA, at the 0.6 A top load.</summary>
    public double Uncertainty => 0.002;

    /// <inheritdoc />
    public string? NotReadyReason() => _server.Running ? null : "the simulated pen is not running";

    /// <inheritdoc />
    public void SetLoad(double amps) => _server.Invoke(p => p.Board.ExternalLoadTorqueNewtonMetres = amps > 0 ? amps * NewtonMetresPerAmp : 0);

    /// <inheritdoc />
    public double Read(double setPoint, string unit)
    {
        var (t0, _) = _server.Query(p => (p.NowSeconds, 0.0));
        double sum = 0;
        int n = 0;
        while (true)
        {
            var (t, amps) = _server.Query(p => (p.NowSeconds, p.Board.BridgeCurrentAmps));
            sum += amps;
            n++;
            if (t - t0 >= _gateSeconds) break;
            Thread.Sleep(1);
        }
        return Math.Round(sum / n * (1 + GainError) + OffsetAmps, 5);
    }
}
