namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Seeded noise source: xorshift64* seeded through splitmix64 (Vigna, "An experimental exploration of Marsaglia's
/// xorshift generators", 2016). Written by hand because System.Random's seeded sequence is not promised to stay the
/// same across .NET versions, and a bench result must replay bit for bit; this one is also allocation-free and a few
/// instructions per draw, which matters inside the simulator's hot path.
/// </summary>
public sealed class SimRandom
{
    private ulong _state;

    /// <summary>Creates a stream from a seed and a stream number (each noise source has its own stream).</summary>
    public SimRandom(ulong seed, ulong stream)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        _state = z == 0 ? 0x2545F4914F6CDD1DUL : z;
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextULong()
    {
        ulong x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>
    /// Approximately standard normal: Irwin-Hall sum of four uniforms, rescaled to unit variance. Bounded at ±3.46 σ,
    /// which is what a real converter's noise looks like once a few codes are involved, and cheaper than Box-Muller.
    /// The four uniforms are the four 16-bit quarters of one draw (centred in their 1/65536 cells): converter noise
    /// needs no finer grain, and one draw per sample keeps noise off the simulator's profile.
    /// </summary>
    public double NextGaussian()
    {
        ulong x = NextULong();
        double s = (double)((x & 0xFFFF) + ((x >> 16) & 0xFFFF) + ((x >> 32) & 0xFFFF) + (x >> 48)) + 2.0;   // + 4 × 0.5
        return (s * (1.0 / 65536.0) - 2.0) * 1.7320508075688772;
    }
}
