using MnPen.Hal.Simulator;

namespace MnPen.Simulator.Tests.Board;

public class DeterminismTests
{
    private static long[] Run(ulong seed, double punctureSpread = 0)
    {
        // The skin's stroke-to-stroke spread is seeded physics; without it only the sensors' noise depends on the seed.
        var p = MnPen.Hal.Simulator.Parameters.SimParameters.Default();
        p.Skin.PunctureVariation = punctureSpread;
        var b = Bench.Board(SkinProfile.Nominal, seed: seed, parameters: p);
        b.InsertCartridge(Bench.Cartridge());
        Bench.SetDepth(b, 1.5);
        var trace = new List<long>();
        for (int ms = 0; ms < 800; ms++)
        {
            if (ms == 10) Bench.Drive(b, 0.7);
            if (ms == 400) b.Faults.Inject("battery-sag");
            b.Advance(1000);
            trace.Add(b.Pen.MotorCurrent.ReadRaw());
            trace.Add(b.Pen.Thermistor.ReadRaw());
            trace.Add(b.Pen.BatteryVoltage.ReadRaw());
            trace.Add(b.Pen.DepthFeedback.ReadRaw());
            trace.Add(b.StrokeCounter.Count);
            trace.Add((long)b.StrokeCounter.LastPulseMicros);
            trace.Add(BitConverter.DoubleToInt64Bits(b.RotorSpeedRadPerSec));
            trace.Add(BitConverter.DoubleToInt64Bits(b.MotorCurrentAmps));
            trace.Add(BitConverter.DoubleToInt64Bits(b.WindingCelsius));
        }
        return trace.ToArray();
    }

    [Fact]
    public void Same_seed_gives_a_bit_identical_run()
    {
        Assert.Equal(Run(7), Run(7));
        Assert.Equal(Run(7, 0.15), Run(7, 0.15));
    }

    [Fact]
    public void The_seed_draws_the_skins_stroke_to_stroke_spread()
    {
        long[] a = Run(7, 0.15), b = Run(8, 0.15);
        int speedDiffs = 0;
        for (int i = 0; i < a.Length; i += 9) if (a[i + 6] != b[i + 6]) speedDiffs++;
        Assert.True(speedDiffs > 100, $"only {speedDiffs} of 800 rotor-speed samples differ");
    }

    [Fact]
    public void Different_seeds_give_different_sensor_noise_but_the_same_physics()
    {
        long[] a = Run(7), b = Run(8);
        int adcDiffs = 0;
        for (int i = 0; i < a.Length; i += 9)
        {
            if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2] || a[i + 3] != b[i + 3]) adcDiffs++;
            Assert.Equal(a[i + 6], b[i + 6]); // noise is in the sensors, not in the physics
        }
        Assert.True(adcDiffs > 400, $"only {adcDiffs} of 800 samples differ");
    }
}
