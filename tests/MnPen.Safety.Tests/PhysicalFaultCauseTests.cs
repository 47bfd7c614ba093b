using MnPen.Bench.Suites;
using Xunit.Abstractions;

namespace MnPen.Safety.Tests;

/// <summary>
/// Faults with a physical cause for the interlocks that had none (overspeed, depth runaway, overload, under-voltage
/// under load): each is injected in every operating state, the hazard is judged from the physics, and the firmware
/// must reach the safe state in time with the right code.
/// </summary>
public class PhysicalFaultCauseTests(ITestOutputHelper output)
{
    private InterlocksReport Run(string fault, int injections)
    {
        var report = InterlocksMatrix.Run(new InterlocksMatrixOptions
        {
            Injections = injections, Seed = 23, Faults = new[] { fault }, Parallelism = Environment.ProcessorCount,
        });
        foreach (var o in report.Outcomes)
            output.WriteLine($"{o.Case}: required {o.ReactionRequired} reaction {o.ReactionMs:0.#} ms code {FaultCatalog.Name(o.Code)} {o.Failure}");
        return report;
    }

    [Theory]
    [InlineData("driver-stuck-on", FaultCode.Overspeed, 1)]
    [InlineData("actuator-runaway", FaultCode.DepthActuatorFault, 1)]
    // The firmware trips on the sag in many runs, but the load ripples with each puncture: the true voltage seldom stays
    // below 6.0 V for the whole persistence on tick samples, so few runs count as needing a reaction.
    [InlineData("battery-aged", FaultCode.UnderVoltage, 0)]
    // A drag of 3-7 mN·m either stalls the rotor (a jam: the firmware's push to 0.5 duty gives 6.4 mN·m) or, at
    // 150 /s, back-EMF keeps the current under the 1.0 A continuous rating: no run reaches the I²t budget in 3 s.
    [InlineData("partial-jam", FaultCode.CartridgeJam, 0)]
    public void A_physical_fault_needs_a_reaction_and_the_firmware_reaches_the_safe_state_in_time(string fault, FaultCode expected, int minimumReactions)
    {
        var report = Run(fault, 24);
        var row = report.Interlocks.Single();
        Assert.Equal(0, report.UnsafeOutcomes);
        Assert.True(report.Failures == 0, string.Join("\n", report.FailureSamples));
        Assert.True(row.ReactionsRequired >= minimumReactions, $"{fault}: only {row.ReactionsRequired} of {row.Runs} runs needed a reaction");
        Assert.True(report.Outcomes.Count(o => o.Code == expected) >= 3, $"{fault}: the firmware raised {FaultCatalog.Name(expected)} in fewer than 3 runs");
        Assert.Equal(report.ReactionRuns + report.ControlRuns, report.Injections);
    }
}
