using MnPen.Bench;
using MnPen.Bench.Runner;
using MnPen.Bench.Suites;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Platform;
using MnPen.Storage;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Factory;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Bench;

/// <summary>Motor auto-tune: the station measures each pen's motor, and pens far from nominal run on their own constants.</summary>
public sealed class MotorAutoTuneTests
{
    private readonly ITestOutputHelper _out;

    public MotorAutoTuneTests(ITestOutputHelper output) => _out = output;

    // Pens drawn with the motor constant and resistance spread to ±30 % (the rest at production tolerances).
    private static PenDraw[] WideMotorDraws()
    {
        var t = PenTolerances.Production();
        t.MotorConstant = 0.30;
        t.MotorResistance = 0.30;
        return Enumerable.Range(1, 80).Select(i => PenDraw.Draw(1, i, t)).ToArray();
    }

    // The rate level a case ends at: "air/full/L4 up" is level 4.
    private static int Level(string caseName) => int.Parse(System.Text.RegularExpressions.Regex.Match(caseName, @"/L(\d) ").Groups[1].Value);

    private static double Deviation(PenDraw d, string name) => d.Deviations.First(x => x.Name == name).Value;

    private static IReadOnlyList<BenchCase> Rate(PopulationPen pen) =>
        new RateSuite().Run(new BenchContext { Seed = pen.NoiseSeed, Quick = true, Pen = pen });

    private string Figures(string label, IReadOnlyList<BenchCase> cases)
    {
        string s = label + ": " + string.Join("; ", cases.Where(c => !c.Passed).Select(c => c.Name + " " + c.Error + " " +
            string.Join(",", c.Measurements.Where(m => !m.Name.StartsWith("openLoop", StringComparison.Ordinal)).Select(m => m.Name + "=" + m.Value.ToString("0.###")))));
        _out.WriteLine(s);
        return s;
    }

    [Fact]
    public void The_station_measures_a_wide_motor_within_a_few_percent_of_its_parts()
    {
        var draw = WideMotorDraws().OrderBy(d => Deviation(d, "motor.constant")).First();
        var c = new PopulationPen(draw).Calibration!;
        Assert.True(c.MotorCalibrated);
        double ke = draw.AsCalibrated.Motor.BackEmfVoltSecondsPerRad, r = draw.AsCalibrated.Motor.ResistanceOhms;
        _out.WriteLine($"ke {ke:0.00000} measured {c.MotorBackEmfVoltSecondsPerRad:0.00000}; R {r:0.000} measured {c.MotorResistanceOhms:0.000}");
        Assert.InRange(c.MotorBackEmfVoltSecondsPerRad / ke, 0.95, 1.05);
        Assert.InRange(c.MotorResistanceOhms / r, 0.9, 1.1);
    }

    // The record keeps R at 25 °C (SafetyLimits.MotorPathOhmsAt scales it from there by the handpiece temperature). A
    // room 10 K warmer reads 3.9 % more through copper's tempco, which a station that stored V/I as measured kept. The
    // tolerance is the held pulse's V/I scatter and the thermistor's error at the room's temperature: ±0.3 %, which a
    // station measuring straight after its 0.8 A current-gain point missed (+0.5 %: the winding 1.3 K above the
    // handpiece whose thermistor refers it; MotorAutoTune.WindingRestSeconds).
    [Theory]
    [InlineData(35.0)]
    [InlineData(10.0)]
    public void The_station_stores_the_winding_resistance_at_25_degrees_whatever_the_room_it_measures_in(double roomCelsius)
    {
        var c = FactoryCalibrator.Measure(new VirtualPenOptions { Seed = 1, AmbientCelsius = roomCelsius });
        double r25 = SimParameters.Default().Motor.ResistanceOhms;
        _out.WriteLine($"room {roomCelsius} °C: R stored {c.MotorResistanceOhms:0.0000} ohm, simulator's R(25 °C) {r25:0.0000} ohm ({c.MotorResistanceOhms / r25 - 1:+0.00%;-0.00%})");
        Assert.InRange(c.MotorResistanceOhms / r25, 0.997, 1.003);
    }

    // Known-bad: the same pen and calibration with the motor left unmeasured (the reference motor's constants and gains).
    private static MnPen.Storage.Calibration Unmeasured(MnPen.Storage.Calibration c)
    {
        var n = new MnPen.Storage.Calibration
        {
            FeedForwardRates = c.FeedForwardRates, FeedForwardDuties = c.FeedForwardDuties, FeedForwardSupplyVolts = c.FeedForwardSupplyVolts,
            RateKp = c.RateKp, RateKi = c.RateKi, DepthMm = c.DepthMm, DepthDrive = c.DepthDrive, DepthFeedbackCounts = c.DepthFeedbackCounts,
            CurrentOffsetCounts = c.CurrentOffsetCounts, CurrentMilliampsPerCount = c.CurrentMilliampsPerCount,
            ThermistorRailCounts = c.ThermistorRailCounts, BatteryMillivoltsPerCount = c.BatteryMillivoltsPerCount, SensingCalibrated = true,
            SerialNumber = c.SerialNumber, CalibratedOnDay = c.CalibratedOnDay, NextDueDay = c.NextDueDay, TechnicianId = c.TechnicianId,
        };
        MotorDefaults.ApplyNominal(n);
        return n;
    }

