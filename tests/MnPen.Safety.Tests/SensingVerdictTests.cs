using MnPen.Bench.Runner;
using MnPen.Bench.Suites;

namespace MnPen.Safety.Tests;

/// <summary>
/// The interlocks' two sensing verdicts come from the physics (docs/safety/sensing-budget.md): the needle guide never
/// passes 41 °C while the needle runs, and no under-voltage trip answers a supply already below the stated 6.0 V. A
/// firmware whose thresholds leave no room for the sensing error fails them on drawn pens; the released one passes.
/// </summary>
public class SensingVerdictTests
{
    private static readonly PenPopulation Pens = new(1, 7);

    private static InterlocksOutcome[] Run(string fault, double[] parameters, SafetyChannel channel, Action<MnPen.Firmware.PenFirmware>? configure)
    {
        var plan = InterlocksFaultPlan.All.Single(p => p.Fault == fault);
        var cases = Enumerable.Range(1, 6).Select(i => new InterlocksCase
        {
            Plan = plan,
            State = OperatingState.RunningHighest,
            Channel = channel,
            Seed = 900UL + (ulong)i,
            Pen = Pens.At(i),
            OnsetOffsetSeconds = 0.011 + 0.013 * i,
            Parameters = parameters,
            Configure = configure,
        }).ToArray();
        return cases.AsParallel().Select(InterlocksMatrix.RunOne).ToArray();
    }

    [Fact]
    public void A_temperature_trip_without_room_for_the_sensing_error_lets_the_needle_guide_pass_41_C_while_running()
    {
        // The firmware alone (the hardware comparator would cover for it), in an oven that heats the grip steadily.
        var released = Run("ambient-overtemp", new[] { 125.0 }, SafetyChannel.Firmware, null);
        var late = Run("ambient-overtemp", new[] { 125.0 }, SafetyChannel.Firmware, fw => fw.Safety.Limits.OverTemperatureCelsius = 41.0f);
        Assert.All(released, o => Assert.True(o.Failure == null && o.PeakRunningCelsius <= InterlocksMatrix.SkinLimitCelsius, o.Case + $": {o.Failure}, peak {o.PeakRunningCelsius:0.00} °C"));
        Assert.Contains(late, o => o.Unsafe && o.PeakRunningCelsius > InterlocksMatrix.SkinLimitCelsius);
    }

    [Fact]
    public void An_under_voltage_threshold_below_the_stated_voltage_fails_the_ground_truth_verdict()
    {
        // An aged pack that sags under load: a 5.5 V threshold (what an uncalibrated high-reading conversion amounts to)
        // trips only after the true supply has been below 6.0 V for longer than the detection deadline, or not at all
        // while the sag stays between 5.5 and 6.0 V: the verdict, judged on the true supply, fails it either way.
        var parameters = new[] { 0.02, 4.0 };
        var released = Run("battery-aged", parameters, SafetyChannel.Both, null);
        var low = Run("battery-aged", parameters, SafetyChannel.Both, fw => fw.Safety.Limits.UnderVoltageVolts = 5.5f);
        Assert.All(released, o => Assert.True(o.Failure == null && !(o.UnderVoltageTripVolts < SafetyLimits.UnderVoltageStatedVolts), o.Case + $": {o.Failure}, trip at {o.UnderVoltageTripVolts:0.000} V"));
        Assert.Contains(released, o => !double.IsNaN(o.UnderVoltageTripVolts));
        Assert.True(low.Any(o => o.Failed && (o.UnderVoltageTripVolts < SafetyLimits.UnderVoltageStatedVolts || double.IsNaN(o.ReactionMs))), string.Join("\n", low.Select(o => $"{o.Case} failed={o.Failed} code={o.Code} react={o.ReactionMs:0.0} uv={o.UnderVoltageTripVolts:0.000} {o.Failure}")));
    }
}
