using MnPen.Hal.Simulator;

namespace MnPen.Simulator.Tests.Physics;

/// <summary>The rate loop's averaging RC on the IPROPI node (docs/hardware.md, "Loop current").</summary>
public class LoopCurrentNodeTests
{
    private static double CountsPerMillivolt => 4095.0 / 3100.0;   // median ESP32-S3 at 12 dB, below the knee

    [Fact]
    public void Loop_current_node_follows_a_current_step_with_its_15_ms_time_constant_and_settles_on_the_leakage_and_bias_offset()
    {
        var b = Bench.Board(SkinProfile.Air, parameters: Bench.Noiseless());
        var cs = b.Parameters.CurrentSense;
        double offset = cs.OffsetMillivolts * CountsPerMillivolt;
        double k = cs.MeanFilterSeriesOhms / cs.MeanBiasOhms;   // the bias resistor's share: the node moves 1 / (1 + k)
        b.AdvanceSeconds(0.2);   // the capacitor charges to its rest voltage (the bias) from power-up
        double rest = b.Pen.MotorCurrentMean.ReadRaw();
        b.ExternalLoadTorqueNewtonMetres = 1.0;   // held rotor: the current steps and stays
        Bench.Drive(b, 0.3);
        b.AdvanceSeconds(0.015);
        double step = (b.Pen.MotorCurrent.ReadRaw() - offset) / (1 + k);
        double oneTau = b.Pen.MotorCurrentMean.ReadRaw() - rest;
        // One time constant after the step (its own rise takes a fraction of a ms): about 63 %, not the fast node's 100 %.
        Assert.InRange(oneTau / step, 0.55, 0.70);
        b.AdvanceSeconds(0.15);
        double fast = b.Pen.MotorCurrent.ReadRaw();
        double settled = b.Pen.MotorCurrentMean.ReadRaw();
        // Settled: the same node, plus the pin's leakage across the series resistor (50 nA × 100 kΩ = 5 mV = 6.6 counts) and
        // the bias from the rail (68.8 mV at rest), V_C = (V + R_s·I_leak + V_rail·k) / (1 + k).
        double nodeMv = (fast - offset) / CountsPerMillivolt;
        double expected = ((cs.AdcPinLeakageAmps * cs.MeanFilterSeriesOhms + cs.MeanBiasRailVolts * k) * 1000.0 - nodeMv * k) / (1 + k) * CountsPerMillivolt;
        Assert.InRange(settled - fast, expected - 1.5, expected + 1.5);
    }

    [Fact]
    public void Loop_current_reads_the_stroke_mean_where_the_fast_node_reads_the_stroke_pulse()
    {
        // 10 ms reads of a motor turning about 50 strokes/s in tough skin: the fast node meets the current's stroke pulse
        // at whatever phase the read falls on, the averaged node reads the current over the last stroke or so.
        var b = Bench.Board(SkinProfile.Tough);
        b.InsertCartridge(Bench.Cartridge());
        Bench.SetDepth(b, 2.0);
        Bench.Drive(b, 0.3);
        b.AdvanceSeconds(1.0);
        var fast = new List<double>();
        var mean = new List<double>();
        double trueSum = 0;
        int trueN = 0;
        using var sampler = b.Samplers.Add(100, b.NowMicros, _ => { trueSum += b.BridgeCurrentAmps; trueN++; });
        for (int i = 0; i < 200; i++)
        {
            b.Advance(10_000);
            fast.Add(b.Pen.MotorCurrent.ReadRaw());
            mean.Add(b.Pen.MotorCurrentMean.ReadRaw());
        }
        static double Sd(List<double> x) { double m = x.Average(); return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / x.Count); }
        var cs = b.Parameters.CurrentSense;
        double countsPerAmp = cs.GainVoltsPerAmp * 1000.0 * CountsPerMillivolt;
        double trueCounts = trueSum / trueN * countsPerAmp;
        double k = cs.MeanFilterSeriesOhms / cs.MeanBiasOhms;
        double zero = (cs.OffsetMillivolts + (cs.AdcPinLeakageAmps * cs.MeanFilterSeriesOhms + cs.MeanBiasRailVolts * k) * 1000.0 / (1 + k)) * CountsPerMillivolt;
        Assert.True(Sd(mean) < Sd(fast) / 3, $"read-to-read spread: averaged {Sd(mean):0.0} counts, fast {Sd(fast):0.0} counts");
        // Over 2 s the averaged reads' mean is the true mean current to 1 % (0.9 % of the AC part leaves the fast node for the RC).
        Assert.InRange((mean.Average() - zero) * (1 + k), trueCounts * 0.99, trueCounts * 1.01);
    }
}
