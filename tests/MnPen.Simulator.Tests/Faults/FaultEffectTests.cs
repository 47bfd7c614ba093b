using MnPen.Hal;
using MnPen.Hal.Simulator;

namespace MnPen.Simulator.Tests.Faults;

/// <summary>Every catalogue fault shows its physical effect on a board driven directly through its HAL devices.</summary>
public class FaultEffectTests
{
    private static VirtualBoard Running(SkinProfile skin = SkinProfile.Nominal, double duty = 0.6)
    {
        var b = Bench.Board(skin);
        b.InsertCartridge(Bench.Cartridge());
        Bench.SetDepth(b, 1.5);
        Bench.Drive(b, duty);
        b.AdvanceSeconds(0.4);
        return b;
    }

    [Fact]
    public void Cartridge_removed_opens_the_presence_switch_empties_the_bus_and_unloads_the_motor()
    {
        var b = Running(SkinProfile.Tough);
        double loaded = Bench.MeanStrokeRate(b, 0.2);
        Assert.True(b.Pen.CartridgePresent.Read());
        Assert.True(b.Pen.CartridgeBus.Reset());

        b.Faults.Inject("cartridge-removed");
        b.AdvanceSeconds(0.3);

        Assert.False(b.Pen.CartridgePresent.Read());
        Assert.False(b.Pen.CartridgeBus.Reset());
        Assert.Equal(0xFF, b.Pen.CartridgeBus.ReadByte());
        Assert.True(Bench.MeanStrokeRate(b, 0.2) > loaded + 3, "without needles in skin the open-loop rate rises");

        b.Faults.Clear("cartridge-removed");
        Assert.True(b.Pen.CartridgePresent.Read());
    }

    [Fact]
    public void Cartridge_jam_stalls_the_rotor_and_the_current_rises()
    {
        var b = Running();
        double runningCurrent = b.MotorCurrentAmps;
        b.Faults.Inject("cartridge-jam");
        b.AdvanceSeconds(0.02);
        Assert.Equal(0.0, b.RotorSpeedRadPerSec);
        uint pulses = b.StrokeCounter.Count;
        b.AdvanceSeconds(0.2);
        Assert.Equal(pulses, b.StrokeCounter.Count);
        Assert.True(b.MotorCurrentAmps > 4 * runningCurrent, $"stall current {b.MotorCurrentAmps:F2} A vs running {runningCurrent:F2} A");
        Assert.True(b.Pen.MotorCurrent.ReadRaw() > 1500);

        b.Faults.Clear("cartridge-jam");
        b.AdvanceSeconds(0.3);
        Assert.True(b.StrokeRate > 50);
    }

    [Fact]
    public void Motor_short_trips_the_overcurrent_latch_and_pulls_nFAULT_low_until_nSLEEP_toggles()
    {
        var b = Running();
        b.Faults.Inject("motor-short");
        b.Advance(200);
        Assert.True(b.DriverOvercurrentLatched);
        Assert.False(b.Pen.MotorFaultN.Read());
        Assert.True(b.PeakBridgeCurrentAmps > 3.5);
        Assert.Equal(0.0, b.BridgeCurrentAmps);
        b.AdvanceSeconds(0.5);
        Assert.True(b.StrokeRate < 1, "the rotor brakes through the short");

        b.Faults.Clear("motor-short");
        b.AdvanceSeconds(0.01);
        Assert.False(b.Pen.MotorFaultN.Read()); // latched until a sleep cycle
        b.Pen.MotorEnable.Write(false);
        b.Pen.MotorEnable.Write(true);
        b.AdvanceSeconds(0.01);
        Assert.True(b.Pen.MotorFaultN.Read());
        Assert.True(b.MotorCurrentAmps > 0.1);
    }

