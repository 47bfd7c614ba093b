namespace MnPen.VirtualPen.Scenarios;

// Expectations and conditions: "from 2 s to 5 s: rate within 3 %", "within 2 ms after 3 s: motor off", ...
public static partial class ScenarioParser
{
    private static ScenarioExpectation ParseExpectation(ScenarioLineCursor c, ScenarioVocabulary vocab, int line)
    {
        int from = c.Index;
        ScenarioWindowKind window;
        long t0 = 0, t1 = 0;
        if (c.Accept("always"))
        {
            window = ScenarioWindowKind.Always;
        }
        else if (c.Accept("at"))
        {
            if (c.Accept("end"))
            {
                window = ScenarioWindowKind.AtEnd;
            }
            else
            {
                window = ScenarioWindowKind.At;
                t0 = c.Time("time of the check");
                t1 = t0;
            }
        }
        else if (c.Accept("from"))
        {
            window = ScenarioWindowKind.During;
            t0 = c.Time("start of the window");
            c.Expect("to", "between the window's start and end (from <time> to <time>)");
            int col = c.Column;
            t1 = c.Time("end of the window");
            if (t1 <= t0) throw new ScenarioLineException(col, "window must end after it starts");
        }
        else if (c.Accept("within"))
        {
            window = ScenarioWindowKind.Within;
            long allowed = c.Time("allowed delay");
            c.Expect("after", "after the allowed delay (within <delay> after <time>)");
            t0 = c.Time("time the delay is counted from");
            t1 = t0 + allowed;
        }
        else
        {
            throw c.Error("expected when to check: 'at <time>', 'at end', 'from <time> to <time>', 'within <delay> after <time>' or 'always'" +
                          (c.AtEnd ? "" : ", found '" + c.Peek!.Value.Text + "'"));
        }
        c.Accept(":");
        var check = ParseCheck(c, vocab);
        c.ExpectEnd("the check");
        return new ScenarioExpectation { Line = line, Window = window, FromMicros = t0, ToMicros = t1, Check = check, Text = c.Rest(from) };
    }

    private static ScenarioCheck ParseCheck(ScenarioLineCursor c, ScenarioVocabulary vocab)
    {
        int from = c.Index;
        string what = c.Choice("check", CheckWords);
        ScenarioCheck check;
        switch (what)
        {
            case "state":
                check = new ScenarioCheck { Kind = ScenarioCheckKind.State, Name = c.Name("firmware state", vocab.States), Text = "" };
                break;
            case "fault":
            {
                string code = c.Accept("none") ? "None" : c.Name("fault code (or none)", vocab.FaultCodes);
                check = new ScenarioCheck { Kind = ScenarioCheckKind.Fault, Name = code, Text = "" };
                break;
            }
            case "motor":
                check = new ScenarioCheck
                {
                    Kind = c.Choice("motor condition", new[] { "on", "off" }) == "on" ? ScenarioCheckKind.MotorOn : ScenarioCheckKind.MotorOff, Text = "",
                };
                break;
            case "needle":
                check = new ScenarioCheck
                {
                    Kind = c.Choice("needle condition", new[] { "moving", "still" }) == "moving" ? ScenarioCheckKind.NeedleMoving : ScenarioCheckKind.NeedleStill,
                    Text = "",
                };
                break;
            case "rate":
            {
                double reference = double.NaN;
                if (!c.Is("within")) reference = c.Quantity("reference stroke rate", 1, 1000, "strokes/s", "Hz");
                c.Expect("within", "(rate [<strokes/s>] within <percent> %)");
                double pct = c.Quantity("rate tolerance", 0, 100, "%");
                check = new ScenarioCheck { Kind = ScenarioCheckKind.RateWithin, Limit = pct, Reference = reference, Text = "" };
                break;
            }
            case "depth":
            {
                double reference = double.NaN;
                if (!c.Is("within")) reference = c.Quantity("reference depth", 0, 3.0, "mm");
                c.Expect("within", "(depth [<mm>] within <mm> mm)");
                double tol = c.Quantity("depth tolerance", 0, 3.0, "mm");
                check = new ScenarioCheck { Kind = ScenarioCheckKind.DepthWithin, Limit = tol, Reference = reference, Text = "" };
                break;
            }
            case "current":
                c.Expect("below", "(current below <amps> A)");
                check = new ScenarioCheck { Kind = ScenarioCheckKind.CurrentBelow, Limit = c.Quantity("current limit", 0, 100, "A"), Text = "" };
                break;
            case "temperature":
                c.Expect("below", "(temperature below <celsius> C)");
                check = new ScenarioCheck { Kind = ScenarioCheckKind.TemperatureBelow, Limit = c.Quantity("temperature limit", -40, 200, "C"), Text = "" };
                break;
            case "battery":
            {
                // The pack's terminal voltage under the present load (ground truth), e.g. "battery below 6.0 V".
                var kind = c.Choice("battery condition (battery above|below <volts> V)", new[] { "above", "below" }) == "above"
                    ? ScenarioCheckKind.BatteryAbove : ScenarioCheckKind.BatteryBelow;
                check = new ScenarioCheck { Kind = kind, Limit = c.Quantity("battery voltage", 0, 10, "V"), Text = "" };
                break;
            }
            case "strokes":
            {
                c.Expect("at", "(strokes at least <count>)");
                c.Expect("least", "(strokes at least <count>)");
                double n = c.Quantity("stroke count", 0, 1e12);
                check = new ScenarioCheck { Kind = ScenarioCheckKind.StrokesAtLeast, Limit = Math.Floor(n), Text = "" };
                break;
            }
            default:
                throw c.Error("unknown check '" + what + "'");
        }
        int end = c.Index;
        return check with { Text = c.RestRange(from, end) };
    }
}
