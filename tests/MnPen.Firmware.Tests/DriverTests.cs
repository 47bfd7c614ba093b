using MnPen.Drivers;

namespace MnPen.Firmware.Tests;

public class DriverTests
{
    [Fact]
    public void Tachometer_fits_the_rate_from_whole_stroke_counts_read_every_tick_to_a_fraction_of_a_percent_on_average()
    {
        var pc = new FakePulseCounter();
        var tach = new Tachometer(pc);
        // 137 strokes/s read every 10 ms with a few hundred us of wake-up jitter: 1.37 strokes per read, quantised.
        double period = 1e6 / 137.0;
        double next = 3000;
        var rng = new Random(5);
        float worst = 0, sum = 0;
        for (int k = 1; k <= 300; k++)
        {
            ulong now = (ulong)(k * 10_000 + rng.Next(20, 500));
            while (next <= now) { pc.Count++; next += period; }
            pc.NowMicros = now;
            float rate = tach.Update();
            if (k <= 20) continue;
            worst = Math.Max(worst, Math.Abs(rate - 137f));
            sum += rate - 137f;
        }
        // One stroke of quantisation over a 120 ms fit: a few % read to read, unbiased on average.
        Assert.True(worst < 0.04f * 137f, "worst error " + worst + " strokes/s");
        Assert.True(Math.Abs(sum / 280) < 0.005f * 137f, "mean error " + sum / 280 + " strokes/s");
    }

    [Fact]
    public void Tachometer_reads_zero_once_counts_stop_for_the_timeout_and_restarts_without_stale_history()
    {
        var pc = new FakePulseCounter();
        var tach = new Tachometer(pc);
        for (ulong now = 10_000; now <= 500_000; now += 10_000)
        {
            pc.Count++;
            pc.NowMicros = now;
            tach.Update();
        }
        Assert.InRange(tach.Rate, 99f, 101f);
        pc.NowMicros = 500_000 + (ulong)tach.TimeoutMicros + 10_000;
        Assert.Equal(0f, tach.Update());
        // Restart at 50 /s: the first estimates must not be dragged down by the pause before.
        ulong t = pc.NowMicros;
        for (int k = 1; k <= 12; k++)
        {
            t += 10_000;
            if (k % 2 == 0) pc.Count++;
            pc.NowMicros = t;
            tach.Update();
        }
        Assert.InRange(tach.Rate, 40f, 60f);
    }

    // With the supervisor's own open/short thresholds, as the firmware builds it.
    private static Thermistor NewThermistor(FakeAdc adc)
    {
        var limits = new MnPen.Safety.SafetyLimits();
        return new Thermistor(adc, limits.ThermistorOpenRaw, limits.ThermistorShortRaw);
    }

    [Fact]
    public void Thermistor_uses_the_supervisors_open_and_short_thresholds()
    {
        var limits = new MnPen.Safety.SafetyLimits();
        var adc = new FakeAdc { Value = limits.ThermistorOpenRaw - 1 };
        var th = NewThermistor(adc);
        th.Read();
        Assert.False(th.Open);
        adc.Value = limits.ThermistorOpenRaw;
        th.Read();
        Assert.True(th.Open);
        adc.Value = limits.ThermistorShortRaw + 1;
        th.Read();
        Assert.False(th.Shorted);
        adc.Value = limits.ThermistorShortRaw;
        th.Read();
        Assert.True(th.Shorted);
    }

    [Fact]
    public void Thermistor_reads_25_C_at_mid_scale_and_flags_open_and_short_sensors()
    {
        var adc = new FakeAdc { Value = 2048 };
        var th = NewThermistor(adc);
        Assert.InRange(th.Read(), 24.9f, 25.1f);
        Assert.False(th.Open || th.Shorted);
        adc.Value = 4095;
        float held = th.Read();
        Assert.True(th.Open);
        Assert.InRange(held, 24.9f, 25.1f);
        adc.Value = 2;
        th.Read();
        Assert.True(th.Shorted);
    }

