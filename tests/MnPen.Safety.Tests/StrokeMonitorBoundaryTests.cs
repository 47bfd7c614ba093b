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
        _i.StrokeSampleMicros = now;
        return At(now, duty);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_comes_from_counter_reads_spanning_at_least_200_ms_and_counts_every_stroke_in_them()
    {
        At(1_000_000);
        Assert.Equal(0f, _m.Rate);
        Stroke(1_010_000);
        Assert.Equal(0f, _m.Rate); // one change: no span yet
        At(1_015_000);
        Assert.Equal(0f, _m.Rate); // and time passing does not invent one
        ulong t = 1_010_000;
        for (int k = 0; k < 20; k++) Stroke(t += 10_000);   // 100 /s, one stroke per 10 ms read
        Assert.Equal(100f, _m.Rate, 3);
        for (int k = 0; k < 20; k++) Stroke(t += 10_000, count: 2);   // two strokes per read: 200 /s once the span is all new
        Assert.Equal(200f, _m.Rate, 3);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Spans_faster_than_the_ceiling_are_counted_in_a_row_and_the_ceiling_itself_is_not_fast()
    {
        _l.OverspeedAbsolute = 200f;
        ulong t = 1_000_000;
        At(t);
        for (int k = 0; k < 25; k++) Stroke(t += 10_000, count: 2);   // exactly 200/s
        Assert.Equal(0, _m.ConsecutiveFast);
        for (int k = 0; k < 21; k++) Stroke(t += 10_000, count: 3);   // 300/s: the 200 ms span is all fast
        Assert.True(_m.ConsecutiveFast >= 2);
        for (int k = 0; k < 21; k++) Stroke(t += 10_000, count: 1);
        Assert.Equal(0, _m.ConsecutiveFast);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void A_first_reading_with_strokes_already_counted_measures_from_the_next_change()
    {
        _i.StrokeCount = 7;
        _i.StrokeSampleMicros = 990_000;
        At(1_000_000);
        Stroke(1_010_000);
        Assert.Equal(0f, _m.Rate);
        Stroke(1_030_000);
        Assert.Equal(50f, _m.Rate, 3);
    }

    [Fact]
    [Trait("Requirement", "SAF-SPD-01")]
    public void Rate_decays_with_the_gap_once_it_exceeds_the_period_and_is_zero_after_100_ms()
    {
        ulong t = 1_000_000;
        At(t);
        _l.OverspeedAbsolute = 50f;
        for (int k = 0; k < 22; k++) Stroke(t += 10_000);
        Assert.True(_m.ConsecutiveFast >= 1);
        At(t + 10_000); // gap == period: unchanged
        Assert.Equal(100f, _m.Rate, 3);
        At(t + 15_000);
        Assert.Equal(1_000_000f / 15_000f, _m.Rate, 3);
        At(t + 100_000); // gap == stopped time: still a (slow) rate
        Assert.Equal(10f, _m.Rate, 3);
        Assert.False(_m.Stopped(t + 100_000, _l));
        At(t + 100_001);
        Assert.Equal(0f, _m.Rate);
        Assert.Equal(0, _m.ConsecutiveFast);
        Assert.True(_m.Stopped(t + 100_001, _l));
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
    [InlineData(10_000, 40_000)]   // 2 × 10 ms + 20 ms read allowance = 40 ms
    [InlineData(20_000, 60_000)]   // 2 × 20 ms + 20 ms
    [InlineData(60_000, 130_000)]  // 2 × 60 ms + 20 ms = 140 ms, capped at 130 ms
    [Trait("Requirement", "SAF-JAM-01")]
    public void Stall_while_turning_is_reported_after_twice_the_period_plus_a_read_allowance_within_40_to_130_ms(int period, int timeout)
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
        Assert.False(At(1_180_000, 0.5f));
        Assert.True(At(1_180_001, 0.5f));
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
    public void A_count_change_without_a_newer_read_time_does_not_produce_an_infinite_rate()
    {
        At(1_000_000);
        Stroke(1_010_000);
        Stroke(1_020_000);
        _i.StrokeCount++; // counted, but the read time did not move
        At(1_020_000);
        Assert.InRange(_m.Rate, 1f, 1000f);
        Assert.Equal(0, _m.ConsecutiveFast);
    }
}
