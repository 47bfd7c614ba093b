using MnPen.Bench;
using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Hal;

namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// The persistence suite's judgement can fail: a store that writes its records in place (slot B is slot A, so there is
/// no second copy to fall back on) fails the power-cut cases the real two-slot store passes.
/// </summary>
public sealed class PersistenceKnownBadTests
{
    private static IReadOnlyList<BenchCase> Run(Func<PenBoard, PenFirmware>? firmware) =>
        new PersistenceSuite { FirmwareFactory = firmware }.Run(new BenchContext { Seed = 1 });

    private static string Figures(IEnumerable<BenchCase> cases) => string.Join("\n", cases.Select(c => c.Name + ": " + c.Error + " " +
        string.Join("; ", c.Measurements.Select(m => m.Name + "=" + m.Value + (m.Passed ? "" : " FAILED"))) + " " + string.Join(", ", c.Parameters.Select(p => p.Key + "=" + p.Value))));

    [Fact]
    public void A_store_writing_in_place_without_a_second_slot_fails_the_power_cut_cases()
    {
        var good = Run(null);
        Assert.True(good.All(c => c.Passed), Figures(good));
        var bad = Run(board =>
        {
            if (board.Storage is not InPlaceStorage) board.Storage = new InPlaceStorage(board.Storage);
            return new PenFirmware(board);
        });
        // The cut write overwrote the only copy of a record that existed: it no longer loads.
        Assert.True(bad.Any(c => !c.Find("corruptLoads")!.Passed), "the in-place store passed every power cut:\n" + Figures(bad));
        Assert.Contains(bad, c => c.Parameters.TryGetValue("records_lost", out var lost) && lost.Contains("carts", StringComparison.Ordinal));
    }

    /// <summary>Files "x.b" are file "x.a": each record's two slots are one place, so a save overwrites the only copy.</summary>
    private sealed class InPlaceStorage(INonVolatileStorage inner) : INonVolatileStorage
    {
        private static string One(string name) => name.EndsWith(".b", StringComparison.Ordinal) ? name[..^2] + ".a" : name;

        public int Length(string name) => inner.Length(One(name));

        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count) => inner.Read(One(name), offset, buffer, bufferOffset, count);

        public void Write(string name, int offset, byte[] data, int dataOffset, int count) => inner.Write(One(name), offset, data, dataOffset, count);

        public void Delete(string name) => inner.Delete(One(name));
    }
}
