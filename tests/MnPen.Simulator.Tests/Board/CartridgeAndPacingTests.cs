using System.Diagnostics;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Pacing;

namespace MnPen.Simulator.Tests.Board;

public class CartridgeAndPacingTests
{
    [Fact]
    public void A_seated_cartridge_answers_on_the_one_wire_bus_with_a_DS2431_family_code()
    {
        var b = Bench.Board();
        Assert.False(b.Pen.CartridgeBus.Reset());
        b.InsertCartridge(Bench.Cartridge());
        Assert.True(b.Pen.CartridgePresent.Read());
        Assert.True(b.Pen.CartridgeBus.Reset());
        b.Pen.CartridgeBus.WriteByte(0x33); // Read ROM
        Assert.Equal(0x2D, b.Pen.CartridgeBus.ReadByte());
    }

    [Fact]
    public void Seating_a_second_cartridge_without_removing_the_first_is_refused()
    {
        var b = Bench.Board();
        b.InsertCartridge(Bench.Cartridge());
        var ex = Assert.Throws<InvalidOperationException>(() => b.InsertCartridge(Bench.Cartridge()));
        Assert.Contains("remove it first", ex.Message);
    }

    [Fact]
    public void A_removed_cartridge_keeps_its_jam_and_brings_it_back_when_reseated()
    {
        var b = Bench.Board(SkinProfile.Air);
        b.InsertCartridge(Bench.Cartridge());
        b.Faults.Inject("cartridge-jam");
        var c = b.RemoveCartridge()!;
        Bench.Drive(b, 0.5);
        b.AdvanceSeconds(0.2);
        Assert.True(b.StrokeRate > 50, "without the cartridge nothing holds the cam");
        b.InsertCartridge(c);
        b.AdvanceSeconds(0.05);
        Assert.Equal(0.0, b.StrokeRate);
    }

    [Fact]
    public void Real_time_pacer_holds_simulated_time_back_to_wall_time()
    {
        var b = Bench.Board();
        var pacer = new RealTimePacer(1.0);
        var sw = Stopwatch.StartNew();
        pacer.Pace(b.NowMicros);
        for (int i = 0; i < 60; i++)
        {
            b.Advance(1000);
            pacer.Pace(b.NowMicros);
        }
        // A lower bound only: sleeping never ends early, so this cannot flake on a slow host.
        Assert.True(sw.Elapsed.TotalMilliseconds >= 55, $"60 ms of simulated time passed in {sw.Elapsed.TotalMilliseconds:F1} ms of wall time");
    }
}
