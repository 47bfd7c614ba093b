using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class SimulatedFlashTests
{
    private static readonly byte[] Ten = Enumerable.Range(1, 10).Select(i => (byte)i).ToArray();

    [Fact]
    public void Files_read_back_what_was_written_and_grow_on_demand()
    {
        var f = new SimulatedFlash();
        Assert.Equal(-1, f.Length("x"));
        f.Write("x", 4, Ten, 2, 3);
        Assert.Equal(7, f.Length("x"));
        var buf = new byte[10];
        Assert.Equal(7, f.Read("x", 0, buf, 0, 10));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 4, 5 }, buf[..7]);
        Assert.Equal(0, f.Read("x", 7, buf, 0, 1));
        Assert.Equal(0, f.Read("absent", 0, buf, 0, 1));
        f.Delete("x");
        Assert.Equal(-1, f.Length("x"));
        Assert.Equal((1, 3L, 1), (f.WriteCount, f.BytesWritten, f.DeleteCount));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    public void A_power_cut_keeps_the_bytes_before_it_and_drops_everything_after_until_power_returns(int cutAfter)
    {
        var f = new SimulatedFlash();
        f.Write("x", 0, new byte[8], 0, 8);
        f.ArmPowerCut(cutAfter);
        var ex = Record.Exception(() => { f.Write("x", 0, Ten, 0, 8); f.Write("x", 0, Ten, 0, 8); });
        bool cutHappened = cutAfter < 16;
        Assert.Equal(cutHappened, ex is PowerCutException);
        Assert.Equal(cutHappened, f.PowerIsCut);
        var buf = new byte[8];
        f.Read("x", 0, buf, 0, 8);
        int kept = Math.Min(cutAfter, 8);
        Assert.Equal(Ten[..kept], buf[..kept]);
        Assert.All(buf[kept..], b => Assert.Equal(0, b));
        Assert.Throws<PowerCutException>(() => f.Delete("x"));

        f.RestorePower();
        f.Write("x", 0, Ten, 0, 8);
        f.Read("x", 0, buf, 0, 8);
        Assert.Equal(Ten[..8], buf);
    }

    [Fact]
    public void Without_throwing_a_cut_write_returns_normally_and_later_writes_are_lost()
    {
        var f = new SimulatedFlash { ThrowOnPowerCut = false };
        f.ArmPowerCut(2);
        f.Write("x", 0, Ten, 0, 5);
        f.Write("y", 0, Ten, 0, 5);
        Assert.True(f.PowerIsCut);
        Assert.Equal(2, f.Length("x"));
        Assert.Equal(-1, f.Length("y"));
    }

    [Fact]
    public void A_cut_before_the_first_byte_of_a_new_file_leaves_no_file()
    {
        var f = new SimulatedFlash { ThrowOnPowerCut = false };
        f.ArmPowerCut(0);
        f.Write("new", 0, Ten, 0, 5);
        Assert.Equal(-1, f.Length("new"));
        Assert.Equal(0, f.WriteCount);
    }

    [Fact]
    public void Torn_byte_garbage_changes_only_the_byte_at_the_cut()
    {
        var f = new SimulatedFlash { ThrowOnPowerCut = false, TornByteIsGarbage = true };
        f.Write("x", 0, new byte[10], 0, 10);
        f.ArmPowerCut(4, tornSeed: 5);
        f.Write("x", 0, Enumerable.Repeat((byte)0xEE, 10).ToArray(), 0, 10);
        var buf = new byte[10];
        f.Read("x", 0, buf, 0, 10);
        Assert.All(buf[..4], b => Assert.Equal(0xEE, b));
        Assert.All(buf[5..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Bit_flips_are_seeded_and_snapshots_restore_exactly()
    {
        var a = new SimulatedFlash();
        a.Write("x", 0, Ten, 0, 10);
        a.Write("y", 0, Ten, 0, 10);
        var snap = a.Snapshot();
        a.FlipRandomBits(5, seed: 9);
        var flipped = a.GetFile("x")!.Concat(a.GetFile("y")!).ToArray();
        Assert.NotEqual(Ten.Concat(Ten), flipped);

        a.Restore(snap);
        Assert.Equal(Ten, a.GetFile("x"));
        a.FlipRandomBits(5, seed: 9);
        Assert.Equal(flipped, a.GetFile("x")!.Concat(a.GetFile("y")!).ToArray());

        a.Restore(snap);
        a.FlipRandomBits(3, seed: 1, fileName: "y");
        Assert.Equal(Ten, a.GetFile("x"));
        a.FlipBit("x", 0, 0);
        Assert.Equal(0, a.GetFile("x")![0]);
    }

    [Fact]
    public void The_written_event_reports_each_write()
    {
        var f = new SimulatedFlash();
        var seen = new List<(string, int, int)>();
        f.Written += (n, o, c) => seen.Add((n, o, c));
        f.Write("x", 3, Ten, 0, 4);
        Assert.Equal(new[] { ("x", 3, 4) }, seen);
    }
}
