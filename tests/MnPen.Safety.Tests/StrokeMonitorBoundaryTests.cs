namespace MnPen.Safety.Tests;

/// <summary>The supervisor's own stroke-rate measurement and stall timing, fed stroke by stroke.</summary>
public class StrokeMonitorBoundaryTests
{
    private readonly SafetyLimits _l = new();
    private readonly StrokeMonitor _m = new();
    private readonly SafetyInputs _i = new();

    private bool At(ulong now, float duty = 0f)
    {
        _i.NowMicros = now;
        return _m.Update(_i, duty, _l);
    }

    private bool Stroke(ulong now, float duty = 0f, uint count = 1)
    {
        _i.StrokeCount += count;
        _i.LastStrokeMicros = now;
        return At(now, duty);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_comes_from_the_last_period_divided_by_the_strokes_in_it()
    {
        At(1_000_000);
        Assert.Equal(0f, _m.Rate);
        Stroke(1_010_000);
        Assert.Equal(0f, _m.Rate); // one stroke: no period yet
        At(1_015_000);
        Assert.Equal(0f, _m.Rate); // and time passing does not invent one
        Stroke(1_020_000);
        Assert.Equal(100f, _m.Rate, 3);
        Stroke(1_040_000, count: 2); // two strokes in 20 ms: still 100/s
        Assert.Equal(100f, _m.Rate, 3);
        Stroke(1_045_000);
        Assert.Equal(200f, _m.Rate, 3);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Periods_faster_than_the_ceiling_are_counted_in_a_row_and_the_ceiling_itself_is_not_fast()
    {
        _l.OverspeedAbsolute = 200f;
        At(1_000_000);
        Stroke(1_000_000 + 5000);
        Stroke(1_000_000 + 10_000); // exactly 200/s
        Assert.Equal(0, _m.ConsecutiveFast);
        Stroke(1_000_000 + 14_999);
        Assert.Equal(1, _m.ConsecutiveFast);
        Stroke(1_000_000 + 19_998);
        Assert.Equal(2, _m.ConsecutiveFast);
        Stroke(1_000_000 + 24_998);
        Assert.Equal(0, _m.ConsecutiveFast);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void A_first_reading_with_a_stroke_already_recorded_measures_from_the_next_stroke()
    {
        _i.StrokeCount = 7;
        _i.LastStrokeMicros = 990_000;
        At(1_000_000);
        Stroke(1_010_000);
        Assert.Equal(50f, _m.Rate, 3);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_decays_with_the_gap_once_it_exceeds_the_period_and_is_zero_after_100_ms()
    {
        At(1_000_000);
        Stroke(1_010_000);
        Stroke(1_020_000);
        _l.OverspeedAbsolute = 50f;
        Stroke(1_030_000);
        Assert.Equal(1, _m.ConsecutiveFast);
        At(1_040_000); // gap == period: unchanged
        Assert.Equal(100f, _m.Rate, 3);
        At(1_045_000);
        Assert.Equal(1_000_000f / 15_000f, _m.Rate, 3);
        At(1_130_000); // gap == stopped time: still a (slow) rate
        Assert.Equal(10f, _m.Rate, 3);
        Assert.Equal(1, _m.ConsecutiveFast);
        Assert.False(_m.Stopped(1_130_000, _l));
        At(1_130_001);
        Assert.Equal(0f, _m.Rate);
        Assert.Equal(0, _m.ConsecutiveFast);
        Assert.True(_m.Stopped(1_130_001, _l));
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void Stall_from_standstill_is_reported_only_after_more_than_150_ms_of_drive_at_or_above_the_threshold_duty()
    {
        At(1_000_000);
        Assert.False(At(1_001_000, 0.1199f));
        Assert.False(_m.Driving);
        Assert.False(At(1_500_000, 0.1199f));
        Assert.False(At(2_000_000, _l.StallMinDuty));
        Assert.True(_m.Driving);
        Assert.False(At(2_150_000, 0.5f));
        Assert.True(At(2_150_001, 0.5f));
        Assert.True(_m.NoStrokeFor(2_150_000, 150_000));
        Assert.False(_m.NoStrokeFor(2_149_999, 150_000));
        // Dropping the duty ends it; driving again restarts the allowance.
        Assert.False(At(2_200_000, 0f));
        Assert.False(At(2_300_000, 0.5f));
        Assert.False(At(2_450_000, 0.5f));
        Assert.True(At(2_450_001, 0.5f));
    }

    [Theory]
    [InlineData(10_000, 30_000)]   // 2 × 10 ms = 20 ms, raised to the 30 ms minimum
    [InlineData(20_000, 40_000)]   // 2 × 20 ms
    [InlineData(60_000, 100_000)]  // 2 × 60 ms = 120 ms, capped at 100 ms
    [Trait("Requirement", "SAF-JAM-01")]
    public void Stall_while_turning_is_reported_after_twice_the_period_within_30_to_100_ms(int period, int timeout)
    {
        ulong t = 1_000_000;
        At(t);
        Stroke(t += 5000, 0.5f);
        Stroke(t += (ulong)period, 0.5f);
        Stroke(t += (ulong)period, 0.5f);
        Assert.False(At(t + (ulong)timeout, 0.5f));
        Assert.True(At(t + (ulong)timeout + 1, 0.5f));
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void After_one_stroke_without_a_period_the_longest_timeout_applies()
    {
        At(1_000_000);
        Assert.False(At(1_001_000, 0.5f));
        Stroke(1_050_000, 0.5f);
        Assert.False(At(1_150_000, 0.5f));
        Assert.True(At(1_150_001, 0.5f));
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void No_stroke_window_counts_from_the_last_stroke_and_is_inclusive()
    {
        Assert.True(_m.NoStrokeFor(1_000_000, 25_000)); // nothing seen yet
        Assert.True(_m.Stopped(1_000_000, _l));
        At(1_000_000);
        Stroke(1_010_000);
        Assert.False(_m.NoStrokeFor(1_034_999, 25_000));
        Assert.True(_m.NoStrokeFor(1_035_000, 25_000));
        Assert.False(_m.NoStrokeFor(1_005_000, 25_000)); // clock behind the stroke
        Assert.False(_m.Stopped(1_005_000, _l));
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void A_count_change_without_a_newer_timestamp_does_not_produce_an_infinite_rate()
    {
        At(1_000_000);
        Stroke(1_010_000);
        Stroke(1_020_000);
        _i.StrokeCount++; // counted, but the capture time did not move
        At(1_020_000);
        Assert.Equal(100f, _m.Rate, 3);
        Assert.Equal(0, _m.ConsecutiveFast);
    }
}
