using MnPen.Bench.Suites;
using Xunit;

namespace MnPen.Tools.Tests.Bench;

/// <summary>The rate bench's settling reading: a lone scattered stroke is ripple, a slow approach is still settling.</summary>
public class RateSegmentTests
{
    private const double Target = 70.0;

    // Strokes of a hold at 70 /s from t = 0 for 0.6 s, each at the rate rateAt(time) gives.
    private static RateSegment Hold(Func<double, double> rateAt)
    {
        var strokes = new List<(ulong, double)>();
        double t = -0.1;
        while (t < 0.6)
        {
            double rate = rateAt(t);
            t += 1.0 / rate;
            strokes.Add(((ulong)((t + 1.0) * 1e6), rate));
        }
        var seg = new RateSegment { Target = Target, From = 90.0, StartMicros = 1_000_000, EndMicros = 1_600_000 };
        seg.Measure(strokes);
        return seg;
    }

    [Fact]
    public void A_single_stroke_outside_the_band_late_in_the_hold_is_ripple_not_settling()
    {
        // One puncture-slowed stroke 3 % off at 0.45 s: per stroke it would read "settled at 450 ms".
        var seg = Hold(t => t < 0.03 ? 75.0 : t > 0.45 && t < 0.45 + 1.0 / 70 ? Target * 0.97 : Target);

        Assert.True(seg.SettlingMs < 150.0, $"settling {seg.SettlingMs} ms");
        Assert.InRange(seg.RipplePct, 2.9, 3.1);
    }

    [Fact]
    public void A_loop_that_creeps_into_the_band_fails_the_settling_limit()
    {
        // A slow loop: from 90 /s towards 70 /s with a 100 ms time constant reaches ±2 % only after ~270 ms.
        var seg = Hold(t => t < 0 ? 90.0 : Target + 20.0 * Math.Exp(-t / 0.1));

        Assert.True(seg.SettlingMs > 200.0, $"settling {seg.SettlingMs} ms");
    }

    [Fact]
    public void The_windowed_reading_lags_the_needle_and_never_settles_earlier_than_every_stroke_would()
    {
        var seg = Hold(t => t < 0 ? 90.0 : t < 0.05 ? 80.0 : Target);

        // The last stroke outside ±2 % ends just after 50 ms; the 5-stroke reading leaves the band a few strokes later.
        Assert.True(seg.SettlingMs > 50.0, $"settling {seg.SettlingMs} ms");
        Assert.True(seg.SettlingMs < 120.0, $"settling {seg.SettlingMs} ms");
    }
}
