using System.Globalization;
using MnPen.Firmware;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// The treatment session `mnpen sim` runs when no scenario file is given, written as a scenario so it reads like one
/// (`mnpen sim --print-scenario` shows it): new cartridge, depth and rate set, start, run, stop.
/// </summary>
public static class DefaultSession
{
    /// <summary>Default stroke rate, strokes/s (a default level).</summary>
    public const double Rate = 110;

    /// <summary>Default needle depth, mm.</summary>
    public const double DepthMm = 1.0;

    /// <summary>Default treatment time between start and stop, seconds.</summary>
    public const double DurationSeconds = 20;

    /// <summary>When the start button is pressed, seconds after power-on (the pen has finished its self-test).</summary>
    public const double StartAt = 0.5;

    /// <summary>Time after start before regulation is judged (depth verified, soft start done), seconds.</summary>
    public const double SettleSeconds = 1.5;

    /// <summary>Time after stop to let the cam come to rest, seconds.</summary>
    public const double StopSeconds = 1.0;

    /// <summary>Stroke rates of the default levels, strokes/s (the pen's factory settings).</summary>
    public static IReadOnlyList<float> Levels => new PenConfig().RateLevels;

    /// <summary>The level (0-based) of a default stroke rate, or -1 if no level has that rate.</summary>
    public static int LevelFor(double rate)
    {
        var levels = Levels;
        for (int i = 0; i < levels.Count; i++)
            if (Math.Abs(levels[i] - rate) < 0.01) return i;
        return -1;
    }

    /// <summary>Scenario text of the default session; throws ArgumentException when rate, depth or duration is not usable.</summary>
    public static string Text(double rate = Rate, double depthMm = DepthMm, double durationSeconds = DurationSeconds, ulong seed = 1)
    {
        int level = LevelFor(rate);
        if (level < 0)
            throw new ArgumentException("--rate " + F(rate) + " strokes/s is not a level of the pen; use one of: " + string.Join(", ", Levels.Select(l => F(l))));
        if (!(depthMm >= 0 && depthMm <= 2.5))
            throw new ArgumentException("--depth " + F(depthMm) + " mm is outside 0..2.5 mm (the new cartridge's limit)");
        if (DepthGrid.Problem(depthMm) is { } offGrid)
            throw new ArgumentException("--depth " + offGrid);
        if (!(durationSeconds >= SettleSeconds + 0.5 && durationSeconds <= 86_000))
            throw new ArgumentException("--duration " + F(durationSeconds) + " s must be " + F(SettleSeconds + 0.5) + " to 86000 s of treatment");
        // A user keeps working: a touch on the level key (the same level) every TouchEverySeconds keeps the firmware's
        // inactivity stop (SessionRules.InactivityStopSeconds) from ending the run, and a treatment longer than one run
        // (PenConfig.MaxContinuousRunSeconds) is several runs, each restarted by the button a moment after the last.
        double runLimit = new PenConfig().MaxContinuousRunSeconds;
        double runSeconds = runLimit > 0 ? runLimit - RunMarginSeconds : durationSeconds;
        var timeline = new List<string>
        {
            "at 0 s: depth " + F(depthMm) + " mm",
            "at 0 s: level " + level + "   # " + F(rate) + " strokes/s",
        };
        var expectations = new List<string>();
        double start = StartAt, left = durationSeconds, stop = start;
        while (left > 1e-9)
        {
            double run = Math.Min(left, runSeconds);
            stop = start + run;
            timeline.Add("at " + F(start) + " s: press start" + (start > StartAt ? "   # start the next run" : ""));
            for (double t = start + TouchEverySeconds; t < stop - 1e-9; t += TouchEverySeconds)
                timeline.Add("at " + F(t) + " s: level " + level + "   # a touch on the level key keeps the run going");
            timeline.Add("at " + F(stop) + " s: press start   # stop");
            double judgeFrom = start + SettleSeconds;
            if (judgeFrom < stop)
            {
                expectations.Add("expect from " + F(judgeFrom) + " s to " + F(stop) + " s: state Running");
                expectations.Add("expect from " + F(judgeFrom) + " s to " + F(stop) + " s: rate " + F(rate) + " within 3 %");
                expectations.Add("expect from " + F(judgeFrom) + " s to " + F(stop) + " s: depth " + F(depthMm) + " mm within 0.05 mm");
            }
            left -= run;
            start = stop + RestartSeconds;
        }
        double end = stop + StopSeconds;
        var lines = new List<string>
        {
            "# mnpen sim default session: new cartridge, depth and rate set by command, start and stop by the button",
            "name default session",
            "seed " + seed,
            "skin nominal",
            "cartridge new",
            "duration " + F(end) + " s",
            "",
        };
        lines.AddRange(timeline);
        lines.Add("");
        lines.AddRange(expectations);
        lines.AddRange(new[]
        {
            "expect always: current below 2.5 A",
            "expect always: temperature below 41 C",
            "expect at end: needle still",
            "expect at end: fault none",
            "",
        });
        return string.Join("\n", lines);
    }

    /// <summary>User activity while running, seconds apart: well inside the firmware's 120 s inactivity stop.</summary>
    public const double TouchEverySeconds = 60;

    /// <summary>A run ends this long before the firmware's continuous-run limit, seconds (the user stops, then restarts).</summary>
    public const double RunMarginSeconds = 10;

    /// <summary>Time from a stop to the next run's start press, seconds (the pen is Ready again within about 0.2 s).</summary>
    public const double RestartSeconds = 2;

    /// <summary>The default session, parsed.</summary>
    public static Scenario Build(double rate = Rate, double depthMm = DepthMm, double durationSeconds = DurationSeconds, ulong seed = 1) =>
        ScenarioParser.Parse(Text(rate, depthMm, durationSeconds, seed), "default session", VirtualPen.Vocabulary);

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
