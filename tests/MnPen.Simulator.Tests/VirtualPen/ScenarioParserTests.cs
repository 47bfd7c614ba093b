using MnPen.VirtualPen.Scenarios;

namespace MnPen.Simulator.Tests.VirtualPenTests;

public class ScenarioParserTests
{
    private static readonly ScenarioVocabulary Vocabulary = new()
    {
        States = new[] { "Idle", "Running", "Fault" },
        FaultCodes = new[] { "None", "CartridgeRemoved", "CartridgeJam" },
        SimFaults = new[] { "cam-jam", "hall-silent" },
        SimFaultParameters = new Dictionary<string, IReadOnlyList<string>> { ["cam-jam"] = new[] { "torque" } },
        Skins = new[] { "soft", "nominal", "tough" },
        CartridgeKinds = new[] { "new", "used" },
    };

    private static ScenarioFormatException ParseFails(string text)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioParser.Parse(text, "t.scenario", Vocabulary));
        Assert.NotEmpty(e.Errors);
        return e;
    }

    [Fact]
    public void A_full_scenario_is_read_with_options_timeline_and_expectations()
    {
        var s = ScenarioParser.Parse("""
            # comment line
            name Pulled cartridge
            seed 42
            skin tough
            battery 7.6 V
            duration 6 s
            cartridge new

            at 0 s: depth 1.2 mm
            at 0s level 3 via buttons
            at 200 ms: press start for 0.3 s
            when state Running +2 s: fault cam-jam torque=0.5
            at 5 s: remove cartridge   # pulled
            expect from 1.5 s to 3 s: rate within 5 %
            expect within 20ms after 5 s: motor off
            expect at 5.5 s: fault CartridgeRemoved
            expect always: current below 3.5 A
            expect at end: state fault
            """, null, Vocabulary);

        Assert.Equal("Pulled cartridge", s.Name);
        Assert.Equal(42UL, s.Seed);
        Assert.Equal("tough", s.Skin);
        Assert.Equal(7.6, s.BatteryVolts);
        Assert.Equal(6_000_000, s.DurationMicros);
        Assert.Equal(5, s.Steps.Count);
        Assert.Equal(ScenarioActionKind.Depth, s.Steps[0].Action.Kind);
        Assert.Equal(1.2, s.Steps[0].Action.Value);
        Assert.True(s.Steps[1].Action.ViaButtons);
        Assert.Equal(200_000, s.Steps[2].AtMicros);
        Assert.Equal(300_000, s.Steps[2].Action.HoldMicros);
        Assert.Equal(ScenarioCheckKind.State, s.Steps[3].When!.Kind);
        Assert.Equal(2_000_000, s.Steps[3].DelayMicros);
        Assert.Equal(0.5, s.Steps[3].Action.Parameters.Single(p => p.Key == "torque").Value);
        Assert.Equal(5, s.Expectations.Count);
        Assert.Equal(ScenarioWindowKind.Within, s.Expectations[1].Window);
        Assert.Equal(5_020_000, s.Expectations[1].ToMicros);
        Assert.Equal("CartridgeRemoved", s.Expectations[2].Check.Name);
        Assert.Equal("Fault", s.Expectations[4].Check.Name);
        Assert.Equal(14, s.Expectations[0].Line);
    }

    [Theory]
    [InlineData("expext at 1 s: state Idle", 1, 1, "did you mean 'expect'")]
    [InlineData("at 1 s: pres start", 1, 9, "did you mean 'press'")]
    [InlineData("at 1 s: press launch", 1, 15, "expected one of: start, rate-up")]
    [InlineData("at one: start", 1, 4, "such as 2.5 s or 250 ms")]
    [InlineData("at 1h: start", 1, 4, "use s, ms or min")]
    [InlineData("expect at 1 s: state Runing", 1, 22, "did you mean 'Running'")]
    [InlineData("expect at 1 s: rate within", 1, 27, "line ends too early: expected rate tolerance")]
    [InlineData("expect from 3 s to 2 s: motor off", 1, 20, "window must end after it starts")]
    [InlineData("at 1 s: fault cam-jam force=2", 1, 23, "it takes: torque")]
    [InlineData("at 1 s: fault cam-jam torque=lots", 1, 30, "needs a number")]
    [InlineData("at 1 s: depth 5 mm", 1, 15, "out of range; expected 0 to 3")]
    [InlineData("at 1 s: depth 0.08 mm", 1, 15, "not on the pen's 0.05 mm depth grid; the nearest valid depths are 0.05 mm and 0.1 mm")]
    [InlineData("at 1 s: depth 1.01mm", 1, 15, "nearest valid depths are 1.0 mm and 1.05 mm")]
    [InlineData("at 1 s: skin leather", 1, 14, "expected one of: soft, nominal, tough")]
    [InlineData("expect at 1 s: fault Jam", 1, 22, "expected one of: None, CartridgeRemoved")]
    [InlineData("when state Running remove cartridge", 1, 20, "expected ':'")]
    [InlineData("at 1 s: note \"unterminated", 1, 14, "closing \"")]
    [InlineData("duration 5 s\nat 9 s: start", 2, 1, "after the end of the run (duration 5 s, line 1)")]
    [InlineData("seed 1\nseed 2", 2, 1, "already set on line 1")]
    [InlineData("at 1 s: start now", 1, 15, "unexpected 'now'")]
    [InlineData("battery 7.6", 1, 9, "pack voltage (7.6 V) or a state of charge (80 %)")]
    [InlineData("battery 12 V", 1, 9, "outside the 2S pack's 6.0 to 8.4 V")]
    [InlineData("seed -1", 1, 6, "whole number")]
    public void A_bad_line_is_reported_with_its_position_and_what_to_write(string text, int line, int column, string hint)
    {
        var e = ParseFails(text);
        var error = e.Errors[0];
        Assert.Contains(hint, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("t.scenario:" + line + ":" + column + ":", e.Message);
    }

    [Fact]
    public void Every_bad_line_is_reported_not_just_the_first()
    {
        var e = ParseFails("at x: start\nexpect sometime: motor off\nat 1 s: press start\nbogus");
        Assert.Equal(new[] { 1, 2, 4 }, e.Errors.Select(x => x.Line));
    }

    [Fact]
    public void An_unreadable_file_is_a_format_error_not_a_crash()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioParser.ParseFile("/nonexistent/dir/x.scenario"));
        Assert.Contains("cannot read the file", e.Message);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_a_format_error()
    {
        var rng = new Random(1234);
        string alphabet = "at expect when from to within after s ms : # \" 1 2.5 -3 + state Running fault motor off rate % \n";
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[rng.Next(0, 60)];
            for (int j = 0; j < chars.Length; j++) chars[j] = alphabet[rng.Next(alphabet.Length)];
            var text = new string(chars);
            bool ok = ScenarioParser.TryParse(text, Vocabulary, out var s, out var errors);
            Assert.True(ok ^ errors.Count > 0, text);
            Assert.True(!ok || s != null, text);
            Assert.All(errors, x => Assert.True(x.Line >= 1 && x.Column >= 1 && x.Message.Length > 10, text));
        }
    }
}
