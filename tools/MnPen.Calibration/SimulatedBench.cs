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

    /// <summary>Motor current-sense (IPROPI mirror) gain against nominal, fraction (−3 %, inside the mirror's ±10 %).</summary>
    public const double MirrorGainError = -0.03;

    /// <summary>
    /// Motor back-EMF (and torque) constant against the motor the pen's record describes, fraction, with --motor drift:
    /// −10 %, a service replacement motor at the end of the catalogue's ±10 % spread (PenTolerances.MotorConstant), and
    /// still inside the ±15 % the pen's stroke check learns at power-up, so the stale record does not lock the pen out.
    /// </summary>
    public const double MotorConstantDrift = -0.10;

    /// <summary>Motor winding resistance against the record, fraction, with motor drift: +12 %, the catalogue's quoted spread (PenTolerances.MotorResistance).</summary>
    public const double MotorResistanceDrift = 0.12;

    /// <summary>Pacing of the simulated pen against the wall clock (the procedure waits in the pen's time, not the wall's).</summary>
    public const double RealTimeFactor = 8.0;

    /// <summary>
    /// Builds and serves the drifted pen; scale multiplies every stated error (0 = a pen exactly as calibrated). Pen 0 is
    /// the reference pen; pen I ≥ 1 is drawn from the population of seed (PenDraw: parts within the production
    /// tolerances, calibrated at the factory on those parts, aged since), and the stated errors drift it further, each
    /// in the direction that keeps it inside its published spread. With motorDrift the pen's motor also differs from the
    /// one its record describes (MotorConstantDrift, MotorResistanceDrift: a replaced motor, whatever the scale), for the
    /// motor auto-tune.
    /// </summary>
    public SimulatedBench(ulong seed = 7, double scale = 1.0, int pen = 0, bool motorDrift = false)
    {
        if (pen < 0) throw new ArgumentOutOfRangeException(nameof(pen), "pen index must be 0 or more");
        SimParameters p;
        MnPen.Storage.Calibration nominal;
        ulong noiseSeed = seed;
        if (pen == 0)
        {
            p = SimParameters.Default();
            nominal = FactoryCalibrator.Measure(new VirtualPenOptions { Seed = seed });
        }
        else
        {
            var draw = PenDraw.Draw(seed, pen);
            noiseSeed = draw.NoiseSeed;
            p = draw.AsRun.Clone();
            nominal = FactoryCalibrator.Measure(new VirtualPenOptions { Seed = noiseSeed, Parameters = draw.AsCalibrated }, StationInstruments.For(seed, pen));
        }
        double vrefDrift = AdcVrefMillivolts - SimParameters.Default().Adc.VrefMillivolts;
        p.DepthActuator.PotCountsAtZero += PotOffsetCounts * scale;
        p.DepthActuator.PotCountsAtFullTravel += (PotOffsetCounts + PotSpanCounts) * scale;
        p.DepthActuator.SetPointGain += ActuatorGainError * scale;
        p.Adc.VrefMillivolts += (p.Adc.VrefMillivolts <= SimParameters.Default().Adc.VrefMillivolts ? vrefDrift : -vrefDrift) * scale;
        p.Adc.OffsetCounts += (p.Adc.OffsetCounts <= 30 - AdcOffsetCounts ? AdcOffsetCounts : -AdcOffsetCounts) * scale;
        p.Ntc.R25Ohms *= 1 + NtcR25Error * scale;
        p.Battery.DividerRatio *= 1 + DividerError * scale;
        p.CurrentSense.GainVoltsPerAmp *= 1 + MirrorGainError * scale;
        if (motorDrift)
        {
            p.Motor.BackEmfVoltSecondsPerRad *= 1 + MotorConstantDrift;
            p.Motor.TorqueNewtonMetresPerAmp *= 1 + MotorConstantDrift;
            p.Motor.ResistanceOhms *= 1 + MotorResistanceDrift;
        }
        MotorDrift = motorDrift;
        Pen = pen;
        var endpoint = ServeEndpoint.Parse("tcp://127.0.0.1:0", out _)!;
        Server = new PenServer(new VirtualPenOptions { Seed = noiseSeed, Parameters = p }, endpoint, RealTimeFactor);
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

    /// <summary>True if the pen's motor was replaced by one off its record (MotorConstantDrift, MotorResistanceDrift).</summary>
    public bool MotorDrift { get; }

    /// <summary>Index of the pen in the population (0 = the reference pen).</summary>
    public int Pen { get; }

    /// <summary>The served pen.</summary>
    public PenServer Server { get; }

    /// <summary>Its target URI.</summary>
    public string Target => Server.Target;

    /// <summary>How the simulated pen's parts differ from its calibration, for the report.</summary>
    public static string Describe(int pen) =>
        (pen == 0 ? "simulated reference pen" : $"simulated pen {pen} of the population (drawn parts, factory-calibrated, aged)") +
        $" with drifted parts: depth pot offset +{PotOffsetCounts} counts, span {PotSpanCounts} counts, actuator gain +{ActuatorGainError}; " +
        $"ADC reference {AdcVrefMillivolts} mV, offset +{AdcOffsetCounts} counts, NTC R25 +{NtcR25Error:P0}, battery divider {DividerError:P1}, current mirror {MirrorGainError:P0}";

    /// <summary>The pen `calibrate motor --target sim` serves (scale 0, motor drift), for the report.</summary>
    public static string DescribeMotor(int pen) =>
        (pen == 0 ? "simulated reference pen" : $"simulated pen {pen} of the population (drawn parts, factory-calibrated, aged)") +
        $" with its sensing as calibrated and its motor replaced by one off its record: kₑ {MotorConstantDrift * 100:+0;-0} %, R {MotorResistanceDrift * 100:+0;-0} %";

    /// <inheritdoc />
    public void Dispose() => Server.Dispose();
}
