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

    /// <summary>
    /// The pen's ESP32-S3 reference, mV: 1160 against the 1100 mV median its factory calibration was measured on (the
    /// published spread is 1000..1200 mV), so every ADC channel reads about 5 % low in counts.
    /// </summary>
    public const double AdcVrefMillivolts = 1160;

    /// <summary>The pen's ADC offset, counts (±30 within the spread).</summary>
    public const double AdcOffsetCounts = 12;

    /// <summary>NTC resistance at 25 °C against nominal, fraction (+1 %: the part's tolerance).</summary>
    public const double NtcR25Error = 0.01;

    /// <summary>Battery divider ratio against nominal, fraction (−0.8 %: two 0.5 % resistors at their ends).</summary>
    public const double DividerError = -0.008;

    /// <summary>Pacing of the simulated pen against the wall clock (the procedure waits in the pen's time, not the wall's).</summary>
    public const double RealTimeFactor = 8.0;

    /// <summary>Builds and serves the drifted pen; scale multiplies every stated error (0 = a pen exactly as calibrated).</summary>
    public SimulatedBench(ulong seed = 7, double scale = 1.0)
    {
        var p = SimParameters.Default();
        p.DepthActuator.PotCountsAtZero += PotOffsetCounts * scale;
        p.DepthActuator.PotCountsAtFullTravel += (PotOffsetCounts + PotSpanCounts) * scale;
        p.DepthActuator.SetPointGain += ActuatorGainError * scale;
        p.Adc.VrefMillivolts += (AdcVrefMillivolts - p.Adc.VrefMillivolts) * scale;
        p.Adc.OffsetCounts += AdcOffsetCounts * scale;
        p.Ntc.R25Ohms *= 1 + NtcR25Error * scale;
        p.Battery.DividerRatio *= 1 + DividerError * scale;
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
        $"simulated pen with drifted parts: depth pot offset +{PotOffsetCounts} counts, span {PotSpanCounts} counts, actuator gain +{ActuatorGainError}; " +
        $"ADC reference {AdcVrefMillivolts} mV, offset +{AdcOffsetCounts} counts, NTC R25 +{NtcR25Error:P0}, battery divider {DividerError:P1}";

    /// <inheritdoc />
    public void Dispose() => Server.Dispose();
}
