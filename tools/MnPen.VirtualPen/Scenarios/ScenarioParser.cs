using System.Globalization;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// Reads the line-based scenario format (docs/scenarios.md). Written by hand because the format is ours; every
/// problem is reported with line, column and what to write instead, and all problems in a file are reported at once.
/// </summary>
public static partial class ScenarioParser
{
    private static readonly string[] LineStarts = { "at", "when", "expect", "name", "seed", "skin", "battery", "duration", "cartridge", "calibration", "pen" };

    private static readonly string[] ActionWords =
        { "press", "hold", "release", "start", "stop", "acknowledge", "level", "depth", "insert", "remove", "skin", "fault", "clear", "note" };

    private static readonly string[] CheckWords =
        { "state", "fault", "motor", "needle", "rate", "depth", "current", "temperature", "strokes", "battery" };

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
                    case "pen":
                        // One parameter per line, as many lines as needed: "pen motor.resistance=+10%".
                        result = result with { PenParameters = result.PenParameters.Append(PenParameterSetting.Parse(c)).ToArray() };
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
