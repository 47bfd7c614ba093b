using System.Text.Json;
using MnPen.Firmware;
using MnPen.Hal.Simulator.Platform;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Reporting;
using MnPen.VirtualPen.Scenarios;
using Pen = MnPen.VirtualPen.VirtualPen;

namespace MnPen.Simulator.Tests.Platform;

/// <summary>
/// What `mnpen sim --json` reports about the loop: period, worst wake-up jitter, GC pauses and loop faults, from the
/// platform model, over a session longer than one run and the firmware's inactivity stop.
/// </summary>
public class LoopReportTests
{
    // 700 s of treatment: longer than the 120 s inactivity stop and the 600 s continuous-run limit, so the session
    // needs the user's touches and a restart (the done-when figure is a 20-minute session: mnpen sim --duration 1200).
    private const double LongTreatmentSeconds = 700;

    private static JsonElement LoopJson(RunSummary s) =>
        JsonDocument.Parse(SummaryJson.Serialize(s with { WallSeconds = null })).RootElement.GetProperty("loop");

    [Fact]
    public void A_long_default_session_on_esp32_nf_reports_the_loop_figures_and_no_loop_fault()
    {
        var s = ScenarioRunner.Run(DefaultSession.Build(durationSeconds: LongTreatmentSeconds), PlatformKind.Esp32Nf);

        Assert.True(s.Expectations.All(e => e.Passed), string.Join("; ", s.Expectations.Where(e => !e.Passed).Select(e => e.Text + ": " + e.Measured)));
        Assert.True(s.RunningSeconds > LongTreatmentSeconds - 10, $"running {s.RunningSeconds:0.#} s");
        var loop = LoopJson(s);
        Assert.Equal("esp32-nf", loop.GetProperty("platform").GetString());
        Assert.Equal(10, loop.GetProperty("control_period_ms").GetDouble());
        Assert.InRange(loop.GetProperty("loop_period_ms").GetDouble(), 9.5, 10.5);
        double jitter = loop.GetProperty("worst_wake_jitter_ms").GetDouble();
        Assert.True(jitter > 0.5 && jitter < 10, $"worst wake-up jitter {jitter} ms");
        Assert.True(loop.GetProperty("gc_pauses").GetInt64() > 100, "GC pauses over the session");
        Assert.InRange(loop.GetProperty("max_gc_pause_ms").GetDouble(), 1.0, 8.0);
        Assert.Equal(0, loop.GetProperty("loop_faults").GetInt32());
    }

    [Fact]
    public void The_ideal_platform_reports_exact_wake_ups_and_no_garbage_collection()
    {
        var s = ScenarioRunner.Run(DefaultSession.Build(durationSeconds: 5), PlatformKind.Ideal);
        var loop = LoopJson(s);
        Assert.Equal("ideal", loop.GetProperty("platform").GetString());
        Assert.Equal(0, loop.GetProperty("worst_wake_jitter_ms").GetDouble());
        Assert.Equal(0, loop.GetProperty("gc_pauses").GetInt64());
    }

    [Fact]
    public void Loop_faults_count_what_the_known_bad_one_kilohertz_loop_raises_on_esp32_nf()
    {
        var limits = KnownBadLoopTests.OneKilohertzLimits();
        var pen = Pen.Create(new VirtualPenOptions { Seed = 1, Platform = PlatformKind.Esp32Nf, FirmwareFactory = b => new PenFirmware(b, limits, 1000) });
        pen.Boot();
        var s = ScenarioRunner.Run(DefaultSession.Build(durationSeconds: 5), pen);
        var loop = LoopSummary.From(pen, s.Faults);
        Assert.True(loop.LoopFaults > 0, "the 1 kHz loop's ClockMismatch is a loop fault");
        Assert.Equal(1, loop.ControlPeriodMs);
    }

    [Fact]
    public void A_session_longer_than_one_run_is_several_runs_with_touches_in_between()
    {
        string text = DefaultSession.Text(durationSeconds: 1200);
        int runs = text.Split('\n').Count(l => l.Contains("press start") && !l.Contains("# stop"));
        int touches = text.Split('\n').Count(l => l.Contains("keeps the run going"));
        Assert.Equal(3, runs);                 // 590 + 590 + 20 s
        Assert.True(touches >= 17, $"{touches} touches");
    }
}