    [Fact]
    public void Thermistor_gives_the_exact_conversion_for_every_count_whatever_it_read_before()
    {
        // Counts that share a slot of the conversion cache (same low bits) follow each other, and the converter's
        // full scale changes under it: every reading must still be the Beta equation's own answer.
        var adc = new FakeAdc();
        var th = NewThermistor(adc);
        var rng = new Random(5);
        int previous = 2000;
        for (int k = 0; k < 20_000; k++)
        {
            int raw = k % 3 == 0 ? previous + 16 * rng.Next(-3, 4) : rng.Next(th.ShortCounts + 1, th.OpenCounts);
            raw = Math.Clamp(raw, th.ShortCounts + 1, th.OpenCounts - 1);
            adc.Value = raw;
            Assert.Equal(Thermistor.CountsToCelsius(raw, 4095), th.Read());
            previous = raw;
        }
        adc.MaxCount = 1023;   // a 10-bit converter: same divider, a quarter of the counts
        adc.Value = 512;
        Assert.Equal(Thermistor.CountsToCelsius(512, 1023), th.Read());
        Assert.InRange(th.Celsius, 24.8f, 25.2f);
        adc.Value = 1020;
        th.Read();
        Assert.True(th.Open, "thresholds follow the converter's full scale");
    }

    [Fact]
    public void Battery_monitor_follows_a_change_of_converter_range()
    {
        var adc = new FakeAdc { Value = 2048 };
        var bat = new BatteryMonitor(adc);
        bat.Read();
        Assert.InRange(bat.InstantVolts, 4.94f, 4.96f);
        adc.ReferenceMillivolts = 1100;   // attenuation changed: a third of the volts for the same counts
        bat.Read();
        Assert.InRange(bat.InstantVolts, 1.64f, 1.66f);
        adc.MaxCount = 1023;
        adc.Value = 512;
        bat.Read();
        Assert.InRange(bat.InstantVolts, 1.64f, 1.66f);
    }

    [Fact]
    public void Battery_monitor_scales_the_one_third_divider()
    {
        var adc = new FakeAdc { Value = (int)Math.Round(8.4 / 3 / 3.3 * 4095) };
        var bat = new BatteryMonitor(adc);
        Assert.InRange(bat.Read(), 8.38f, 8.42f);
    }

    [Fact]
    public void Current_sensor_applies_calibrated_offset_and_gain()
    {
        var adc = new FakeAdc { Value = 1004 };
        var cs = new CurrentSensor(adc);
        cs.Configure(4, 0.5f);
        Assert.InRange(cs.Read(), 0.499f, 0.501f);
    }

    [Fact]
    public void Buttons_ignore_bounces_shorter_than_the_debounce_time_and_report_long_presses()
    {
        var board = new MnPen.Hal.PenBoard { ButtonStartN = new FakeInput(), ButtonRateUpN = new FakeInput(), ButtonRateDownN = new FakeInput(), ButtonDepthUpN = new FakeInput(), ButtonDepthDownN = new FakeInput() };
        var start = (FakeInput)board.ButtonStartN;
        var b = new Buttons(board);
        ulong now = 0;
        int presses = 0, longs = 0;
        void Run(int ms) { for (int i = 0; i < ms; i++) { now += 1000; b.Update(now); if (b.Pressed(ButtonId.Start)) presses++; if (b.LongPressed(ButtonId.Start)) longs++; } }
        // 5 ms glitches: contact bounce, never a press.
        for (int k = 0; k < 5; k++) { start.Level = false; Run(5); start.Level = true; Run(5); }
        Assert.Equal(0, presses);
        start.Level = false;
        Run(1500);
        Assert.Equal(1, presses);
        Assert.Equal(1, longs);
    }

    [Fact]
    public void Indicator_shows_a_distinct_pattern_for_each_fault_class_and_state()
    {
        var patterns = Enum.GetValues<IndicatorPattern>();
        var signatures = new HashSet<string>();
        foreach (var p in patterns)
        {
            var board = new MnPen.Hal.PenBoard { LedGreen = new FakeOutput(), LedAmber = new FakeOutput(), LedRed = new FakeOutput(), Buzzer = new FakePwm() };
            var ind = new Indicator(board);
            ind.SetPattern(p);
            var sig = new System.Text.StringBuilder();
            for (ulong ms = 0; ms < 3000; ms += 10) { ind.Update(ms * 1000); sig.Append(ind.Outputs.ToString("X")); }
            Assert.True(signatures.Add(sig.ToString()), $"pattern {p} looks like another one");
        }
    }
}

internal sealed class FakeOutput : MnPen.Hal.IDigitalOutput
{
    public bool Level;
    public void Write(bool high) => Level = high;
    public bool ReadBack() => Level;
}
