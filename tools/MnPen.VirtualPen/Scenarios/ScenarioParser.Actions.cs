using System.Globalization;

namespace MnPen.VirtualPen.Scenarios;

// Timeline actions: "press start", "fault cartridge-jam torque=0.05", ...
public static partial class ScenarioParser
{
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
                int col = c.Column;
                double mm = c.Quantity("needle depth", 0, 3.0, "mm");
                if (DepthGrid.Problem(mm) is { } offGrid) throw new ScenarioLineException(col, "needle depth " + offGrid);
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
}