    // The weakest and (of those that start: the strongest draw is refused DepthNotReached, a depth-trim limit) the
    // strongest motor of the wide draws.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pen_with_a_motor_30_percent_off_nominal_runs_every_rate_case_on_its_measured_motor_and_locks_out_on_the_nominal_one(bool strong)
    {
        var draws = WideMotorDraws().OrderBy(d => Deviation(d, "motor.constant")).ToArray();
        var draw = strong ? draws[^2] : draws[0];
        double k = Deviation(draw, "motor.constant");
        Assert.True(Math.Abs(k) > 0.25, $"the chosen pen's motor constant is only {k:P0} off nominal");
        var pen = new PopulationPen(draw);
        var tuned = Rate(pen);
        var bad = Rate(pen.WithCalibration(Unmeasured(pen.Calibration!)));

        string t = Figures($"motor constant {k:+0%;-0%} measured", tuned);
        string b = Figures($"motor constant {k:+0%;-0%} nominal", bad);
        // Judged from ground truth: every run reached its levels with no fault (the plausibility check compares the hall
        // count with the back-EMF of this pen's motor) ...
        Assert.True(tuned.All(x => x.Error == null), t);
        Assert.True(tuned.Count(x => x.Passed) > tuned.Count / 2, t);
        if (strong)
        {
            // A strong motor (kₑ +30 %) passes every case the reference pen passes: its larger back-EMF leaves it less
            // headroom at 150 strokes/s on the sagging pack (duty up to 0.99 on the widest draws, docs/control.md), and
            // it still reaches the top level there.
            var reference = Rate(new PopulationPen(PenDraw.Draw(1, 0))).Where(x => x.Passed).Select(x => x.Name).ToHashSet();
            Assert.True(tuned.Where(x => reference.Contains(x.Name)).All(x => x.Passed), t);
        }
        else
        {
            // A weak motor (kₑ −30 %) meets every target at 90 strokes/s and above in air, soft and nominal skin; what it
            // fails is the soft start and the low levels (the stall push's overshoot and the low-rate steady state, both
            // open in docs/control.md "Known limits") and tough skin.
            Assert.True(tuned.Where(x => Level(x.Name) >= 3 && !x.Name.StartsWith("tough/", StringComparison.Ordinal)).All(x => x.Passed), t);
        }
        // ... while on the reference motor's constants the same pen's true back-EMF reads as a rate 30 % off the count.
        Assert.True(bad.Count(x => x.Error != null && x.Error.Contains("StrokeSensorImplausible", StringComparison.Ordinal)) > bad.Count / 2, b);
    }

    // Pen 30 of seed 3's ±30 % draw (a weak motor, after the station's auto-tune), tough skin, full pack: the rate
    // sequence's last change, 70 → 50 strokes/s. With the observer's running filter straight after its brake hold the
    // cam held slow on the 70 /s load and the 5-stroke reading crossed the ±2 % band until 196 ms (138 ms now); the start
    // filter kept for 0.15 s after a down-step (RateController.DownStepLoadHoldSeconds) takes the new load in time.
    // Known-bad: the same pen without it.
    [Fact]
    public void A_weak_motors_step_down_to_50_strokes_per_second_in_tough_skin_settles_within_its_target()
    {
        var p = new PenPopulation(3, 50, null, 0.3).Pen(30);
        RateSegment LastDownStep(float hold) => RateSuite.RunSequence(p.NoiseSeed, SkinProfile.Tough, BenchBattery.Full, RateSuite.FullSequence, openLoop: false,
            configure: fw => fw.RateControl.DownStepLoadHoldSeconds = hold, platform: PlatformKind.Esp32Nf, populationPen: p)[^1];
        var built = LastDownStep(new MnPen.Firmware.RateController().DownStepLoadHoldSeconds);
        var without = LastDownStep(0f);
        _out.WriteLine($"seed 3 pen 30 (±30 % motors), tough, full pack, 70 → 50 /s: settled in {built.SettlingMs:0} ms ({without.SettlingMs:0} ms without the hold), steady-state error {built.SteadyStateErrorPct:0.00} %");
        Assert.True(built.SettlingMs <= RateSuite.MaxSettlingMs, $"settled in {built.SettlingMs:0} ms");
        Assert.True(built.SteadyStateErrorPct <= RateSuite.MaxSteadyStateErrorPct, $"steady-state error {built.SteadyStateErrorPct:0.00} %");
        Assert.False(without.SettlingMs <= RateSuite.MaxSettlingMs, $"without the hold it settled in {without.SettlingMs:0} ms");
    }
}
