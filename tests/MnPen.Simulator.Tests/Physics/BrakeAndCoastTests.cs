using MnPen.Hal.Simulator;
using Xunit.Abstractions;

namespace MnPen.Simulator.Tests.Physics;

/// <summary>
/// The DRV8876 in PH/EN mode: EN low with nSLEEP high brakes (both low sides short the winding, the back-EMF drives a
/// braking current), nSLEEP low coasts (Hi-Z). The ground-truth penetration counter sees every needle entry.
/// </summary>
public class BrakeAndCoastTests(ITestOutputHelper output)
{
    private static VirtualBoard AtTopRate()
    {
        var b = Bench.Board(SkinProfile.Nominal);
        b.InsertCartridge(Bench.Cartridge());
        Bench.SetDepth(b, 1.5);
        Bench.Drive(b, 0.95);
        b.AdvanceSeconds(0.4);
        return b;
    }

    // Runs until the rotor stands (or 2 s); returns the time, the strokes and the skin entries on the way.
    private static (double Ms, long Strokes, long Entries) RunDown(VirtualBoard b)
    {
        ulong t0 = b.NowMicros;
        long s0 = b.Strokes, e0 = b.Penetrations;
        while (b.RotorSpeedRadPerSec != 0 && b.NowMicros - t0 < 2_000_000) b.Advance(100);
        return ((b.NowMicros - t0) / 1000.0, b.Strokes - s0, b.Penetrations - e0);
    }

    [Fact]
    public void Enable_low_with_the_driver_awake_brakes_the_needle_many_times_faster_than_sleep_coasts_it()
    {
        var braked = AtTopRate();
        double rate0 = braked.StrokeRate;
        Assert.True(rate0 > 120, $"rate {rate0:0}");
        braked.MotorPwm.Duty = 0f;                      // EN low, nSLEEP high: brake
        double peakBrake = 0;
        var (brakeMs, brakeStrokes, brakeEntries) = (0.0, 0L, 0L);
        {
            ulong t0 = braked.NowMicros;
            long s0 = braked.Strokes, e0 = braked.Penetrations;
            while (braked.RotorSpeedRadPerSec != 0 && braked.NowMicros - t0 < 2_000_000)
            {
                braked.Advance(100);
                peakBrake = Math.Max(peakBrake, -braked.MotorCurrentAmps);
            }
            (brakeMs, brakeStrokes, brakeEntries) = ((braked.NowMicros - t0) / 1000.0, braked.Strokes - s0, braked.Penetrations - e0);
        }

        var coasted = AtTopRate();
        coasted.MotorPwm.Duty = 0f;
        coasted.MotorEnable.Write(false);                // nSLEEP low: Hi-Z, coast
        var (coastMs, coastStrokes, coastEntries) = RunDown(coasted);

        output.WriteLine($"from {rate0:0}/s: brake {brakeMs:0.#} ms, {brakeStrokes} strokes, {brakeEntries} entries, peak {peakBrake:0.##} A; coast {coastMs:0.#} ms, {coastStrokes} strokes, {coastEntries} entries");
        Assert.True(brakeMs * 4 < coastMs, $"brake {brakeMs:0.#} ms vs coast {coastMs:0.#} ms");
        Assert.True(brakeMs < 80, $"braked run-down {brakeMs:0.#} ms");
        Assert.True(coastEntries > brakeEntries + 10, $"entries: brake {brakeEntries}, coast {coastEntries}");
        Assert.True(brakeStrokes <= brakeEntries + 1 && coastStrokes <= coastEntries + 1, "each stroke enters the skin once");
        // The braking current flows backwards through the winding: back-EMF over winding plus low-side resistance.
        Assert.True(peakBrake > 0.8 && peakBrake < 3.5, $"peak braking current {peakBrake:0.##} A");
        Assert.False(braked.DriverOvercurrentLatched);
    }

    [Fact]
    public void The_current_sense_mirrors_the_braking_current_and_nothing_while_coasting()
    {
        // DRV8876 IPROPI mirrors the low sides' drain-to-source current: in brake one low side carries the winding
        // current that way (data sheet SLVSDS7B, 7.3.3.1); asleep the current freewheels and is not mirrored.
        var braked = AtTopRate();
        braked.MotorPwm.Duty = 0f;
        braked.Advance(2_000);
        double brakeSensed = braked.CurrentSense.FilteredAmps, brakeTrue = -braked.MotorCurrentAmps;

        var coasted = AtTopRate();
        coasted.MotorPwm.Duty = 0f;
        coasted.MotorEnable.Write(false);
        coasted.Advance(2_000);

        output.WriteLine($"braking current {brakeTrue:0.##} A, sensed {brakeSensed:0.##} A; coasting sensed {coasted.CurrentSense.FilteredAmps:0.###} A");
        Assert.True(brakeTrue > 0.8, $"braking current {brakeTrue:0.##} A");
        Assert.InRange(brakeSensed, 0.8 * brakeTrue, 1.2 * brakeTrue);
        Assert.True(coasted.CurrentSense.FilteredAmps < 0.05, $"coasting sensed {coasted.CurrentSense.FilteredAmps:0.###} A");
    }

    [Fact]
    public void A_braking_current_above_the_overcurrent_threshold_latches_the_bridge_and_the_rotor_coasts()
    {
        var b = AtTopRate();
        Assert.False(b.DriverOvercurrentLatched);
        // A lower latch threshold than the braking current at this speed stands in for a larger motor or a higher supply.
        b.Bridge.Parameters.OvercurrentAmps = 0.8;
        b.MotorPwm.Duty = 0f;
        b.Advance(400);
        Assert.True(b.DriverOvercurrentLatched, "OCP watches the low sides too");
        Assert.False(b.Pen.MotorFaultN.Read());
        Assert.True(b.RotorSpeedRadPerSec > 0, "latched off: the rotor coasts on");
        Assert.Equal(0.0, b.MotorCurrentAmps);
    }

    [Fact]
    public void Every_needle_entry_is_counted_and_the_deepest_penetration_is_the_set_depth()
    {
        var b = AtTopRate();
        b.DeepestPenetrationMm = 0;
        long s0 = b.Strokes, e0 = b.Penetrations;
        b.AdvanceSeconds(0.5);
        long strokes = b.Strokes - s0, entries = b.Penetrations - e0;
        Assert.InRange(entries, strokes - 1, strokes + 1);
        Assert.InRange(b.DeepestPenetrationMm, b.NeedleDepthMm - 1e-6, b.NeedleDepthMm + 1e-6);
        Assert.True(b.LastPenetrationMicros > b.NowMicros - 20_000);

        b.Skin = SkinProfile.Air;
        long inAir = b.Penetrations;
        b.AdvanceSeconds(0.2);
        Assert.Equal(inAir, b.Penetrations);
    }
}
