using MnPen.Client;
using MnPen.Hal.Simulator.Parameters;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Factory;
using MnPen.VirtualPen.Serve;

namespace MnPen.Calibration;

/// <summary>
/// `--target sim`: a virtual pen served on loopback whose parts have drifted since its factory calibration — the
/// simulator's parameters are perturbed by stated offset and gain errors while the pen keeps the calibration measured
/// on the reference parts — so a calibration has something real to correct.
/// </summary>
public sealed class SimulatedBench : IDisposable
{
    /// <summary>Depth feedback pot offset error, ADC counts (+100 counts ≈ +0.08 mm at the reference pot's 1233 counts/mm).</summary>
    public const double PotOffsetCounts = 100;

    /// <summary>Depth feedback pot span error, ADC counts over full travel (−4.3 % of the 3700-count span).</summary>
    public const double PotSpanCounts = -160;

    /// <summary>Depth actuator set-point gain error, fraction of travel per unit duty (1.04 → 1.07).</summary>
    public const double ActuatorGainError = 0.03;

    /// <summary>Pacing of the simulated pen against the wall clock (the procedure waits in the pen's time, not the wall's).</summary>
    public const double RealTimeFactor = 8.0;

    /// <summary>Builds and serves the drifted pen; scale multiplies every stated error (0 = a pen exactly as calibrated).</summary>
    public SimulatedBench(ulong seed = 7, double scale = 1.0)
    {
        var p = SimParameters.Default();
        p.DepthActuator.PotCountsAtZero += PotOffsetCounts * scale;
        p.DepthActuator.PotCountsAtFullTravel += (PotOffsetCounts + PotSpanCounts) * scale;
        p.DepthActuator.SetPointGain += ActuatorGainError * scale;
        var nominal = FactoryCalibrator.Measure(new VirtualPenOptions { Seed = seed });
        var endpoint = ServeEndpoint.Parse("tcp://127.0.0.1:0", out _)!;
        Server = new PenServer(new VirtualPenOptions { Seed = seed, Parameters = p }, endpoint, RealTimeFactor);
        Server.Start();
        // The pen leaves the factory with the reference parts' calibration; its parts drifted since.
        using (var client = PenClient.Connect(Server.Target, TimeSpan.FromSeconds(5)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (client.GetStatus().State < 2 && DateTime.UtcNow < deadline) Thread.Sleep(50);
            client.Unlock(DevelopmentServiceKey.Bytes);
            client.WriteCalibration(nominal);
            client.Lock();
        }
        using var session = new PenSession(Server.Target, DevelopmentServiceKey.Bytes, TimeSpan.FromSeconds(5));
        session.Reboot(TimeSpan.FromSeconds(30));
    }

    /// <summary>The served pen.</summary>
    public PenServer Server { get; }

    /// <summary>Its target URI.</summary>
    public string Target => Server.Target;

    /// <summary>How the simulated pen's parts differ from its calibration, for the report.</summary>
    public static string Description =>
        $"simulated pen with drifted parts: depth pot offset +{PotOffsetCounts} counts, span {PotSpanCounts} counts, actuator gain +{ActuatorGainError}";

    /// <inheritdoc />
    public void Dispose() => Server.Dispose();
}
