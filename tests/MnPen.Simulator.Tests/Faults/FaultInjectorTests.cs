using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Faults;

namespace MnPen.Simulator.Tests.Faults;

public class FaultInjectorTests
{
    private static readonly string[] RequiredCatalogue =
    {
        "cartridge-removed", "cartridge-jam", "motor-short", "driver-fault", "current-sensor-stuck", "current-sensor-open",
        "hall-dead", "depth-stuck", "ntc-open", "ntc-short", "ambient-overtemp", "battery-sag", "brown-out",
        "storage-corrupt", "storage-power-cut", "control-loop-overrun", "storage-write-fail",
        "hall-missing", "hall-extra", "hall-intermittent", "pot-offset", "mcu-clock-drift",
        "driver-stuck-on", "actuator-runaway", "partial-jam", "battery-aged",
    };

    [Fact]
    public void Catalogue_lists_exactly_the_specified_faults_each_described_with_its_effect()
    {
        Assert.Equal(RequiredCatalogue.OrderBy(n => n), SimFaultCatalog.Names.OrderBy(n => n));
        foreach (var f in SimFaultCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Description));
            Assert.False(string.IsNullOrWhiteSpace(f.PhysicalEffect));
            Assert.False(string.IsNullOrWhiteSpace(f.Clearing));
            Assert.All(f.Parameters, p => Assert.InRange(p.Default, p.Min, p.Max));
        }
    }

    [Fact]
    public void Every_catalogue_fault_has_an_effect_test()
    {
        var tested = typeof(FaultEffectTests).GetMethods().Select(m => m.Name.ToLowerInvariant().Replace('_', '-')).ToArray();
        foreach (var name in SimFaultCatalog.Names)
        {
            Assert.Contains(tested, t => t.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Unknown_fault_names_are_rejected_with_the_list_of_known_faults()
    {
        var b = Bench.Board();
        var ex = Assert.Throws<ArgumentException>(() => b.Faults.Inject("cartridge-jammed"));
        Assert.Contains("cartridge-jam", ex.Message);
        Assert.Contains("--list-faults", ex.Message);
    }

    [Fact]
    public void Unknown_or_out_of_range_parameters_are_rejected_with_what_is_accepted()
    {
        var b = Bench.Board();
        b.InsertCartridge(Bench.Cartridge());
        var ex = Assert.Throws<ArgumentException>(() => b.Faults.Inject("cartridge-jam", "force=2"));
        Assert.Contains("torque", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => b.Faults.Inject("battery-sag", "ohms=-1"));
        Assert.Contains("0..20", ex.Message);
        Assert.Throws<ArgumentException>(() => b.Faults.Inject("battery-sag", "ohms"));
        Assert.Empty(b.Faults.ActiveNames);
    }

    [Fact]
    public void A_fault_scheduled_at_a_time_applies_at_that_time()
    {
        var b = Bench.Board();
        b.Faults.InjectAt("hall-dead", 0.25);
        b.AdvanceSeconds(0.249);
        Assert.False(b.Faults.IsActive("hall-dead"));
        b.AdvanceSeconds(0.002);
        Assert.True(b.Faults.IsActive("hall-dead"));
        var ev = b.Faults.History.Single();
        Assert.InRange(ev.BoardMicros, 250_000UL, 250_100UL);
    }

    [Fact]
    public void A_fault_scheduled_on_a_condition_applies_when_the_stroke_rate_passes_the_threshold()
    {
        var b = Bench.Board(SkinProfile.Air);
        b.InsertCartridge(Bench.Cartridge());
        b.Faults.InjectWhen("cartridge-jam", SimCondition.Parse("stroke-rate > 100"));
        Bench.Drive(b, 0.8);
        double rateAtJam = 0;
        while (!b.Faults.IsActive("cartridge-jam") && b.NowSeconds < 1)
        {
            b.Advance(100);
            rateAtJam = b.StrokeRate;
        }
        Assert.True(b.Faults.IsActive("cartridge-jam"));
        Assert.InRange(rateAtJam, 100, 105);
        b.AdvanceSeconds(0.05);
        Assert.Equal(0.0, b.StrokeRate);
    }

    [Fact]
    public void Conditions_parse_the_documented_vocabulary_and_reject_anything_else()
    {
        Assert.Equal("current >= 1.5", SimCondition.Parse("current>=1.5").Text);
        Assert.Equal("time > 2", SimCondition.Parse(" time > 2s ").Text);
        Assert.Same(SimCondition.MotorRunning, SimCondition.Parse("motor-running"));
        var ex = Assert.Throws<FormatException>(() => SimCondition.Parse("speed > 3"));
        Assert.Contains("stroke-rate", ex.Message);
        Assert.Throws<FormatException>(() => SimCondition.Parse("current > lots"));
    }

    [Fact]
    public void A_fault_with_a_duration_clears_itself()
    {
        var b = Bench.Board();
        b.Faults.Inject("ntc-open", "duration=0.1");
        b.AdvanceSeconds(0.05);
        Assert.True(b.Faults.IsActive("ntc-open"));
        b.AdvanceSeconds(0.06);
        Assert.False(b.Faults.IsActive("ntc-open"));
        Assert.False(b.Ntc.Open);
    }

    [Fact]
    public void Clear_all_undoes_every_fault_and_cancels_pending_ones()
    {
        var b = Bench.Board();
        b.InsertCartridge(Bench.Cartridge());
        b.Faults.Inject("hall-dead");
        b.Faults.Inject("cartridge-jam");
        b.Faults.Inject("battery-sag");
        b.Faults.InjectAt("ntc-short", 10);
        b.Faults.ClearAll();
        Assert.Empty(b.Faults.ActiveNames);
        Assert.Equal(0, b.Faults.PendingCount);
        Assert.False(b.Cartridge!.Jammed);
        Assert.Equal(0, b.Battery.ExtraResistanceOhms);
    }

    [Fact]
    public void A_jam_needs_a_cartridge_now_and_a_scheduled_jam_without_one_is_recorded_as_not_applied()
    {
        var b = Bench.Board();
        var ex = Assert.Throws<InvalidOperationException>(() => b.Faults.Inject("cartridge-jam"));
        Assert.Contains("insert one", ex.Message);
        b.Faults.InjectAt("cartridge-jam", 0.01);
        b.AdvanceSeconds(0.02);
        Assert.False(b.Faults.IsActive("cartridge-jam"));
        Assert.Contains("not applied", b.Faults.History.Single().Detail);
    }
}
