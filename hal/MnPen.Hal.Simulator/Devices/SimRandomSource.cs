using MnPen.Hal.Simulator.Physics;

namespace MnPen.Hal.Simulator.Devices;

/// <summary>
/// The simulated hardware RNG: a seeded stream that belongs to the board, so it runs on across processor resets as the
/// silicon does (the firmware cannot rewind it). <see cref="Stuck"/> models a failed generator that repeats one value:
/// the firmware's nonces must stay unique even then (docs/safety/link-threats.md).
/// </summary>
public sealed class SimRandomSource : IRandomSource
{
    private readonly SimRandom _random;

    /// <summary>Creates the generator's stream from the board's seed.</summary>
    public SimRandomSource(ulong seed) => _random = new SimRandom(seed, 7);

    /// <summary>When set, every byte reads 0 (a dead generator).</summary>
    public bool Stuck { get; set; }

    /// <inheritdoc />
    public void Fill(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
            buffer[offset + i] = Stuck ? (byte)0 : (byte)_random.NextULong();
    }
}
