using MnPen.Bench.Suites;
using MnPen.Hal.Simulator.Physics;
using Xunit.Abstractions;

namespace MnPen.Safety.Tests;

/// <summary>
/// `mnpen bench --suite interlocks --channel`: each protective channel alone stops the needle in time for the hazards it
/// claims, and a hardware path wired closed (a channel that fails) makes its hazards fail, so the verdicts can fail.
/// </summary>
public class ChannelMatrixTests(ITestOutputHelper output)
{
    private InterlocksReport Run(SafetyChannel channel, ProtectivePath bypassed = ProtectivePath.None, string[]? faults = null, int injections = 130)
    {
        var report = InterlocksMatrix.Run(new InterlocksMatrixOptions
        {
            Injections = injections, Seed = 21, Channel = channel, BypassedPaths = bypassed, Faults = faults, Parallelism = Environment.ProcessorCount,
        });
        foreach (var row in report.Interlocks)
            output.WriteLine($"{channel} {row.Fault,-22} runs {row.Runs,4} required {row.ReactionsRequired,4} failures {row.Failures} hw-first {row.HardwareFirst} fw-first {row.FirmwareFirst} max {row.MaxReactionMs?.ToString("0.###") ?? "-"} ms");
        foreach (var f in report.FailureSamples.Take(5)) output.WriteLine(f);
        return report;
    }

    [Fact]
    [Trait("Requirement", "SAF-HW-01")]
    public void The_hardware_channel_alone_stops_the_needle_in_time_for_every_hazard_it_claims_and_acts_first()
    {
        var report = Run(SafetyChannel.Hardware);
        Assert.True(report.Failures == 0, string.Join("\n", report.FailureSamples));
        var claimed = InterlocksFaultPlan.All.Where(p => (p.Claims & SafetyChannel.Hardware) != 0).Select(p => p.Fault).ToArray();
        Assert.Equal(claimed.Append("(none)").OrderBy(x => x), report.Interlocks.Select(r => r.Fault).OrderBy(x => x));
        foreach (var row in report.Interlocks.Where(r => r.Fault != "(none)"))
        {
            Assert.True(row.ReactionsRequired > 0, row.Fault + ": no run needed the hardware");
            Assert.Equal("hardware", row.ActedFirst);
        }
    }

    [Fact]
    [Trait("Requirement", "SAF-HW-01")]
    public void The_firmware_channel_alone_stops_the_needle_for_every_hazard_it_claims()
    {
        var report = Run(SafetyChannel.Firmware, injections: 200);
        Assert.True(report.Failures == 0, string.Join("\n", report.FailureSamples));
        Assert.DoesNotContain(report.Interlocks, r => r.Fault == "mcu-clock-drift");
        Assert.All(report.Interlocks.Where(r => r.Fault is "cartridge-removed" or "ambient-overtemp"), r => Assert.Equal(0, r.HardwareFirst));
    }

    [Theory]
    [Trait("Requirement", "SAF-HW-01")]
    [InlineData(ProtectivePath.Cartridge, "cartridge-removed")]
    [InlineData(ProtectivePath.Thermal, "ambient-overtemp")]
    [InlineData(ProtectivePath.Watchdog, "control-loop-overrun")]
    [InlineData(ProtectivePath.Watchdog, "mcu-clock-drift")]
    public void A_hardware_claimed_hazard_fails_when_its_path_is_wired_closed(ProtectivePath path, string fault)
    {
        var report = Run(SafetyChannel.Hardware, path, new[] { fault }, injections: 24);
        var row = report.Interlocks.Single(r => r.Fault == fault);
        Assert.True(row.Failures > 0, $"{fault} passed with its {path} path wired closed: the verdict cannot fail");
    }
}