    [Theory]
    [InlineData(0.001, 0.9)]
    [InlineData(0.5, 0.05)]
    public void Motor_short_trips_the_latch_from_any_charge_level_at_any_duty(double ohms, double soc)
    {
        var b = Bench.Board(SkinProfile.Air, soc: soc);
        b.Faults.Inject("motor-short", $"ohms={ohms.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Bench.Drive(b, 0.05);
        b.Advance(200);
        Assert.True(b.DriverOvercurrentLatched);
        Assert.True(b.FaultPinLow);
    }

    [Fact]
    public void Driver_fault_takes_the_outputs_off_and_asserts_nFAULT_while_it_lasts()
    {
        var b = Running();
        double speed = b.RotorSpeedRadPerSec;
        b.Faults.Inject("driver-fault");
        b.AdvanceSeconds(0.05);
        Assert.False(b.Pen.MotorFaultN.Read());
        Assert.Equal(0.0, b.MotorCurrentAmps);
        Assert.True(b.RotorSpeedRadPerSec < speed, "the rotor coasts down");
        b.Faults.Clear("driver-fault");
        b.Advance(100);
        Assert.True(b.Pen.MotorFaultN.Read());
    }

    [Fact]
    public void Current_sensor_stuck_reports_one_count_whatever_the_current()
    {
        var b = Running();
        b.Faults.Inject("current-sensor-stuck", "counts=321");
        Assert.Equal(321, b.Pen.MotorCurrent.ReadRaw());
        b.Faults.Inject("cartridge-jam");
        b.AdvanceSeconds(0.1);
        Assert.True(b.MotorCurrentAmps > 1);
        Assert.Equal(321, b.Pen.MotorCurrent.ReadRaw());
    }

    [Fact]
    public void Current_sensor_stuck_by_default_freezes_the_present_reading()
    {
        var b = Running();
        int before = b.CurrentSense.IdealCounts(b.CurrentSense.FilteredAmps);
        b.Faults.Inject("current-sensor-stuck");
        b.MotorPwm.Duty = 0.9f;
        b.AdvanceSeconds(0.2);
        Assert.Equal(before, b.Pen.MotorCurrent.ReadRaw());
    }

    [Fact]
    public void Current_sensor_open_reads_near_zero_while_current_flows()
    {
        var b = Running();
        b.Faults.Inject("cartridge-jam");
        b.Faults.Inject("current-sensor-open");
        b.AdvanceSeconds(0.05);
        Assert.True(b.MotorCurrentAmps > 1);
        for (int i = 0; i < 100; i++) Assert.InRange(b.Pen.MotorCurrent.ReadRaw(), 0, 4);
    }

    [Fact]
    public void Hall_dead_stops_pulses_while_the_rotor_turns()
    {
        var b = Running();
        b.Faults.Inject("hall-dead");
        uint pulses = b.StrokeCounter.Count;
        long strokes = b.Strokes;
        b.AdvanceSeconds(0.5);
        Assert.Equal(pulses, b.StrokeCounter.Count);
        Assert.True(b.Strokes - strokes > 20);
        Assert.True(b.StrokeRate > 50);
    }

    [Fact]
    public void Depth_stuck_holds_the_actuator_whatever_the_set_point()
    {
        var b = Running();
        double at = b.ActuatorPositionMm;
        b.Faults.Inject("depth-stuck");
        Bench.SetDepth(b, 0.5);
        b.AdvanceSeconds(0.3);
        Assert.Equal(at, b.ActuatorPositionMm);
        int pot = b.Pen.DepthFeedback.ReadRaw();
        Assert.InRange(pot, 200 + 3700 * at / 3.0 - 8, 200 + 3700 * at / 3.0 + 8);
        b.Faults.Clear("depth-stuck");
        b.AdvanceSeconds(0.3);
        Assert.InRange(b.ActuatorPositionMm, 0.49, 0.51);
    }

    [Fact]
    public void Ntc_open_reads_full_scale_and_ntc_short_reads_zero()
    {
        var b = Bench.Board();
        b.Faults.Inject("ntc-open");
        Assert.InRange(b.Pen.Thermistor.ReadRaw(), 4090, 4095);
        b.Faults.Clear("ntc-open");
        b.Faults.Inject("ntc-short");
        Assert.InRange(b.Pen.Thermistor.ReadRaw(), 0, 5);
        b.Faults.Clear("ntc-short");
        Assert.InRange(b.Pen.Thermistor.ReadRaw(), 2000, 2400);
    }

    [Fact]
    public void Ambient_overtemp_warms_the_handpiece_past_41_celsius_over_its_thermal_time_constant()
    {
        var p = MnPen.Hal.Simulator.Parameters.SimParameters.Default();
        p.SubstepMicros = 1000; // motor idle: coarse substeps keep a 15-minute run short
        var b = Bench.Board(SkinProfile.Air, ambient: 25, parameters: p);
        b.Faults.Inject("ambient-overtemp", "celsius=50");
        b.AdvanceSeconds(60);
        Assert.InRange(b.HandpieceCelsius, 25, 35); // minutes, not seconds
        b.AdvanceSeconds(840);
        Assert.True(b.HandpieceCelsius > 41, $"handpiece {b.HandpieceCelsius:F1} °C");
        Assert.True(b.Pen.Thermistor.ReadRaw() < 1382, "the NTC reads above 41 °C");
        b.Faults.Clear("ambient-overtemp");
        Assert.Equal(25, b.AmbientCelsius);
    }

    [Fact]
    public void Battery_sag_deepens_the_voltage_drop_under_load()
    {
        var healthy = Running(SkinProfile.Tough, 0.8);
        var aged = Running(SkinProfile.Tough, 0.8);
        aged.Faults.Inject("battery-sag", "ohms=1.5");
        healthy.AdvanceSeconds(0.3);
        aged.AdvanceSeconds(0.3);
        double extraDrop = healthy.BatteryTerminalVolts - aged.BatteryTerminalVolts;
        Assert.InRange(extraDrop, 1.5 * aged.BatteryCurrentAmps * 0.8, 1.5 * aged.BatteryCurrentAmps * 1.2);
        Assert.True(aged.StrokeRate < healthy.StrokeRate);
    }

    [Fact]
    public void Brown_out_holds_the_processor_in_reset_and_it_restarts_with_a_brown_out_cause()
    {
        var b = Running();
        b.Faults.Inject("brown-out", new Dictionary<string, double> { ["volts"] = 3.0, ["duration"] = 0.05 });
        b.Advance(1000);
        Assert.False(b.ProcessorRunning);
        Assert.False(b.Pen.MotorFaultN.Read()); // driver undervoltage lockout
        Assert.False(b.DriverEnabled);
        Assert.Equal(0.0, b.MotorCurrentAmps);
        b.AdvanceSeconds(0.1);
        Assert.True(b.ProcessorRunning);
        Assert.True(b.TryTakeProcessorReset(out var cause));
        Assert.Equal(ResetCause.BrownOut, cause);
        Assert.Equal(ResetCause.BrownOut, b.Pen.System.LastResetCause);
        Assert.False(b.Faults.IsActive("brown-out"));
    }

    [Fact]
    public void Brown_out_above_the_processor_threshold_only_locks_the_driver_out()
    {
        var b = Running();
        b.Faults.Inject("brown-out", new Dictionary<string, double> { ["volts"] = 4.0, ["duration"] = 0 });
        b.AdvanceSeconds(0.01);
        Assert.True(b.ProcessorRunning);
        Assert.False(b.Pen.MotorFaultN.Read());
        Assert.Equal(0.0, b.MotorCurrentAmps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Storage_write_fail_loses_every_write_until_cleared(int throws)
    {
        var b = Bench.Board();
        var old = new byte[] { 1, 2, 3, 4 };
        b.Pen.Storage.Write("rec.bin", 0, old, 0, old.Length);
        b.Faults.Inject("storage-write-fail", $"throws={throws}");
        var fresh = new byte[] { 9, 9, 9, 9 };
        if (throws == 1) Assert.Throws<IOException>(() => b.Pen.Storage.Write("rec.bin", 0, fresh, 0, fresh.Length));
        else b.Pen.Storage.Write("rec.bin", 0, fresh, 0, fresh.Length);
        var back = new byte[4];
        b.Pen.Storage.Read("rec.bin", 0, back, 0, 4);
        Assert.Equal(old, back);
        b.Faults.ClearAll();
        b.Pen.Storage.Write("rec.bin", 0, fresh, 0, fresh.Length);
        b.Pen.Storage.Read("rec.bin", 0, back, 0, 4);
        Assert.Equal(fresh, back);
    }

    [Fact]
    public void Storage_corrupt_flips_stored_bits()
    {
        var b = Bench.Board();
        var data = new byte[256];
        b.Pen.Storage.Write("cal.bin", 0, data, 0, data.Length);
        b.Faults.Inject("storage-corrupt", "bits=5");
        var back = new byte[256];
        b.Pen.Storage.Read("cal.bin", 0, back, 0, back.Length);
        int flipped = back.Sum(x => System.Numerics.BitOperations.PopCount(x));
        Assert.InRange(flipped, 1, 5);
    }

    [Fact]
    public void Storage_power_cut_truncates_the_next_write_kills_the_pen_and_it_powers_up_again()
    {
        var b = Running();
        b.Faults.Inject("storage-power-cut", new Dictionary<string, double> { ["byte"] = 10, ["off"] = 0.2 });
        var data = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray();
        b.Pen.Storage.Write("log.bin", 0, data, 0, data.Length);
        b.Advance(1000);
        Assert.Equal(10, b.Pen.Storage.Length("log.bin"));
        Assert.False(b.ProcessorRunning);
        Assert.False(b.DriverEnabled);
        b.AdvanceSeconds(0.25);
        Assert.True(b.ProcessorRunning);
        Assert.True(b.TryTakeProcessorReset(out var cause));
        Assert.Equal(ResetCause.PowerOn, cause);
        b.Pen.Storage.Write("log.bin", 0, data, 0, data.Length);
        Assert.Equal(64, b.Pen.Storage.Length("log.bin"));
        Assert.False(b.Faults.IsActive("storage-power-cut"));
    }

    [Fact]
    public void Control_loop_overrun_delays_the_given_number_of_ticks()
    {
        var b = Bench.Board();
        Assert.Equal(0, b.Faults.TakeTickDelayMicros());
        b.Faults.Inject("control-loop-overrun", "delay=7000", "count=2");
        Assert.Equal(7000, b.Faults.TakeTickDelayMicros());
        Assert.Equal(7000, b.Faults.TakeTickDelayMicros());
        Assert.Equal(0, b.Faults.TakeTickDelayMicros());
        Assert.False(b.Faults.IsActive("control-loop-overrun"));
    }

    // Cam strokes (ground truth) and counted pulses over the given time with a hall fault in effect.
    private static (long Strokes, long Pulses) StrokesAndPulses(VirtualBoard b, double seconds, string fault, params string[] parameters)
    {
        long strokes0 = b.Strokes;
        uint count0 = b.StrokeCounter.Count;
        if (fault.Length > 0) b.Faults.Inject(fault, parameters);
        b.AdvanceSeconds(seconds);
        return (b.Strokes - strokes0, b.StrokeCounter.Count - count0);
    }

    [Fact]
    public void Hall_missing_every_20_drops_one_pulse_in_20_while_the_cam_strokes_count_on()
    {
        var b = Bench.Spinning();
        var (strokes, pulses) = StrokesAndPulses(b, 2.0, "hall-missing", "every=20");
        Assert.True(strokes > 200, $"{strokes} strokes");
        Assert.InRange(pulses, strokes - strokes / 20 - 1, strokes - strokes / 20 + 1);

        b.Faults.Clear("hall-missing");
        (strokes, pulses) = StrokesAndPulses(b, 0.5, "");
        Assert.InRange(pulses, strokes - 1, strokes + 1);
    }

    [Fact]
    public void Hall_extra_every_10_adds_one_counted_pulse_every_10_strokes()
    {
        var (strokes, pulses) = StrokesAndPulses(Bench.Spinning(), 2.0, "hall-extra", "every=10");
        Assert.InRange(pulses, strokes + strokes / 10 - 1, strokes + strokes / 10 + 1);
    }

    [Fact]
    public void Hall_intermittent_drop_outs_lose_pulses_inside_them_and_keep_the_cam_turning()
    {
        var b = Bench.Spinning(0.95);
        double rate = b.StrokeRate;
        Assert.True(rate > 120, $"rate {rate:F0}");
        var (strokes, pulses) = StrokesAndPulses(b, 2.0, "hall-intermittent", "off=4", "period=50");
        double lost = 1.0 - (double)pulses / strokes;
        // 4 ms of 50 is 8 % of the time; a pulse whose 40° arc outlasts the drop-out is only delayed, not lost.
        Assert.InRange(lost, 0.03, 0.08);
        Assert.InRange(b.StrokeRate, rate * 0.97, rate * 1.03);
    }

    [Fact]
    public void Pot_offset_shifts_the_feedback_reading_but_not_the_needle()
    {
        var b = Running();
        double depth = b.NeedleDepthMm;
        int before = 0;
        for (int k = 0; k < 20; k++) before += b.Pen.DepthFeedback.ReadRaw();
        b.Faults.Inject("pot-offset", "counts=-150");
        int after = 0;
        for (int k = 0; k < 20; k++) after += b.Pen.DepthFeedback.ReadRaw();
        Assert.InRange((after - before) / 20.0, -160, -140);
        Assert.Equal(depth, b.NeedleDepthMm, 6);

        b.Faults.Clear("pot-offset");
        int cleared = 0;
        for (int k = 0; k < 20; k++) cleared += b.Pen.DepthFeedback.ReadRaw();
        Assert.InRange((cleared - before) / 20.0, -10, 10);
    }

    [Fact]
    public void Mcu_clock_drift_stretches_the_processor_clock_and_clearing_restores_its_rate()
    {
        var b = Bench.Board();
        b.AdvanceSeconds(0.1);
        ulong before = b.Clock.NowMicros;
        b.Faults.Inject("mcu-clock-drift", new[] { new KeyValuePair<string, double>("percent", 50) });
        b.AdvanceSeconds(0.1);
        Assert.InRange((long)(b.Clock.NowMicros - before), 149_990, 150_010);
        Assert.Equal(6667, b.Clock.BoardMicrosFor(10_000));
        b.Faults.Clear("mcu-clock-drift");
        ulong mid = b.Clock.NowMicros;
        b.AdvanceSeconds(0.1);
        Assert.InRange((long)(b.Clock.NowMicros - mid), 99_990, 100_010);
    }

    [Fact]
    public void Driver_stuck_on_drives_full_duty_whatever_the_pwm_until_nSLEEP_goes_low()
    {
        var b = Running(SkinProfile.Nominal, 0.3);
        double normal = Bench.MeanStrokeRate(b, 0.2);
        b.Faults.Inject("driver-stuck-on");
        b.AdvanceSeconds(0.3);
        double stuck = Bench.MeanStrokeRate(b, 0.2);
        Assert.True(stuck > normal * 1.8, $"stuck on: {stuck:F1} strokes/s against {normal:F1} at duty 0.3");
        Assert.True(b.StrokeRate > 170, $"the rate passes the overspeed ceiling: {b.StrokeRate:F1}");
        b.Pen.MotorPwm.Duty = 0f;    // the PWM alone cannot stop it
        b.AdvanceSeconds(0.05);
        Assert.True(b.StrokeRate > 170);
        b.Pen.MotorEnable.Write(false);   // nSLEEP low turns every FET off
        b.AdvanceSeconds(0.6);
        Assert.True(b.StrokeRate < 1, $"still turning at {b.StrokeRate:F1} strokes/s after sleep");
    }

    [Fact]
    public void Actuator_runaway_drives_the_needles_to_the_far_stop_whatever_the_set_point()
    {
        var b = Running();
        Bench.SetDepth(b, 0.5);
        b.AdvanceSeconds(0.3);
        b.Faults.Inject("actuator-runaway");
        b.AdvanceSeconds(0.02);
        Assert.InRange(b.NeedleDepthMm, 0.5 + 0.7, 0.5 + 0.9);   // 40 mm/s slew: 0.8 mm in 20 ms
        b.AdvanceSeconds(0.1);
        Assert.InRange(b.NeedleDepthMm, 2.9, 3.0);   // at the far stop (first-order approach, 30 ms)
        Assert.True(b.Pen.DepthFeedback.ReadRaw() > 3800, "the pot follows the runaway");
        b.Faults.Clear("actuator-runaway");
        b.AdvanceSeconds(0.3);
        Assert.InRange(b.NeedleDepthMm, 0.49, 0.51);
    }

    [Fact]
    public void Partial_jam_raises_the_current_while_the_rotor_keeps_turning()
    {
        var b = Running(SkinProfile.Nominal, 0.8);
        double before = b.MotorCurrentAmps;
        double beforeRate = Bench.MeanStrokeRate(b, 0.2);
        b.Faults.Inject("partial-jam", "torque=0.004");
        b.AdvanceSeconds(0.3);
        double extra = b.MotorCurrentAmps - before;
        // 4 mN·m over the torque constant (5.2 mN·m/A) is 0.77 A more, less what the lower speed saves in viscous drag.
        Assert.InRange(extra, 0.6, 0.85);
        Assert.True(Bench.MeanStrokeRate(b, 0.2) > 0.5 * beforeRate, "it drags, it does not stall");
        b.Faults.Clear("partial-jam");
        b.AdvanceSeconds(0.3);
        Assert.InRange(b.MotorCurrentAmps, before * 0.5, before * 1.5);
    }

    [Fact]
    public void Battery_aged_is_normal_at_rest_and_sags_below_the_brown_out_threshold_under_load()
    {
        var b = Bench.Board(SkinProfile.Tough);
        b.Faults.Inject("battery-aged", "soc=0.04", "ohms=1.5");
        b.Advance(1000);
        Assert.InRange(b.BatteryTerminalVolts, 6.25, 6.45);   // a pack at 4 % still reads above the 6.2 V start limit at rest
        b.InsertCartridge(Bench.Cartridge());
        Bench.SetDepth(b, 2.0);
        Bench.Drive(b, 0.9);
        b.AdvanceSeconds(0.05);
        Assert.True(b.BatteryTerminalVolts < 6.0, $"{b.BatteryTerminalVolts:F2} V under {b.BatteryCurrentAmps:F2} A");
        b.Faults.Clear("battery-aged");
        Assert.Equal(0.9, b.BatteryStateOfCharge, 2);
    }
}
