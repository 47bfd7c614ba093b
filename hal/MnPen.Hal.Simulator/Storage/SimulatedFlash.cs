using MnPen.Hal;

namespace MnPen.Hal.Simulator.Storage;

/// <summary>
/// RAM-backed model of the pen's non-volatile storage, with the failures real flash has: power cut part-way
/// through a write and flipped bits.
/// </summary>
/// <remarks>
/// Fault API (used by tests and by the simulator's fault catalogue: storage-power-cut, storage-corrupt):
/// <list type="bullet">
/// <item><see cref="ArmPowerCut"/>(n): the next n bytes written (counted across writes) persist, then power is cut.
///   At the cut the storage goes dead: the write that crossed it and every later write or delete are dropped
///   until <see cref="RestorePower"/>. If <see cref="ThrowOnPowerCut"/> is true (default) the crossing write and
///   each dropped call throw <see cref="PowerCutException"/> so a test sees the pen "die" right there; set it false
///   when the firmware keeps running and the simulator reboots it later (check <see cref="PowerIsCut"/>).</item>
/// <item><see cref="TornByteIsGarbage"/>: when true, the byte at the cut position is left half-programmed (a seeded
///   random value) instead of untouched, as NOR flash can.</item>
/// <item><see cref="FlipRandomBits"/>(count, seed) / <see cref="FlipBit"/>: corrupt stored bits.</item>
/// <item><see cref="Snapshot"/> / <see cref="Restore"/>: copy the whole content (for "every byte offset" loops).</item>
/// <item><see cref="WriteCount"/>, <see cref="BytesWritten"/>, <see cref="DeleteCount"/> and <see cref="Written"/>:
///   observe writes (e.g. assert none happen while the motor runs).</item>
/// </list>
/// A write is modelled as bytes landing in order, one at a time; a real LittleFS file update is atomic at
/// close, so this model is the harsher one and the record store must survive it.
/// </remarks>
public sealed class SimulatedFlash : INonVolatileStorage
{
    private readonly object _gate = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private long _cutAfterBytes = -1;
    private Random _tornRandom = new(1);

    /// <summary>Raised after every write that stored at least one byte: file name, offset, bytes stored.</summary>
    public event Action<string, int, int>? Written;

    /// <summary>Number of Write calls that stored at least one byte.</summary>
    public int WriteCount { get; private set; }

    /// <summary>Total bytes stored by Write since construction.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Number of Delete calls that removed a file.</summary>
    public int DeleteCount { get; private set; }

    /// <summary>True from a power cut until <see cref="RestorePower"/>; writes and deletes are dropped meanwhile.</summary>
    public bool PowerIsCut { get; private set; }

    /// <summary>Whether a cut write (and later dropped calls) throw <see cref="PowerCutException"/>. Default true.</summary>
    public bool ThrowOnPowerCut { get; set; } = true;

    /// <summary>When true the byte being programmed at the cut gets a random value. Default false.</summary>
    public bool TornByteIsGarbage { get; set; }

    /// <summary>The file (and its byte) the latest power cut landed in, or null: which record a cut test really cut.</summary>
    public string? LastCutFile { get; private set; }

    /// <summary>True while a power cut is armed and has not happened yet.</summary>
    public bool PowerCutArmed { get { lock (_gate) { return _cutAfterBytes >= 0; } } }

    /// <summary>Arms a power cut after the next <paramref name="bytesBeforeCut"/> bytes written (0 = the very next byte is lost).</summary>
    public void ArmPowerCut(long bytesBeforeCut, int tornSeed = 1)
    {
        if (bytesBeforeCut < 0) throw new ArgumentOutOfRangeException(nameof(bytesBeforeCut), "Use 0 or more bytes.");
        lock (_gate)
        {
            _cutAfterBytes = bytesBeforeCut;
            _tornRandom = new Random(tornSeed);
        }
    }

    /// <summary>Disarms a pending power cut without cutting.</summary>
    public void DisarmPowerCut() { lock (_gate) { _cutAfterBytes = -1; } }

    /// <summary>Powers the storage back up after a cut (the pen rebooting).</summary>
    public void RestorePower() { lock (_gate) { PowerIsCut = false; _cutAfterBytes = -1; } }

    /// <summary>Names of the stored files, sorted.</summary>
    public string[] FileNames { get { lock (_gate) { var n = _files.Keys.ToArray(); Array.Sort(n, StringComparer.Ordinal); return n; } } }

    /// <summary>Total bytes stored across all files.</summary>
    public int TotalBytes { get { lock (_gate) { return _files.Values.Sum(f => f.Length); } } }

    /// <summary>A copy of one file's bytes, or null if it does not exist.</summary>
    public byte[]? GetFile(string name) { lock (_gate) { return _files.TryGetValue(name, out var f) ? (byte[])f.Clone() : null; } }

    /// <summary>Replaces one file's bytes outright (test set-up, e.g. an image in an older schema). Not counted as a write.</summary>
    public void SetFile(string name, byte[] content) { lock (_gate) { _files[name] = (byte[])content.Clone(); } }

