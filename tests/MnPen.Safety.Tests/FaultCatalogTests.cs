using MnPen.Client.Docs;

namespace MnPen.Safety.Tests;

public class FaultCatalogTests
{
    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void Catalogue_lists_every_enum_value_once_in_numeric_order()
    {
        var values = Enum.GetValues<FaultCode>();
        Assert.Equal(values.OrderBy(v => (int)v), FaultCatalog.All);
        Assert.Equal(values.Length, FaultCatalog.All.Distinct().Count());
    }

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void Every_code_has_its_name_texts_and_a_class_matching_its_range()
    {
        foreach (var c in FaultCatalog.All)
        {
            Assert.Equal(c.ToString(), FaultCatalog.Name(c));
            Assert.True(FaultCatalog.Cause(c).Length > 10, $"{c} cause");
            Assert.True(FaultCatalog.Remedy(c).Length > 10, $"{c} remedy");
            Assert.NotEqual("Unknown fault code.", FaultCatalog.Cause(c));
            Assert.True(FaultCatalog.IsKnown(c));
            int n = (int)c;
            var expected = n == 0 ? FaultClass.None : n < 200 ? FaultClass.HardTrip : n < 300 ? FaultClass.Refusal : n < 400 ? FaultClass.Limiting : FaultClass.Warning;
            Assert.Equal(expected, FaultCatalog.ClassOf(c));
        }
        Assert.False(FaultCatalog.IsKnown((FaultCode)999));
        Assert.Equal("Unknown", FaultCatalog.Name((FaultCode)999));
        Assert.Equal(FaultClass.None, FaultCatalog.ClassOf((FaultCode)999));
        Assert.Equal(FaultClass.None, FaultCatalog.ClassOf((FaultCode)50));
    }

    [Fact]
    [Trait("Requirement", "SAF-LAT-02")]
    public void Hard_trips_need_a_clear_and_nothing_else_latches()
    {
        foreach (var c in FaultCatalog.All)
        {
            bool hard = FaultCatalog.ClassOf(c) == FaultClass.HardTrip;
            Assert.Equal(hard, FaultCatalog.PolicyOf(c) != ClearPolicy.Automatic);
        }
        // Hardware faults that a user cannot remedy need service; a user-remediable cause is acknowledged.
        Assert.Equal(ClearPolicy.Service, FaultCatalog.PolicyOf(FaultCode.DriverEnableReadback));
        Assert.Equal(ClearPolicy.Acknowledge, FaultCatalog.PolicyOf(FaultCode.CartridgeRemoved));
        Assert.Equal(ClearPolicy.PowerCycle, FaultCatalog.PolicyOf(FaultCode.WatchdogReset));
    }

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    [Trait("Requirement", "SAF-OC-01")]
    [Trait("Requirement", "SAF-DRV-01")]
    [Trait("Requirement", "SAF-CART-02")]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Reaction_table_meets_the_required_deadlines()
    {
        // Single-sample checks: the next tick plus its execution and a GC pause (docs/safety/interlocks.md).
        Assert.Equal(FaultCatalog.LoopReactionMicros, FaultCatalog.DetectionDeadlineMicros(FaultCode.Overcurrent));
        Assert.Equal(FaultCatalog.LoopReactionMicros, FaultCatalog.DetectionDeadlineMicros(FaultCode.DriverFault));
        Assert.Equal(FaultCatalog.LoopReactionMicros, FaultCatalog.DetectionDeadlineMicros(FaultCode.CartridgeRemoved));
        Assert.True(FaultCatalog.LoopReactionMicros <= 40000, "a single-sample interlock cuts the motor within 40 ms");
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.CartridgeJam) <= 80000);
        foreach (var c in FaultCatalog.All)
        {
            if (FaultCatalog.ClassOf(c) != FaultClass.HardTrip) continue;
            Assert.False(string.IsNullOrWhiteSpace(FaultCatalog.Detection(c)));
            Assert.True(FaultCatalog.DetectionDeadlineMicros(c) >= 0);
        }
        Assert.Equal(0, FaultCatalog.DetectionDeadlineMicros(FaultCode.CartridgeAbsent));
    }

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void Reaction_table_deadlines_cover_the_interlock_timings()
    {
        var l = new SafetyLimits();
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.CartridgeJam) >= l.JamDetectMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.HallSensorSilent) >= l.StartupStrokeTimeoutMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.HallSensorSilent) >= l.JamTimeoutMaxMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.DepthActuatorFault) >= l.DepthFaultMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.OverTemperature) >= l.TemperatureFaultMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.UnderVoltage) >= l.UnderVoltageMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.CurrentSensorImplausible) >= l.CurrentFrozenTicks * l.TickPeriodMicros + l.TickPeriodMicros);
        Assert.True(FaultCatalog.DetectionDeadlineMicros(FaultCode.DepthAboveLimit) >= l.DepthAboveLimitMicros + l.TickPeriodMicros);
    }

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void Committed_faults_md_matches_the_catalogue()
    {
        string path = Path.Combine(RepoPaths.Root(), FaultsDocument.RelativePath);
        string expected = FaultsDocument.Generate();
        if (Environment.GetEnvironmentVariable("MNPEN_UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), "docs/faults.md is missing: run `mnpen docs`");
        Assert.True(File.ReadAllText(path).Replace("\r\n", "\n") == expected, "docs/faults.md is out of date: run `mnpen docs` (or MNPEN_UPDATE_DOCS=1 dotnet test tests/MnPen.Safety.Tests)");
        foreach (var c in FaultCatalog.All.Where(c => c != FaultCode.None))
            Assert.Contains($"| {(int)c} | {FaultCatalog.Name(c)} |", expected);
    }
}
