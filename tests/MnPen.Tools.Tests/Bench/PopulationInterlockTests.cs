using MnPen.Bench.Runner;
using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.Safety;

namespace MnPen.Tools.Tests.Bench;

/// <summary>Interlock cases of the population that once tripped falsely or reacted late, replayed one by one.</summary>
public sealed class PopulationInterlockTests
{
    // The matrix's own case list (seed 1, 10,000 injections), so a case here is the very run the bench makes.
    private static InterlocksCase MatrixCase(ulong caseSeed, int pens)
    {
        var o = new InterlocksMatrixOptions { Seed = 1, Population = pens > 1 ? new PenPopulation(1, pens) : null };
        return InterlocksMatrix.Cases(o).Single(c => c.Seed == caseSeed);
    }

    [Theory]
    [InlineData(1001749UL, 1)]   // pot-offset in Idle, reference pen: CurrentSensorImplausible at the start
    [InlineData(1008867UL, 50)]  // hall-dead in Stopping, pen 14: tripped before the injection
    [InlineData(1000605UL, 50)]  // ambient-overtemp in Idle, pen 2: CurrentSensorImplausible instead of OverTemperature
    public void A_rotor_outrunning_its_drive_after_the_start_push_is_no_current_sense_fault(ulong caseSeed, int pens)
    {
        var c = MatrixCase(caseSeed, pens);
        var r = InterlocksMatrix.RunOne(c);
        Assert.True(!r.Failed, c + ": " + r.Failure);
        Assert.NotEqual(FaultCode.CurrentSensorImplausible, r.Code);
    }

    [Fact]
    public void A_drawn_pen_runs_its_depth_changes_in_soft_skin_without_a_current_sense_trip()
    {
        // Pen 13 of seed 1 locked out with CurrentSensorImplausible 60 ms into every run: the stall push at the start spun
        // the rotor to 60 /s against a soft-start target of 18 /s, and coasting back it drew no current.
        var pen = BenchPen.Ready(1, SkinProfile.Soft, BenchBattery.Full, 0.25, pen: new PenPopulation(1, 50).Pen(13));
        pen.Firmware.SetRateLevel(3);
        Assert.Equal(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.True(pen.RunUntil(() => pen.Firmware.State == PenState.Running, 1.0));
        pen.RunFor(1.0);
        Assert.True(pen.Firmware.State == PenState.Running, pen.Firmware.State + " " + pen.Firmware.ActiveFault);
    }

    [Fact]
    public void An_open_current_sense_still_trips_within_its_deadline_on_drawn_pens()
    {
        // The check's allowance for a coasting rotor must not hide a dead sense: every injection over 50 pens reacts in time.
        var report = InterlocksMatrix.Run(new InterlocksMatrixOptions
        {
            Seed = 1, Injections = 150, Population = new PenPopulation(1, 50), Faults = new[] { "current-sensor-open" },
        });
        var failed = report.Outcomes.Where(o => o.Failed).Select(o => o.Case + ": " + o.Failure).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        var reactions = report.Outcomes.Where(o => o.ReactionRequired).ToList();
        Assert.True(reactions.Count >= 100);
        Assert.All(reactions, o => Assert.True(o.ReactionMs <= o.DeadlineMs + InterlocksMatrix.ToleranceMs, o.Case + ": " + o.ReactionMs + " ms"));
    }

    [Theory]
    [InlineData(1000174UL)]  // pen 21, +94 %
    [InlineData(1001939UL)]  // pen 36, +69 %
    [InlineData(1003799UL)]  // pen 46, +79 %
    public void A_fast_processor_clock_is_cut_by_the_window_watchdog_in_time_on_drawn_pens(ulong caseSeed)
    {
        // The loop wakes on RTOS ticks of the processor's own clock: with that clock 69-94 % fast the kicks come every
        // 15-18 ms, under any TPS3430's tWDL (19.1 ms min). Before the tick grid followed the clock, the kicks fell on a
        // true 10 ms grid (20 ms apart: inside a slow part's window) and the motor ran on for 1.3 s.
        var c = MatrixCase(caseSeed, 50);
        var r = InterlocksMatrix.RunOne(c);
        Assert.True(!r.Failed, c + ": " + r.Failure);
        Assert.True(r.ReactionMs <= r.DeadlineMs + InterlocksMatrix.ToleranceMs, c + ": reaction " + r.ReactionMs + " ms");
    }
}
