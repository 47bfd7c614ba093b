using MnPen.Bench;
using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Hal;
using MnPen.VirtualPen;

namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// The endurance suite's judgement can fail: the same day on a known-bad firmware (one that leaks, one blind to the
/// day's faults with the hardware channel off) fails the verdict meant for it, while the real firmware passes it.
/// </summary>
public sealed class EnduranceKnownBadTests
{
    // Four clients (the fourth meets a pulled cartridge) in 5-minute slots, 10 s per area: the structure of the day, short.
    private static readonly DayPlan Short = new(4, 300, 10, 2);

    private static BenchCase Day(Func<PenBoard, PenFirmware>? firmware = null, bool hardwareChannel = true)
    {
        var suite = new EnduranceSuite
        {
            Plan = Short,
            PenOptions = ctx => new VirtualPenOptions { Seed = ctx.Seed, Platform = ctx.Platform, FirmwareFactory = firmware, HardwareChannel = hardwareChannel },
        };
        return Assert.Single(suite.Run(new BenchContext { Seed = 1 }));
    }

    private static string Figures(BenchCase c) => c.Error + " | " + string.Join("; ", c.Measurements.Select(m => m.Name + "=" + m.Value)) + " | " + string.Join(" / ", c.Findings);

    [Fact]
    public void The_real_firmware_passes_the_short_day()
    {
        var day = Day();
        Assert.True(day.Passed, Figures(day));
        Assert.Equal(1, day.Find("faultsInjected")!.Value);
        Assert.Equal(12, day.Find("sessionsRun")!.Value);
    }

    [Fact]
    public void A_firmware_that_keeps_every_duty_it_writes_fails_no_heap_growth()
    {
        var day = Day(board =>
        {
            if (board.MotorPwm is not LeakingPwm) board.MotorPwm = new LeakingPwm(board.MotorPwm);
            return new PenFirmware(board);
        });
        var heap = day.Find("heapGrowth")!;
        Assert.False(heap.Passed, Figures(day));
        Assert.False(day.Passed);
        // The leak is the only thing wrong with it: the sessions ran and the fault was caught.
        Assert.Equal(0, day.Find("sessionsFailed")!.Value);
        Assert.Equal(0, day.Find("missedFaults")!.Value);
    }

    [Fact]
    public void A_firmware_blind_to_the_cartridge_switch_without_the_hardware_channel_fails_no_missed_fault()
    {
        var day = Day(BlindFirmware.Factory(FirmwareSense.Cartridge), hardwareChannel: false);
        Assert.False(day.Find("missedFaults")!.Passed, Figures(day));
        Assert.False(day.Passed);
        Assert.Contains(day.Findings, f => f.Contains("cartridge-removed missed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_blind_firmware_is_still_stopped_by_the_hardware_channel()
    {
        // The hardware channel's cartridge switch cuts the drive: the needle stops, the firmware sees the cut.
        var day = Day(BlindFirmware.Factory(FirmwareSense.Cartridge));
        Assert.Equal(0, day.Find("missedFaults")!.Value);
    }

    /// <summary>A motor PWM driver that records every duty written in a list it never trims (a leak in the tick).</summary>
    private sealed class LeakingPwm(IPwmChannel inner) : IPwmChannel
    {
        private readonly List<object> _history = new();

        public int FrequencyHz { get => inner.FrequencyHz; set => inner.FrequencyHz = value; }

        public float Duty
        {
            get => inner.Duty;
            set
            {
                _history.Add(value);
                inner.Duty = value;
            }
        }

        public bool Running => inner.Running;

        public void Start() => inner.Start();

        public void Stop() => inner.Stop();
    }
}