    /// <summary>Flips one bit of a stored file.</summary>
    public void FlipBit(string name, int byteOffset, int bit)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(name, out var f)) throw new ArgumentException($"No file '{name}' in the simulated flash.", nameof(name));
            if (byteOffset < 0 || byteOffset >= f.Length) throw new ArgumentOutOfRangeException(nameof(byteOffset), $"File '{name}' has {f.Length} bytes.");
            f[byteOffset] ^= (byte)(1 << (bit & 7));
        }
    }

    /// <summary>Flips <paramref name="count"/> random bits (seeded), in <paramref name="fileName"/> or anywhere when null. Returns how many were flipped.</summary>
    public int FlipRandomBits(int count, int seed, string? fileName = null)
    {
        lock (_gate)
        {
            var rnd = new Random(seed);
            var names = fileName is null ? _files.Where(kv => kv.Value.Length > 0).Select(kv => kv.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray()
                                         : (_files.TryGetValue(fileName, out var only) && only.Length > 0 ? new[] { fileName } : Array.Empty<string>());
            if (names.Length == 0) return 0;
            long total = names.Sum(n => (long)_files[n].Length);
            for (int i = 0; i < count; i++)
            {
                long pick = (long)(rnd.NextDouble() * total);
                foreach (var n in names)
                {
                    var f = _files[n];
                    if (pick < f.Length) { f[pick] ^= (byte)(1 << rnd.Next(8)); break; }
                    pick -= f.Length;
                }
            }
            return count;
        }
    }

    /// <summary>A deep copy of every file (restore it with <see cref="Restore"/>).</summary>
    public FlashSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new FlashSnapshot(_files.ToDictionary(kv => kv.Key, kv => (byte[])kv.Value.Clone(), StringComparer.Ordinal));
        }
    }

    /// <summary>Replaces the whole content with a snapshot (does not change counters or power state).</summary>
    public void Restore(FlashSnapshot snapshot)
    {
        lock (_gate)
        {
            _files.Clear();
            foreach (var kv in snapshot.Files) _files[kv.Key] = (byte[])kv.Value.Clone();
        }
    }

    /// <inheritdoc />
    public int Length(string name) { lock (_gate) { return _files.TryGetValue(name, out var f) ? f.Length : -1; } }

    /// <inheritdoc />
    public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(name, out var f) || offset < 0 || offset >= f.Length || count <= 0) return 0;
            int n = Math.Min(count, f.Length - offset);
            Buffer.BlockCopy(f, offset, buffer, bufferOffset, n);
            return n;
        }
    }

    /// <summary>Injected write failure (storage-write-fail): None, writes silently dropped, or writes that throw.</summary>
    public FlashWriteFailure WriteFailure { get; set; }

    /// <inheritdoc />
    public void Write(string name, int offset, byte[] data, int dataOffset, int count)
    {
        int stored;
        lock (_gate)
        {
            if (PowerIsCut) { if (ThrowOnPowerCut) throw new PowerCutException("Write after power cut: storage is unpowered."); return; }
            if (WriteFailure == FlashWriteFailure.Throws) throw new IOException($"Write to '{name}' failed: the flash does not take writes (storage-write-fail).");
            if (WriteFailure == FlashWriteFailure.Silent) return;
            if (offset < 0 || count < 0) throw new ArgumentOutOfRangeException(nameof(offset), "Offset and count must be 0 or more.");
            stored = count;
            bool cut = false;
            if (_cutAfterBytes >= 0 && _cutAfterBytes < count)
            {
                stored = (int)_cutAfterBytes;
                cut = true;
            }
            else if (_cutAfterBytes >= 0) _cutAfterBytes -= count;

            // Bytes that physically change: the stored prefix, plus the half-programmed byte at a cut.
            int landed = stored + (cut && TornByteIsGarbage ? 1 : 0);
            if (landed > 0 || !cut)
            {
                // Creating or extending the file is part of the write, so a cut before any byte leaves it as it was.
                _files.TryGetValue(name, out var f);
                int needed = offset + landed;
                if (f is null || f.Length < needed)
                {
                    var grown = new byte[Math.Max(needed, f?.Length ?? 0)];
                    if (f is not null) Buffer.BlockCopy(f, 0, grown, 0, f.Length);
                    _files[name] = f = grown;
                }
                Buffer.BlockCopy(data, dataOffset, f, offset, stored);
                if (landed > stored) f[offset + stored] = (byte)_tornRandom.Next(256);
            }
            if (stored > 0) { WriteCount++; BytesWritten += stored; }
            if (cut) LastCutFile = name + " at byte " + (offset + stored);
            if (cut)
            {
                _cutAfterBytes = -1;
                PowerIsCut = true;
            }
        }
        if (stored > 0) Written?.Invoke(name, offset, stored);
        if (PowerIsCut && ThrowOnPowerCut) throw new PowerCutException($"Power cut after {stored} of {count} bytes written to '{name}' at offset {offset}.");
    }

    /// <inheritdoc />
    public void Delete(string name)
    {
        lock (_gate)
        {
            if (PowerIsCut) { if (ThrowOnPowerCut) throw new PowerCutException("Delete after power cut: storage is unpowered."); return; }
            if (_files.Remove(name)) DeleteCount++;
        }
    }
}
