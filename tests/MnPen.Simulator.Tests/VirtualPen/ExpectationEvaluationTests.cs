using MnPen.Firmware;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.Simulator.Tests.VirtualPenTests;

public class ExpectationEvaluationTests
{
    /// <summary>A pen whose stroke rate follows a given function of time, to judge the judging itself.</summary>
    private sealed class ScriptedPen : IScenarioPen
    {
        private readonly Func<double, double> _rate;
        public ScriptedPen(Func<double, double> rate) => _rate = rate;
        public ulong NowMicros { get; private set; }
        public double BatteryCapacityMilliampHours => 800;
        public void Step() => NowMicros += 1000;
        public void SetButton(string button, bool pressed) { }
        public string Apply(ScenarioAction action) => "ignored";

        public void Read(ref PenSample s)
        {
            s.NowMicros = NowMicros;
            s.State = PenState.Running;
            s.TargetStrokeRate = s.LevelStrokeRate = 110;
            s.StrokeRate = _rate(NowMicros / 1e6);
            s.MotorDriven = true;
        }
    }

    private static ExpectationResult Judge(Func<double, double> rate, string expectation)
    {
        var scenario = ScenarioParser.Parse("duration 3 s\n" + expectation, "t", MnPen.VirtualPen.VirtualPen.Vocabulary);
        return ScenarioRunner.Run(scenario, new ScriptedPen(rate)).Expectations.Single();
    }

    [Fact]
    public void A_rate_that_hunts_around_its_target_fails_even_with_a_perfect_mean()
    {
        var hunting = Judge(t => 110 + 11 * Math.Sin(2 * Math.PI * 2 * t), "expect from 0.5 s to 2.5 s: rate within 5 %");
        Assert.False(hunting.Passed, hunting.Measured);
        Assert.Contains("mean 110.0", hunting.Measured);
        Assert.InRange(hunting.Value!.Value, 5, 10);
    }

    [Fact]
    public void Cam_ripple_within_a_stroke_averages_out()
    {
        // 110 strokes/s with a +-8 % ripple at the stroke frequency: regulation is fine.
        var ripple = Judge(t => 110 * (1 + 0.08 * Math.Sin(2 * Math.PI * 110 * t)), "expect from 0.5 s to 2.5 s: rate within 2 %");
        Assert.True(ripple.Passed, ripple.Measured);
    }

    [Fact]
    public void A_single_short_excursion_is_caught_by_a_sample_by_sample_check()
    {
        var r = Judge(t => t is > 1.2 and < 1.203 ? 400 : 110, "expect from 0.5 s to 2.5 s: needle moving");
        Assert.True(r.Passed);
        var still = Judge(t => t is > 1.2 and < 1.203 ? 0 : 110, "expect from 0.5 s to 2.5 s: needle moving");
        Assert.False(still.Passed);
        Assert.Contains("at 1.201 s", still.Measured);
    }
}
