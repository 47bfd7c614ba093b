using System.Text.RegularExpressions;
using MnPen.Bench.Suites;
using MnPen.Hal.Simulator.Physics;
using Xunit.Abstractions;

namespace MnPen.Safety.Tests;

/// <summary>
/// The "Control traceability" table of docs/safety/hazards.md, executed: each named control of each channel must be what
/// stops its hazard on the virtual pen. Runs the named fault with that channel alone, once with the control in place (every
/// required reaction in time) and once with it switched off (the same runs must fail), so a row cannot pass on an ID alone.
/// </summary>
public partial class ControlTraceabilityTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"^\|\s*(SAF-[A-Z]+-\d\d)\s*\|\s*(H\d+)\s*\|\s*([a-z-]+)\s*\|\s*(firmware|hardware)\s*\|\s*([A-Za-z]+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex ControlRow();

    /// <summary>One parsed row: requirement, hazard, simulator fault, channel, control.</summary>
    public sealed record Row(string Requirement, string Hazard, string Fault, string Channel, string Control);

    /// <summary>Rows of the table (parsed from the committed document).</summary>
    public static IReadOnlyList<Row> Rows()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "safety", "hazards.md"));
        int at = text.IndexOf("## Control traceability", StringComparison.Ordinal);
        Assert.True(at >= 0, "hazards.md has no '## Control traceability' section");
        int end = text.IndexOf("\n## ", at + 5, StringComparison.Ordinal);
        string section = end < 0 ? text[at..] : text[at..end];
        return ControlRow().Matches(section).Select(m => new Row(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value)).ToArray();
    }

    public static IEnumerable<object[]> RowData() => Rows().Select(r => new object[] { r.Requirement, r.Fault, r.Channel, r.Control });

    [Fact]
    [Trait("Requirement", "SAF-DOC-01")]
    public void The_table_names_known_requirements_hazards_faults_and_claims()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 6, "too few control rows parsed");
        var defined = TraceabilityTests.DefinedRequirements();
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "safety", "hazards.md"));
        foreach (var r in rows)
        {
            Assert.Contains(r.Requirement, defined);
            Assert.Matches(@"\| " + r.Hazard + @" \|", text);
            var plan = InterlocksFaultPlan.All.SingleOrDefault(p => p.Fault == r.Fault);
            Assert.True(plan != null, r.Fault + " is not a simulator fault");
            var channel = r.Channel == "hardware" ? SafetyChannel.Hardware : SafetyChannel.Firmware;
            Assert.True((plan!.Claims & channel) != 0, $"{r.Fault}: the {r.Channel} channel does not claim it in the matrix");
            if (channel == SafetyChannel.Hardware) Assert.True(Enum.TryParse<ProtectivePath>(r.Control, out _) || r.Control == "Driver", r.Control);
            else Assert.True(Enum.TryParse<FirmwareSense>(r.Control, out _), r.Control);
        }
    }

    [Theory]
    [Trait("Requirement", "SAF-HW-01")]
    [Trait("Requirement", "SAF-CLK-01")]
    [Trait("Requirement", "SAF-DOC-01")]
    [MemberData(nameof(RowData))]
    public void Each_named_control_is_what_stops_its_hazard(string requirement, string fault, string channelName, string control)
    {
        var channel = channelName == "hardware" ? SafetyChannel.Hardware : SafetyChannel.Firmware;
        InterlocksMatrixOptions Options(bool controlOn) => new()
        {
            Injections = 16, Seed = 5, Channel = channel, Faults = new[] { fault }, Parallelism = Environment.ProcessorCount,
            BypassedPaths = !controlOn && channel == SafetyChannel.Hardware ? Enum.Parse<ProtectivePath>(control) : ProtectivePath.None,
            BlindedSensing = !controlOn && channel == SafetyChannel.Firmware ? Enum.Parse<FirmwareSense>(control) : FirmwareSense.None,
        };
        var on = InterlocksMatrix.Run(Options(true)).Interlocks.Single(r => r.Fault == fault);
        var off = InterlocksMatrix.Run(Options(false)).Interlocks.Single(r => r.Fault == fault);
        output.WriteLine($"{requirement} {fault} {channelName} {control}: on {on.Failures}/{on.Runs} failed ({on.ReactionsRequired} required), off {off.Failures}/{off.Runs} failed");
        Assert.True(on.ReactionsRequired > 0, "no run needed the control");
        Assert.Equal(0, on.Failures);
        Assert.True(off.Failures > 0, $"{fault} still passed with {control} off: the test does not exercise the control");
    }
}
