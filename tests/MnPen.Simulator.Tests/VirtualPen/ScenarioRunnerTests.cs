using MnPen.VirtualPen.Reporting;
using MnPen.VirtualPen.Scenarios;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.VirtualPenTests;

public class ScenarioRunnerTests
{
    private static RunSummary Run(string text) => ScenarioRunner.Run(ScenarioParser.Parse(text, "test", Pen.Vocabulary));

    private const string Running110 = """
        seed 2
        duration 3 s
        at 0 s: depth 1.0 mm
        at 0 s: level 3
        at 0.5 s: press start
        """;

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.ScenarioExamples, "*.scenario").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_scenario_passes(string file)
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoPaths.ScenarioExamples, file), Pen.Vocabulary);
        var summary = ScenarioRunner.Run(scenario);
        var failed = summary.Expectations.Where(e => !e.Passed).Select(e => "line " + e.Line + ": " + e.Text + " -> " + e.Measured);
        Assert.True(summary.Result == "passed", file + ": " + string.Join("; ", failed));
        Assert.NotEmpty(summary.Expectations);
    }

    [Fact]
    public void There_are_example_scenarios_for_a_normal_session_a_pulled_cartridge_and_a_jam()
    {
        var names = Directory.GetFiles(RepoPaths.ScenarioExamples, "*.scenario").Select(Path.GetFileName).ToArray();
        Assert.Contains("normal-session.scenario", names);
        Assert.Contains("cartridge-pulled.scenario", names);
        Assert.Contains("cartridge-jam.scenario", names);
    }

    [Fact]
    public void A_wrong_expectation_fails_and_reports_what_was_measured()
    {
        var s = Run(Running110 + "\nexpect from 1.5 s to 3 s: rate 150 within 1 %\nexpect from 1.5 s to 3 s: state Running\n");
        Assert.Equal("failed", s.Result);
        var wrong = s.Expectations.Single(e => e.Line == 6);
        Assert.False(wrong.Passed);
        Assert.Contains("against 150.0", wrong.Measured);
        Assert.InRange(wrong.Value!.Value, 20, 35);   // ran at ~110: about 27 % off
        Assert.True(s.Expectations.Single(e => e.Line == 7).Passed);
    }

    [Fact]
    public void A_current_expectation_is_judged_on_the_highest_current_of_every_physics_substep()
    {
        var s = Run(Running110 + "\nexpect always: current below 20 A\n");
        var current = s.Expectations.Single(e => e.Line == 6);
        // Peaks (the start, the brake at a stop) fall between the 10 ms samples; judged at the samples alone it read about 40 % low.
        Assert.Equal(s.PeakCurrentAmps, current.Value!.Value, 3);
        var tight = Run(Running110 + "\nexpect always: current below " + (s.PeakCurrentAmps - 0.01).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " A\n");
        Assert.False(tight.Expectations.Single(e => e.Line == 6).Passed);
    }

    [Fact]
    public void A_latency_expectation_reports_the_measured_delay_and_fails_when_too_slow()
    {
        var s = Run(Running110 + "\nat 2 s: remove cartridge\nexpect within 50 ms after 2 s: motor off\nexpect within 1 ms after 1 s: state Fault\n");
        var cut = s.Expectations.Single(e => e.Line == 7);
        Assert.True(cut.Passed, cut.Measured);
        Assert.InRange(cut.Value!.Value, 0, 45);   // the action lands on the next 10 ms step, the cut within 35 ms of it
        var never = s.Expectations.Single(e => e.Line == 8);
        Assert.False(never.Passed);
        Assert.Contains("still not held", never.Measured);
    }

    [Fact]
    public void A_when_step_acts_the_given_delay_after_its_condition_first_holds()
    {
        var s = Run(Running110 + "\nwhen state Running +1 s: remove cartridge\n");
        double running = s.Events.First(e => e.Text.EndsWith("-> Running", StringComparison.Ordinal)).TimeSeconds;
        double removed = s.Events.First(e => e.Text.StartsWith("remove cartridge", StringComparison.Ordinal)).TimeSeconds;
        Assert.InRange(removed, running + 1.0, running + 1.0125);   // on the loop's first step at or after the time
        Assert.Contains(s.Faults, f => f.Code == "CartridgeRemoved");
    }

    [Fact]
    public void A_refused_command_is_recorded_with_its_reason()
    {
        var s = Run("duration 1 s\ncartridge none\nat 0.5 s: start\n");
        var e = s.Events.Single(x => x.Text.StartsWith("start:", StringComparison.Ordinal));
        Assert.DoesNotContain("Accepted", e.Text);
        Assert.Equal("did-not-run", s.SessionResult);
    }

    [Fact]
    public void Simulator_fault_names_and_parameters_are_checked_against_the_catalogue_when_read()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioParser.Parse(
            "at 1 s: fault cartridge-jamm\nat 2 s: fault cartridge-jam torque=5\nat 3 s: fault hall-dead speed=1\nexpect at 1 s: state Runing", "t", Pen.Vocabulary));
        Assert.Contains("did you mean 'cartridge-jam'", e.Errors[0].Message);
        Assert.Contains("must be 0..1", e.Errors[1].Message);
        Assert.Contains("it takes: duration", e.Errors[2].Message);
        Assert.Contains("did you mean 'Running'", e.Errors[3].Message);
    }

    [Fact]
    public void The_default_session_refuses_a_rate_that_is_not_a_level()
    {
        var e = Assert.Throws<ArgumentException>(() => DefaultSession.Build(rate: 100));
        Assert.Contains("50, 70, 90, 110, 130, 150", e.Message);
    }

    [Fact]
    public void The_default_session_meets_its_own_expectations()
    {
        var s = ScenarioRunner.Run(DefaultSession.Build(durationSeconds: 4, seed: 8));
        Assert.Equal("passed", s.Result);
        Assert.Equal("completed", s.SessionResult);
        Assert.InRange(s.StrokesDelivered, 380UL, 480UL);   // 4 s at 110 strokes/s, soft start and braked stop included
    }
}
