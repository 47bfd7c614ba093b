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
    public void Thermistor_reads_25_C_at_half_its_rail_counts_and_flags_open_and_short_sensors()
    {
        var adc = new FakeAdc { Value = 2180 };
        var th = NewThermistor(adc);
        th.Configure(4359.2f);   // the median ESP32-S3 at 12 dB: the 3.3 V rail would read 4359 counts
        Assert.InRange(th.Read(), 24.9f, 25.1f);
        Assert.False(th.Open || th.Shorted);
        adc.Value = th.OpenCounts;   // an open NTC on a 1200 mV-reference chip does not saturate
        float held = th.Read();
        Assert.True(th.Open);
        Assert.InRange(held, 24.9f, 25.1f);
        adc.Value = 2;
        th.Read();
        Assert.True(th.Shorted);
    }

    [Fact]
    public void Uncalibrated_thermistor_reads_hot_and_the_old_ratiometric_scale_reads_cold()
    {
        // 40 °C on the median chip: the node is 1.143 V, 1510 counts at 3100 mV full scale.
        var adc = new FakeAdc { Value = 1510 };
        var th = NewThermistor(adc);
        Assert.True(th.Read() > 40.5f, "before calibration the scale errs hot");
        th.Configure(4359.2f);
        Assert.InRange(th.Read(), 39.8f, 40.2f);
        th.Configure(4095f);
        Assert.True(th.Read() < 38.5f, "assuming the rail reads full scale reads 2-3 °C cold");
    }

    [Fact]
    public void Thermistor_gives_the_exact_conversion_for_every_count_whatever_it_read_before()
    {
        // Counts that share a slot of the conversion cache (same low bits) follow each other, and the scale changes
        // under it (calibration applied): every reading must still be the Beta equation's own answer.
        var adc = new FakeAdc();
        var th = NewThermistor(adc);
        var rng = new Random(5);
        int previous = 2000;
        for (int k = 0; k < 20_000; k++)
        {
            if (k == 10_000) th.Configure(4300f);
            int raw = k % 3 == 0 ? previous + 16 * rng.Next(-3, 4) : rng.Next(th.ShortCounts + 1, th.OpenCounts);
            raw = Math.Clamp(raw, th.ShortCounts + 1, th.OpenCounts - 1);
            adc.Value = raw;
            Assert.Equal(Thermistor.CountsToCelsius(raw, th.RailCounts), th.Read());
            previous = raw;
        }
        Assert.Equal(4300f, th.RailCounts);
        adc.MaxCount = 1023;   // a 10-bit converter: thresholds follow its full scale
        adc.Value = 1020;
        th.Read();
        Assert.True(th.Open, "thresholds follow the converter's full scale");
    }

    [Fact]
    public void Battery_monitor_reads_low_until_calibrated_then_on_its_own_scale()
    {
        var adc = new FakeAdc { Value = (int)Math.Round(8.4 / 3.0281e-3) };
        var bat = new BatteryMonitor(adc);
        Assert.InRange(bat.Read(), 7.4f, 7.6f);   // the smallest scale any pen can have: reads low
        bat.Configure(3.0281f);
        bat.Read();
        Assert.InRange(bat.InstantVolts, 8.38f, 8.42f);
    }

    [Fact]
    public void Battery_monitor_does_not_follow_the_converters_nominal_reference()
    {
        // The nominal range is the median chip's, not this pen's: only the calibrated scale may move the reading.
        var adc = new FakeAdc { Value = 2000 };
        var bat = new BatteryMonitor(adc);
        bat.Configure(3.0f);
        bat.Read();
        adc.ReferenceMillivolts = 3300;
        bat.Read();
        Assert.Equal(6.0f, bat.InstantVolts, 3);
    }

    [Fact]
    public void Uncalibrated_scales_in_the_drivers_are_the_records_conservative_defaults()
    {
        Assert.Equal(MnPen.Storage.SensingDefaults.ConservativeThermistorRailCounts, Thermistor.UncalibratedRailCounts);
        Assert.Equal(MnPen.Storage.SensingDefaults.ConservativeBatteryMillivoltsPerCount, BatteryMonitor.UncalibratedMillivoltsPerCount);
    }

    [Fact]
    public void The_thermistor_takes_every_rail_scale_the_calibration_record_accepts()
    {
        // One definition: a record the validator passes must be the scale the driver converts with.
        Assert.Equal(MnPen.Storage.CalibrationValidator.ThermistorRailCountsMin, Thermistor.MinRailCounts);
        Assert.Equal(MnPen.Storage.CalibrationValidator.ThermistorRailCountsMax, Thermistor.MaxRailCounts);
        // A 1187 mV-reference chip's 3945 rail counts (pen 36 of seed 1): 2104 counts at the calibration point is 22 °C.
        var adc = new FakeAdc { Value = 2104 };
        var t = NewThermistor(adc);
        t.Configure(3945f);
        Assert.Equal(3945f, t.RailCounts);
        t.Read();
        Assert.InRange(t.Celsius, 21.5f, 22.5f);
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
    public void Loop_current_takes_the_calibrated_gain_and_its_own_zero_once_the_driver_has_slept_150_ms()
    {
        var fast = new CurrentSensor(new FakeAdc());
        fast.Configure(4, 0.5f);
        // The bias's nominal lift in this channel's counts: 68.8 mV / 0.91 V/A = 75.6 mA at 0.5 mA per count.
        float bias = AveragedCurrentSensor.BiasVolts / CurrentSensor.IpropiVoltsPerAmp * 1000f / 0.5f;
        Assert.InRange(bias, 150f, 153f);
        float gain = 1f + AveragedCurrentSensor.BiasRatio;   // the node moves 1 / (1 + 100 k / 4.7 M) of the IPROPI node
        var node = new FakeAdc { Value = (int)Math.Round(4 + bias + 6) };   // at rest: offset, bias and 6 counts of pin leakage
        var loop = new AveragedCurrentSensor(node, fast);
        // Before any rest the IPROPI channel's offset plus the nominal bias stand: the leakage reads as about 3 mA.
        Assert.InRange(loop.Read(false, 10_000), 0.0028f, 0.0033f);
        for (int t = 0; t <= AveragedCurrentSensor.SettleMicros; t += 10_000) loop.Read(true, 10_000);
        Assert.True(loop.ZeroLearned);
        Assert.InRange(loop.ZeroCounts, node.Value - 0.1f, node.Value + 0.1f);
        int zero = node.Value;
        node.Value = zero + 1000;
        Assert.InRange(loop.Read(false, 10_000), 0.5f * gain - 0.001f, 0.5f * gain + 0.001f);
        // Waking the driver stops the learning: a running node's counts are never taken for zero.
        for (int i = 0; i < 100; i++) loop.Read(false, 10_000);
        Assert.InRange(loop.ZeroCounts, zero - 0.1f, zero + 0.1f);
    }

    [Fact]
    public void Loop_current_at_the_converters_floor_at_rest_takes_the_calibrated_negative_offset()
    {
        // A node at the floor at rest has lost its bias (the resistor open): the IPROPI channel's offset is the better zero.
        var fast = new CurrentSensor(new FakeAdc());
        fast.Configure(-5, 0.5f);
        var node = new FakeAdc { Value = 0 };
        var loop = new AveragedCurrentSensor(node, fast);
        for (int t = 0; t <= AveragedCurrentSensor.SettleMicros; t += 10_000) loop.Read(true, 10_000);
        Assert.Equal(-5f, loop.ZeroCounts);
        node.Value = 995;
        float gain = 1f + AveragedCurrentSensor.BiasRatio;
        Assert.InRange(loop.Read(false, 10_000), 0.5f * gain - 0.001f, 0.5f * gain + 0.001f);
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
