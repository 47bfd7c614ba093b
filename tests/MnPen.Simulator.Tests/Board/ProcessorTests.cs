using MnPen.Hal;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Devices;

namespace MnPen.Simulator.Tests.Board;

public class ProcessorTests
{
    [Fact]
    public void Starved_watchdog_resets_the_processor_and_the_motor_driver_goes_to_sleep()
    {
        var b = Bench.Board(SkinProfile.Air);
        Bench.Drive(b, 0.5);
        b.Pen.Watchdog.Start(100);
        b.AdvanceSeconds(0.09);
        b.Pen.Watchdog.Feed();
        b.AdvanceSeconds(0.09);
        Assert.False(b.TryTakeProcessorReset(out _));
        b.AdvanceSeconds(0.02);
        Assert.True(b.TryTakeProcessorReset(out var cause));
        Assert.Equal(ResetCause.Watchdog, cause);
        Assert.True(b.Pen.Watchdog.CausedLastReset);
        Assert.False(b.DriverEnabled);
        Assert.False(b.Pen.MotorPwm.Running);
        Assert.True(b.Pen.Clock.NowMicros < 25_000, "the processor clock restarts at boot");
        b.AdvanceSeconds(0.5);
        Assert.Equal(0.0, b.MotorCurrentAmps);
    }

    [Fact]
    public void Software_reboot_and_power_latch_are_carried_out_by_the_board()
    {
        var b = Bench.Board();
        b.Pen.System.Reboot();
        Assert.True(b.TryTakeProcessorReset(out var cause));
        Assert.Equal(ResetCause.Software, cause);
        b.Pen.System.HoldPower(false);
        Assert.False(b.ProcessorRunning);
        b.AdvanceSeconds(0.1);
        b.PressPowerButton();
        Assert.True(b.ProcessorRunning);
        Assert.True(b.TryTakeProcessorReset(out cause));
        Assert.Equal(ResetCause.PowerOn, cause);
    }

    [Fact]
    public void Buttons_read_low_while_pressed_and_count_edges()
    {
        var b = Bench.Board();
        Assert.True(b.Pen.ButtonStartN.Read());
        b.Press(SimButton.Start);
        Assert.False(b.Pen.ButtonStartN.Read());
        b.Release(SimButton.Start);
        Assert.True(b.Pen.ButtonStartN.Read());
        Assert.Equal(1u, ((SimDigitalInput)b.Pen.ButtonStartN).FallingEdges);
        Assert.Equal(1u, ((SimDigitalInput)b.Pen.ButtonStartN).RisingEdges);
    }

    [Fact]
    public void Bouncing_contacts_chatter_then_settle()
    {
        var b = new VirtualBoard(new SimOptions { Seed = 3, ButtonBounceMicros = 3000 });
        b.Press(SimButton.RateUp);
        b.AdvanceSeconds(0.01);
        Assert.False(b.Pen.ButtonRateUpN.Read());
        Assert.True(((SimDigitalInput)b.Pen.ButtonRateUpN).FallingEdges > 1, "contact bounce produces extra edges");
    }

    [Fact]
    public void Leds_and_buzzer_show_what_the_firmware_drives()
    {
        var b = Bench.Board();
        b.Pen.LedRed.Write(true);
        b.Pen.Buzzer.Duty = 0.5f;
        b.Pen.Buzzer.Start();
        Assert.True(b.LedRedOn);
        Assert.False(b.LedGreenOn);
        Assert.True(b.BuzzerOn);
        b.Pen.Buzzer.Duty = 0f;
        Assert.False(b.BuzzerOn);
    }

    [Fact]
    public void A_firmware_delay_moves_its_clock_at_once_and_the_physics_catch_up_at_the_next_step()
    {
        var b = Bench.Board(SkinProfile.Air);
        Bench.Drive(b, 0.5);
        b.AdvanceSeconds(0.5);                        // running steadily
        ulong board0 = b.NowMicros, clock0 = b.Pen.Clock.NowMicros;
        long strokes0 = b.Strokes;
        uint pulses0 = b.StrokeCounter.Count;

        b.Pen.Clock.Delay(250_000);                   // the processor is busy for a quarter of a second
        Assert.Equal(clock0 + 250_000, b.Pen.Clock.NowMicros);
        Assert.Equal(board0, b.NowMicros);            // no physics yet: nothing ran while the firmware was busy
        Assert.Equal(250_000, b.BlockedMicros);

        b.Advance(1000);
        Assert.Equal(board0 + 251_000, b.NowMicros);
        Assert.Equal(clock0 + 251_000, b.Pen.Clock.NowMicros);
        Assert.Equal(0, b.BlockedMicros);
        Assert.Equal(250_000, b.TotalBlockedMicros);
        // The motor kept turning through the busy time, and the hall pulses carry its real times.
        Assert.InRange(b.Strokes - strokes0, (long)(0.25 * b.StrokeRate * 0.9), (long)(0.251 * b.StrokeRate * 1.1) + 1);
        Assert.Equal(b.Strokes - strokes0, (long)(b.StrokeCounter.Count - pulses0));
        Assert.InRange(b.StrokeCounter.LastPulseMicros, clock0 + 200_000, clock0 + 251_000);
    }

    [Fact]
    public void Delays_add_up_and_a_zero_or_negative_delay_does_nothing()
    {
        var b = Bench.Board();
        ulong c0 = b.Pen.Clock.NowMicros;
        b.Pen.Clock.Delay(0);
        b.Pen.Clock.Delay(-5);
        Assert.Equal(c0, b.Pen.Clock.NowMicros);
        b.Pen.Clock.Delay(12_000);
        b.Pen.Clock.Delay(12_000);
        Assert.Equal(c0 + 24_000, b.Pen.Clock.NowMicros);
        b.Advance(0);
        Assert.Equal(c0 + 24_000, b.Pen.Clock.NowMicros);
        Assert.Equal(0, b.BlockedMicros);
    }

    [Fact]
    public void A_flash_write_holds_the_processor_for_its_overhead_programming_and_any_sector_erase()
    {
        var b = Bench.Board();
        var f = b.Parameters.Flash;
        b.Pen.Storage.Write("a.bin", 0, new byte[100], 0, 100);
        long one = f.WriteOverheadMicros + (long)Math.Round(f.MicrosPerByte * 100);
        Assert.Equal(one, b.BlockedMicros);
        // Filling the erase block costs one erase on the write that crosses it.
        int rest = f.EraseBlockBytes - 100;
        b.Pen.Storage.Write("a.bin", 100, new byte[rest], 0, rest);
        long two = f.WriteOverheadMicros + (long)Math.Round(f.MicrosPerByte * rest) + f.EraseMicros;
        Assert.Equal(one + two, b.BlockedMicros);
        b.ForgetBlockedTime();
        Assert.Equal(0, b.BlockedMicros);
        Assert.Equal(0, b.TotalBlockedMicros);
        // With the processor off nothing runs, so nothing is held.
        b.Pen.System.HoldPower(false);
        b.Flash.Write("b.bin", 0, new byte[10], 0, 10);
        Assert.Equal(0, b.BlockedMicros);
    }
}
