using MnPen.VirtualPen.Serve;

namespace MnPen.Calibration.Instruments;

/// <summary>
/// The motor auto-tune's bench, simulated: the optical tachometer on the cam (SimInstrument.Tachometer: counted cam
/// turns over its gate) is the reference, and the dynamometer brake of the current bench (SimLoadBench) loads the
/// motor for the resistance pulses. No ammeter: the fit takes the pen's own current reading, as the firmware will.
/// </summary>
public sealed class SimMotorBench : IReferenceInstrument, ILoadInstrument
{
    private readonly SimInstrument _tachometer;
    private readonly SimLoadBench _brake;

    /// <summary>The bench on a served pen.</summary>
    public SimMotorBench(PenServer server)
    {
        _tachometer = SimInstrument.Tachometer(server);
        _brake = new SimLoadBench(server);
    }

    /// <inheritdoc />
    public string Name => _tachometer.Name + " with a dynamometer brake";

    /// <inheritdoc />
    public string Id => _tachometer.Id + "/SIM-DYNO-1";

    /// <inheritdoc />
    public double Uncertainty => _tachometer.Uncertainty;

    /// <inheritdoc />
    public string? NotReadyReason() => _tachometer.NotReadyReason();

    /// <inheritdoc />
    public double Read(double setPoint, string unit) => _tachometer.Read(setPoint, unit);

    /// <inheritdoc />
    public void SetLoad(double amps) => _brake.SetLoad(amps);
}
