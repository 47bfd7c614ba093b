using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;

namespace MnPen.Simulator.Tests.Physics;

public class NoiseAndTableTests
{
    [Fact]
    public void Converter_noise_has_zero_mean_unit_variance_and_stays_inside_its_bound()
    {
        var r = new SimRandom(20261121, 1);
        const int n = 400_000;
        double sum = 0, sumSq = 0, min = double.MaxValue, max = double.MinValue;
        int beyondTwoSigma = 0;
        for (int i = 0; i < n; i++)
        {
            double g = r.NextGaussian();
            sum += g;
            sumSq += g * g;
            if (g < min) min = g;
            if (g > max) max = g;
            if (Math.Abs(g) > 2) beyondTwoSigma++;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.99, 1.01);
        Assert.True(min >= -3.4642 && max <= 3.4642, $"Irwin-Hall of four is bounded at ±2√3 (saw {min:F3}..{max:F3})");
        Assert.True(min < -3.0 && max > 3.0, "the tails are reached");
        // Irwin-Hall(4) puts about 4.0 % beyond ±2σ (a normal 4.55 %, a uniform none).
        Assert.InRange(beyondTwoSigma / (double)n, 0.035, 0.046);
    }

    [Fact]
    public void Noise_streams_repeat_for_a_seed_and_differ_between_seeds_and_streams()
    {
        double[] Draw(ulong seed, ulong stream)
        {
            var r = new SimRandom(seed, stream);
            var d = new double[64];
            for (int i = 0; i < d.Length; i++) d[i] = r.NextGaussian();
            return d;
        }
        Assert.Equal(Draw(7, 1), Draw(7, 1));
        Assert.NotEqual(Draw(7, 1), Draw(8, 1));
        Assert.NotEqual(Draw(7, 1), Draw(7, 2));
    }

    [Fact]
    public void Tabulated_actuator_bow_matches_the_closed_form_within_three_nanometres()
    {
        var p = new DepthActuatorParameters();
        var a = new DepthActuator(p, 200e-6, new SimRandom(1, 3), 4095);
        for (int k = 0; k <= 1000; k++)
        {
            double d = k / 1000.0;
            double x = p.TravelMetres * (p.SetPointOffsetFraction + p.SetPointGain * d + p.SetPointBow * Math.Sin(Math.PI * d));
            double expected = Math.Clamp(x, 0, p.TravelMetres);
            Assert.True(Math.Abs(a.TargetFor(d) - expected) < 3e-9, $"duty {d}: {a.TargetFor(d)} vs {expected}");
        }
        Assert.Equal(a.TargetFor(0), a.TargetFor(double.NaN));   // a NaN duty reads as a dead PWM
    }

    [Fact]
    public void Ntc_reading_follows_the_bead_within_a_hundredth_of_a_count_on_average()
    {
        var p = new NtcParameters();
        var ntc = new Ntc(p, new SimRandom(3, 4), new MnPen.Hal.Simulator.Devices.Esp32S3AdcTransfer(AdcChipParameters.Nominal()), 25.0);
        // Warm the bead through 25 -> 60 C in 1 ms steps, comparing the mean reading with the noise-free divider.
        double sumError = 0;
        int n = 0;
        for (int ms = 0; ms < 200_000; ms++)
        {
            ntc.Step(60.0, 1e-3);
            double ideal = ntc.IdealCountsAt(ntc.BeadCelsius);
            sumError += ntc.Sample() - ideal;
            n++;
        }
        Assert.InRange(sumError / n, -0.01, 0.01);
        Assert.InRange(ntc.BeadCelsius, 59.0, 60.0);
    }
}
