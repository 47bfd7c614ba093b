using MnPen.Hal.Simulator;

namespace MnPen.Simulator.Tests.Physics;

public class SensingTests
{
    private static int ExpectedCurrentCounts(VirtualBoard b, double amps) => (int)Math.Round(IdealCurrentCounts(b, amps));

    private static double IdealCurrentCounts(VirtualBoard b, double amps)
    {
        var cs = b.Parameters.CurrentSense;
        double mv = cs.OffsetMillivolts + amps * cs.GainVoltsPerAmp * 1000;
        return mv * 4095 / 3100;   // median ESP32-S3 at 12 dB, below the knee
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Current_sense_reads_the_true_current_to_one_adc_count(double loadTorque)
    {
        var b = Bench.Board(SkinProfile.Air, parameters: Bench.Noiseless());
        b.ExternalLoadTorqueNewtonMetres = loadTorque * 5e-3;
        Bench.Drive(b, 0.6);
        b.AdvanceSeconds(0.3);
        int counts = b.Pen.MotorCurrent.ReadRaw();
        Assert.InRange(counts, ExpectedCurrentCounts(b, b.MotorCurrentAmps) - 1, ExpectedCurrentCounts(b, b.MotorCurrentAmps) + 1);
    }

    [Fact]
    public void Current_sense_gain_is_0_832_milliamps_per_count()
    {
        var b = Bench.Board(SkinProfile.Air, parameters: Bench.Noiseless());
        b.ExternalLoadTorqueNewtonMetres = 1.0;
        Bench.Drive(b, 0.3);
        b.AdvanceSeconds(0.01);
        int c1 = b.Pen.MotorCurrent.ReadRaw();
        double i1 = b.MotorCurrentAmps;
        b.MotorPwm.Duty = 0.6f;
        b.AdvanceSeconds(0.01);
        int c2 = b.Pen.MotorCurrent.ReadRaw();
        double i2 = b.MotorCurrentAmps;
        double mAPerCount = (i2 - i1) * 1000 / (c2 - c1);
        Assert.InRange(mAPerCount, 0.8322 * 0.99, 0.8322 * 1.01);   // 3100 mV / 4095 / 0.91 V/A
    }

    [Fact]
    public void Current_sense_noise_averages_out_to_the_ideal_reading()
    {
        var b = Bench.Board(SkinProfile.Air);
        b.ExternalLoadTorqueNewtonMetres = 1.0;
        Bench.Drive(b, 0.3);
        // Past the loop current's RC (15 ms): until its capacitor follows, the branch takes 0.9 % of a step from the fast node.
        b.AdvanceSeconds(0.1);
        var reads = Enumerable.Range(0, 4000).Select(_ => b.Pen.MotorCurrent.ReadRaw()).ToArray();
        double mean = reads.Average();
        // The loop current's branch holds its capacitor above the node (leakage and the bias from the rail): its DC current
        // into the 910 Ω lifts the fast node by R_I / (R_s + R_I) of that difference (0.6 mV, 0.8 counts).
        var cs = b.Parameters.CurrentSense;
        double senseOhms = cs.GainVoltsPerAmp * 1000.0;
        double node = b.MotorCurrentAmps * cs.GainVoltsPerAmp;
        double lift = (b.CurrentSense.MeanNodeVolts - node) * senseOhms / (cs.MeanFilterSeriesOhms + senseOhms) * 1000.0 * 4095 / 3100;
        double ideal = IdealCurrentCounts(b, b.MotorCurrentAmps) + lift;
        Assert.InRange(mean, ideal - 0.1, ideal + 0.1);
        Assert.True(reads.Distinct().Count() >= 3, "converter noise must show");
    }

    [Fact]
    public void Battery_divider_reads_one_fourth_of_the_terminal_voltage_on_the_median_chip()
    {
        var b = Bench.Board(soc: 1.0, parameters: Bench.Noiseless());
        b.Advance(1000);
        int counts = b.Pen.BatteryVoltage.ReadRaw();
        double volts = counts * 3.1 / 4095 * 4;   // 12 dB range of the median ESP32-S3, 150k/50k divider
        Assert.InRange(volts, b.BatteryTerminalVolts - 0.003, b.BatteryTerminalVolts + 0.003);
        Assert.InRange(b.BatteryOpenCircuitVolts, 8.39, 8.41);
    }

    [Theory]
    // Rail 3.3 V, median chip's range 3.1 V: counts = 4095 × 3.3/3.1 × R/(R + 10k), not ratiometric.
    [InlineData(25.0, 2179.6)]
    [InlineData(41.0, 1471.0)]
    [InlineData(0.0, 3359.6)]
    public void Thermistor_divider_follows_the_B3950_curve(double celsius, double expected)
    {
        var b = Bench.Board(ambient: celsius, parameters: Bench.Noiseless());
        Assert.InRange(b.Ntc.IdealCountsAt(celsius), expected - 3, expected + 3);
        int counts = b.Pen.Thermistor.ReadRaw();
        Assert.InRange(counts, expected - 3, expected + 3);
    }

    [Fact]
    public void Hall_pulses_arrive_once_per_revolution_with_exact_timestamps()
    {
        var b = Bench.Board(SkinProfile.Air);
        Bench.Drive(b, 0.7);
        b.AdvanceSeconds(0.5);
        uint n0 = b.StrokeCounter.Count;
        long s0 = b.Strokes;
        ulong t0 = b.StrokeCounter.LastPulseMicros;
        b.AdvanceSeconds(1.0);
        uint pulses = b.StrokeCounter.Count - n0;
        Assert.Equal(b.Strokes - s0, pulses);
        double period = (b.StrokeCounter.LastPulseMicros - t0) / (double)(pulses);
        double expected = 1e6 / b.StrokeRate;
        Assert.InRange(period, expected * 0.999, expected * 1.001);
    }

    [Fact]
    public void Depth_actuator_settles_first_order_with_a_30_ms_time_constant()
    {
        var b = Bench.Board(parameters: Bench.Noiseless());
        Bench.SetDepth(b, 1.0);
        b.AdvanceSeconds(0.5);
        double start = b.ActuatorPositionMm;
        Bench.SetDepth(b, 1.1); // small step: no slew limiting
        double final = b.DepthActuator.TargetFor(b.DepthDrive.Duty) * 1000;
        double target = start + (final - start) * (1 - Math.Exp(-1));
        int t = 0;
        double prev = start;
        while (b.ActuatorPositionMm < target) { prev = b.ActuatorPositionMm; b.Advance(100); t += 100; }
        double tau = (t - 100 + 100 * (target - prev) / (b.ActuatorPositionMm - prev)) * 1e-6;
        Assert.InRange(tau, 0.030 * 0.95, 0.030 * 1.05);
    }

    [Fact]
    public void Depth_actuator_is_slew_limited_on_large_steps_and_stops_at_its_ends()
    {
        var b = Bench.Board(parameters: Bench.Noiseless());
        b.DepthDrive.Duty = 1f;
        b.DepthDrive.Start();
        b.AdvanceSeconds(0.025);
        Assert.InRange(b.ActuatorPositionMm, 0.95, 1.0 + 1e-9); // 40 mm/s for 25 ms
        b.AdvanceSeconds(0.5);
        Assert.Equal(3.0, b.ActuatorPositionMm, 6);
        Assert.Equal(3900, b.Pen.DepthFeedback.ReadRaw());
        b.DepthDrive.Duty = 0f;
        b.AdvanceSeconds(0.5);
        Assert.Equal(0.0, b.ActuatorPositionMm, 6);
        Assert.Equal(200, b.Pen.DepthFeedback.ReadRaw());
    }

    [Fact]
    public void Depth_characteristic_is_monotonic_but_not_linear()
    {
        var b = Bench.Board();
        double prev = -1, maxDeviation = 0;
        for (int i = 0; i <= 100; i++)
        {
            double d = i / 100.0;
            double x = b.DepthActuator.TargetFor(d) * 1000;
            Assert.True(x >= prev);
            prev = x;
            maxDeviation = Math.Max(maxDeviation, Math.Abs(x - 3.0 * d));
        }
        Assert.InRange(maxDeviation, 0.1, 0.3);
    }
}
