using MnPen.VirtualPen.Reporting;

namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// Plays a scenario on a pen: applies timed and triggered actions, steps the pen tick by tick in simulated time,
/// evaluates every expectation and returns the run summary (expectations included).
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Time between button presses when a level or depth is set "via buttons", microseconds.</summary>
    public const long ButtonRepeatMicros = 200_000;

    /// <summary>How long each of those presses is held, microseconds.</summary>
    public const long ButtonPressMicros = 100_000;

    /// <summary>Depth change per depth-button press, mm (docs/hardware.md).</summary>
    public const double DepthStepMm = 0.05;

    /// <summary>Builds a virtual pen for the scenario (seed, skin, battery, cartridge, calibration) and runs it on the default platform.</summary>
    public static RunSummary Run(Scenario scenario, Action<double>? progress = null, CancellationToken cancel = default) =>
        Run(scenario, new VirtualPenOptions().Platform, progress, cancel);

    /// <summary>Builds a virtual pen for the scenario on the given platform and runs it; the summary carries the loop figures.</summary>
    public static RunSummary Run(Scenario scenario, MnPen.Hal.Simulator.Platform.PlatformKind platform, Action<double>? progress = null, CancellationToken cancel = default)
    {
        var options = VirtualPenOptions.ForScenario(scenario);
        options.Platform = platform;
        var pen = VirtualPen.Create(options);
        pen.Boot();
        var summary = Run(scenario, pen, progress, cancel);
        return summary with { Loop = LoopSummary.From(pen, summary.Faults) };
    }

    /// <summary>Runs the scenario on a pen that is already booted; progress gets 0..1 now and then.</summary>
    public static RunSummary Run(Scenario scenario, IScenarioPen pen, Action<double>? progress = null, CancellationToken cancel = default)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var recorder = new RunRecorder(pen.BatteryCapacityMilliampHours);
        var sample = new PenSample();
        pen.Read(ref sample);
        ulong startStrokes = sample.Strokes;
        ulong origin = pen.NowMicros;

        var evaluators = scenario.Expectations.Select(e => new ExpectationEvaluator(Shift(e, origin), startStrokes)).ToArray();
        var timed = scenario.Steps.Where(s => s.When == null).OrderBy(s => s.AtMicros).ToList();   // OrderBy is stable
        var triggers = scenario.Steps.Where(s => s.When != null).ToList();
        var fired = new bool[triggers.Count];
        var queue = new PriorityQueue<Action<ulong>, (ulong At, long Seq)>();
        long seq = 0;
        bool interrupted = false;
        void Schedule(ulong at, Action<ulong> what) => queue.Enqueue(what, (at, seq++));

        void Perform(ScenarioAction a, ulong now)
        {
            switch (a.Kind)
            {
                case ScenarioActionKind.Press:
                    pen.SetButton(a.Name!, true);
                    Schedule(now + (ulong)a.HoldMicros, _ => pen.SetButton(a.Name!, false));
                    recorder.Note(now, a.Text);
                    return;
                case ScenarioActionKind.Hold:
                    pen.SetButton(a.Name!, true);
                    recorder.Note(now, a.Text);
                    return;
                case ScenarioActionKind.Release:
                    pen.SetButton(a.Name!, false);
                    recorder.Note(now, a.Text);
                    return;
                case ScenarioActionKind.Level when a.ViaButtons:
                    Clicks(now, (int)a.Value - sample.RateLevel, "rate-up", "rate-down", a.Text);
                    return;
                case ScenarioActionKind.Depth when a.ViaButtons:
                    Clicks(now, (int)Math.Round((a.Value - sample.DepthTargetMm) / DepthStepMm), "depth-up", "depth-down", a.Text);
                    return;
                case ScenarioActionKind.Note:
                    recorder.Note(now, "note: " + a.Name);
                    return;
                default:
                    recorder.Note(now, a.Text + ": " + pen.Apply(a));
                    return;
            }
        }

        void Clicks(ulong now, int count, string up, string down, string text)
        {
            string button = count >= 0 ? up : down;
            int n = Math.Abs(count);
            recorder.Note(now, text + ": " + n + " x " + button);
            for (int i = 0; i < n; i++)
            {
                ulong at = now + (ulong)(i * ButtonRepeatMicros);
                Schedule(at, _ => pen.SetButton(button, true));
                Schedule(at + (ulong)ButtonPressMicros, _ => pen.SetButton(button, false));
            }
        }

        void Observe()
        {
            recorder.Observe(sample);
            foreach (var ev in evaluators) ev.Observe(sample);
        }

        Observe();
        ulong end = origin + (ulong)scenario.DurationMicros;
        int next = 0;
        ulong progressEvery = Math.Max(1UL, (ulong)scenario.DurationMicros / 100);
        ulong nextProgress = origin;
        while (pen.NowMicros < end)
        {
            ulong now = pen.NowMicros;
            for (int i = 0; i < triggers.Count; i++)
            {
                if (fired[i] || !ExpectationEvaluator.Holds(triggers[i].When!, startStrokes, sample, out _, out _)) continue;
                fired[i] = true;
                var step = triggers[i];
                recorder.Note(now, "condition met: " + step.When!.Text + (step.DelayMicros > 0 ? " (acting " + ScenarioParser.Seconds(step.DelayMicros) + " later)" : ""));
                Schedule(now + (ulong)step.DelayMicros, t => Perform(step.Action, t));
            }
            while (next < timed.Count && origin + (ulong)timed[next].AtMicros <= now)
                Perform(timed[next++].Action, now);
            while (queue.TryPeek(out var due, out var key) && key.At <= now)
            {
                queue.Dequeue();
                due(now);
            }

            pen.Step();
            pen.Read(ref sample);
            Observe();

            if (progress != null && pen.NowMicros >= nextProgress)
            {
                progress((pen.NowMicros - origin) / (double)scenario.DurationMicros);
                nextProgress += progressEvery;
            }
            // Interrupted: stop here and summarise what was simulated so far (the caller reports it as partial).
            if ((pen.NowMicros & 0xFFFF) < 1000 && cancel.IsCancellationRequested) { interrupted = true; break; }
        }
        if (!interrupted) progress?.Invoke(1.0);

        var results = evaluators.Select(e => e.Finish()).ToArray();
        var summary = recorder.Summarize(scenario.Name, scenario.Seed, results) with { WallSeconds = wall.Elapsed.TotalSeconds };
        return interrupted ? summary with { Result = "interrupted", Interrupted = true } : summary;
    }

    // Scenario times count from the start of the run; the pen's clock may already be past zero (booted earlier).
    private static ScenarioExpectation Shift(ScenarioExpectation e, ulong origin) =>
        origin == 0 ? e : e with { FromMicros = e.FromMicros + (long)origin, ToMicros = e.ToMicros + (long)origin };
}
