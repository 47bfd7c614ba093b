using System.Globalization;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// Reads the line-based scenario format (docs/scenarios.md). Written by hand because the format is ours; every
/// problem is reported with line, column and what to write instead, and all problems in a file are reported at once.
/// </summary>
public static class ScenarioParser
{
    private static readonly string[] LineStarts = { "at", "when", "expect", "name", "seed", "skin", "battery", "duration", "cartridge", "calibration" };

    private static readonly string[] ActionWords =
        { "press", "hold", "release", "start", "stop", "acknowledge", "level", "depth", "insert", "remove", "skin", "fault", "clear", "note" };

    private static readonly string[] CheckWords =
        { "state", "fault", "motor", "needle", "rate", "depth", "current", "temperature", "strokes" };

    /// <summary>Longest accepted run: one simulated day.</summary>
    public const double MaxDurationSeconds = 86_400;

    /// <summary>Reads a scenario file; throws ScenarioFormatException listing every problem (also when the file cannot be read).</summary>
    public static Scenario ParseFile(string path, ScenarioVocabulary? vocabulary = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioFormatException(path, new[] { new ScenarioError(0, 0, "cannot read the file: " + e.Message) });
        }
        var scenario = Parse(text, path, vocabulary);
        return scenario.Name == "scenario" ? scenario with { Name = Path.GetFileNameWithoutExtension(path) } : scenario;
    }

    /// <summary>Reads scenario text; throws ScenarioFormatException listing every problem.</summary>
    public static Scenario Parse(string text, string? file = null, ScenarioVocabulary? vocabulary = null)
    {
        if (TryParse(text, vocabulary, out var scenario, out var errors)) return scenario!;
        throw new ScenarioFormatException(file, errors);
    }

    /// <summary>Reads scenario text; false with every problem found when it is not a valid scenario.</summary>
    public static bool TryParse(string text, ScenarioVocabulary? vocabulary, out Scenario? scenario, out IReadOnlyList<ScenarioError> errors)
    {
        var vocab = vocabulary ?? ScenarioVocabulary.Any;
        var errs = new List<ScenarioError>();
        var steps = new List<ScenarioStep>();
        var expectations = new List<ScenarioExpectation>();
        var seen = new Dictionary<string, int>();
        var result = new Scenario();
        int durationLine = 0;

        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            int lineNo = n + 1;
            var tokens = ScenarioToken.Split(lines[n], out string? splitError, out int splitColumn);
            if (splitError != null)
            {
                errs.Add(new ScenarioError(lineNo, splitColumn, splitError));
                continue;
            }
            if (tokens.Count == 0) continue;
            var c = new ScenarioLineCursor(tokens, lines[n].TrimEnd().Length + 1);
            try
            {
                string first = c.Peek!.Value.Text.ToLowerInvariant();
                if (Array.IndexOf(LineStarts, first) < 0 || c.Peek!.Value.Quoted)
                    throw c.Error("unknown line '" + c.Peek!.Value.Text + "'" + ScenarioLineCursor.Suggest(first, LineStarts) +
                                  "; a line starts with one of: " + string.Join(", ", LineStarts) + " (or # for a comment)");
                c.Next("line");
                switch (first)
                {
                    case "at":
                    {
                        long at = c.Time("time of the action");
                        c.Accept(":");
                        steps.Add(new ScenarioStep { Line = lineNo, AtMicros = at, Action = ParseAction(c, vocab) });
                        break;
                    }
                    case "when":
                    {
                        var check = ParseCheck(c, vocab);
                        long delay = 0;
                        if (c.Peek is { } p && p.Text.StartsWith('+'))
                        {
                            if (p.Text == "+") c.Next("+");
                            else c.StripLeadingPlus();
                            delay = c.Time("delay after the condition");
                        }
                        c.Expect(":", "between the condition and the action (when <condition> [+delay]: <action>)");
                        steps.Add(new ScenarioStep { Line = lineNo, When = check, DelayMicros = delay, Action = ParseAction(c, vocab) });
                        break;
                    }
                    case "expect":
                        expectations.Add(ParseExpectation(c, vocab, lineNo));
                        break;
                    default:
                        if (seen.TryGetValue(first, out int earlier))
                            throw new ScenarioLineException(1, "'" + first + "' is already set on line " + earlier + "; set it once");
                        seen[first] = lineNo;
                        result = ParseOption(first, c, vocab, result);
                        if (first == "duration") durationLine = lineNo;
                        break;
                }
            }
            catch (ScenarioLineException e)
            {
                errs.Add(new ScenarioError(lineNo, e.Column, e.Message));
            }
        }

        CheckTimes(result, steps, expectations, durationLine, errs);
        errors = errs;
        scenario = errs.Count == 0 ? result with { Steps = steps, Expectations = expectations } : null;
        return scenario != null;
    }

    private static Scenario ParseOption(string key, ScenarioLineCursor c, ScenarioVocabulary vocab, Scenario s)
    {
        switch (key)
        {
            case "name":
            {
                int from = c.Index;
                c.Next("a name");
                while (!c.AtEnd) c.Next("name");
                return s with { Name = c.Rest(from).Trim('"') };
            }
            case "seed":
            {
                ulong seed = c.Whole("seed");
                c.ExpectEnd("the seed");
                return s with { Seed = seed };
            }
            case "skin":
            {
                string skin = c.Name("skin profile", vocab.Skins);
                c.ExpectEnd("the skin profile");
                return s with { Skin = skin };
            }
            case "battery":
            {
                int col = c.Column;
                double v = c.Quantity("battery charge", 0, 100, out string? unit, "V", "%");
                if (unit == null)
                    throw new ScenarioLineException(col, "give the battery as a pack voltage (7.6 V) or a state of charge (80 %)");
                if (unit == "V" && (v < 6.0 || v > 8.4))
                    throw new ScenarioLineException(col, "battery voltage " + v + " V is outside the 2S pack's 6.0 to 8.4 V");
                c.ExpectEnd("the battery charge");
                return unit == "V" ? s with { BatteryVolts = v, BatteryPercent = null } : s with { BatteryPercent = v, BatteryVolts = null };
            }
            case "duration":
            {
                long d = c.Time("run duration");
                if (d <= 0) throw c.Error("duration must be longer than zero");
                if (d > MaxDurationSeconds * 1e6) throw c.Error("duration is limited to " + MaxDurationSeconds + " s of simulated time");
                c.ExpectEnd("the duration");
                return s with { DurationMicros = d };
            }
            case "cartridge":
            {
                string kind = c.Is("none") ? c.Next("none").Text.ToLowerInvariant() : c.Name("cartridge kind (or none)", vocab.CartridgeKinds);
                c.ExpectEnd("the cartridge kind");
                return s with { Cartridge = kind == "none" ? null : kind };
            }
            case "calibration":
            {
                string v = c.Choice("calibration", new[] { "factory", "none" });
                c.ExpectEnd("the calibration");
                return s with { FactoryCalibration = v == "factory" };
            }
        }
        throw c.Error("unknown option");
    }

    private static ScenarioAction ParseAction(ScenarioLineCursor c, ScenarioVocabulary vocab)
    {
        int from = c.Index;
        string verb = c.Choice("action", ActionWords);
        ScenarioAction a;
        switch (verb)
        {
            case "press":
            {
                string button = c.Choice("button", ScenarioVocabulary.ButtonNames);
                long hold = 100_000;
                if (c.Accept("for")) hold = c.Time("how long the button is held");
                if (hold < 1000) throw c.Error("hold the button at least 1 ms");
                a = new ScenarioAction { Kind = ScenarioActionKind.Press, Name = button, HoldMicros = hold, Text = "" };
                break;
            }
            case "hold":
            case "release":
                a = new ScenarioAction
                {
                    Kind = verb == "hold" ? ScenarioActionKind.Hold : ScenarioActionKind.Release,
                    Name = c.Choice("button", ScenarioVocabulary.ButtonNames), Text = "",
                };
                break;
            case "start": a = new ScenarioAction { Kind = ScenarioActionKind.Start, Text = "" }; break;
            case "stop": a = new ScenarioAction { Kind = ScenarioActionKind.Stop, Text = "" }; break;
            case "acknowledge": a = new ScenarioAction { Kind = ScenarioActionKind.Acknowledge, Text = "" }; break;
            case "level":
            {
                double level = c.Quantity("rate level (a whole number)", 0, 99);
                if (level != Math.Floor(level)) throw c.Error("rate level must be a whole number");
                a = new ScenarioAction { Kind = ScenarioActionKind.Level, Value = level, ViaButtons = ViaButtons(c), Text = "" };
                break;
            }
            case "depth":
            {
                double mm = c.Quantity("needle depth", 0, 3.0, "mm");
                a = new ScenarioAction { Kind = ScenarioActionKind.Depth, Value = mm, ViaButtons = ViaButtons(c), Text = "" };
                break;
            }
            case "insert":
            {
                c.Expect("cartridge", "after 'insert' (insert cartridge [kind])");
                string kind = c.AtEnd ? "new" : c.Name("cartridge kind", vocab.CartridgeKinds);
                a = new ScenarioAction { Kind = ScenarioActionKind.InsertCartridge, Name = kind, Text = "" };
                break;
            }
            case "remove":
                c.Expect("cartridge", "after 'remove' (remove cartridge)");
                a = new ScenarioAction { Kind = ScenarioActionKind.RemoveCartridge, Text = "" };
                break;
            case "skin":
                a = new ScenarioAction { Kind = ScenarioActionKind.Skin, Name = c.Name("skin profile", vocab.Skins), Text = "" };
                break;
            case "fault":
            {
                string name = c.Name("simulator fault", vocab.SimFaults);
                a = new ScenarioAction { Kind = ScenarioActionKind.Fault, Name = name, Parameters = ParseParameters(c, name, vocab), Text = "" };
                break;
            }
            case "clear":
            {
                if (c.Accept("faults"))
                {
                    a = new ScenarioAction { Kind = ScenarioActionKind.ClearFault, Text = "" };
                    break;
                }
                c.Expect("fault", "after 'clear' (clear fault <name>, or clear faults)");
                a = new ScenarioAction { Kind = ScenarioActionKind.ClearFault, Name = c.Name("simulator fault", vocab.SimFaults), Text = "" };
                break;
            }
            case "note":
            {
                int noteFrom = c.Index;
                c.Next("note text");
                while (!c.AtEnd) c.Next("note text");
                a = new ScenarioAction { Kind = ScenarioActionKind.Note, Name = c.Rest(noteFrom), Text = "" };
                break;
            }
            default:
                throw c.Error("unknown action '" + verb + "'");
        }
        c.ExpectEnd("the action");
        return a with { Text = c.Rest(from) };
    }

    private static bool ViaButtons(ScenarioLineCursor c)
    {
        if (!c.Accept("via")) return false;
        c.Expect("buttons", "after 'via' (via buttons)");
        return true;
    }

    private static IReadOnlyList<KeyValuePair<string, double>> ParseParameters(ScenarioLineCursor c, string fault, ScenarioVocabulary vocab)
    {
        var list = new List<KeyValuePair<string, double>>();
        IReadOnlyList<string>? allowed = null;
        vocab.SimFaultParameters?.TryGetValue(fault, out allowed);
        while (!c.AtEnd)
        {
            int col = c.Column;
            var t = c.Next("parameter name=value");
            int eq = t.Text.IndexOf('=');
            if (eq <= 0 || eq == t.Text.Length - 1)
                throw new ScenarioLineException(col, "expected a fault parameter as name=value (no spaces), found '" + t.Text + "'");
            string key = t.Text.Substring(0, eq);
            string valueText = t.Text.Substring(eq + 1);
            if (allowed != null)
            {
                string? canonical = allowed.FirstOrDefault(x => string.Equals(x, key, StringComparison.OrdinalIgnoreCase));
                if (canonical == null)
                    throw new ScenarioLineException(col, "fault '" + fault + "' has no parameter '" + key + "'" +
                                                         ScenarioLineCursor.Suggest(key, allowed) + "; it takes: " +
                                                         (allowed.Count == 0 ? "no parameters" : string.Join(", ", allowed)));
                key = canonical;
            }
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v) || double.IsInfinity(v))
                throw new ScenarioLineException(col + eq + 1, "parameter '" + key + "' needs a number, found '" + valueText + "'");
            string? rangeError = vocab.CheckFaultParameter?.Invoke(fault, key, v);
            if (rangeError != null)
                throw new ScenarioLineException(col + eq + 1, rangeError);
            if (list.Any(p => p.Key == key))
                throw new ScenarioLineException(col, "parameter '" + key + "' is given twice");
            list.Add(new KeyValuePair<string, double>(key, v));
        }
        return list;
    }

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

    private static void CheckTimes(Scenario s, List<ScenarioStep> steps, List<ScenarioExpectation> expectations, int durationLine, List<ScenarioError> errs)
    {
        string end = " the end of the run (duration " + Seconds(s.DurationMicros) + (durationLine > 0 ? ", line " + durationLine : ", the default") +
                     "); move it earlier or make the duration longer";
        foreach (var st in steps)
            if (st.When == null && st.AtMicros > s.DurationMicros)
                errs.Add(new ScenarioError(st.Line, 1, "action at " + Seconds(st.AtMicros) + " is after" + end));
        foreach (var e in expectations)
            if ((e.Window is ScenarioWindowKind.At or ScenarioWindowKind.During or ScenarioWindowKind.Within) && e.ToMicros > s.DurationMicros)
                errs.Add(new ScenarioError(e.Line, 1, "check at " + Seconds(e.ToMicros) + " is after" + end));
        errs.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
    }

    internal static string Seconds(long micros) => (micros / 1e6).ToString("0.######", CultureInfo.InvariantCulture) + " s";
}
