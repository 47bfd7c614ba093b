using MnPen.Hal;
using MnPen.VirtualPen;

namespace MnPen.Firmware.Tests;

public class LivenessTests
{
    /// <summary>Records, at each feed, how many safety ticks the supervisor had completed.</summary>
    private sealed class RecordingWatchdog : IWatchdog
    {
        public PenFirmware? Firmware;
        public readonly List<uint> CompletedAtFeed = new();
        public void Start(int timeoutMillis) { }
        public void Feed() => CompletedAtFeed.Add(Firmware!.Safety.CompletedTicks);
        public bool CausedLastReset => false;
    }

    [Fact]
    public void The_watchdog_is_fed_once_per_tick_and_only_after_the_supervisor_has_completed_that_tick()
    {
        var dog = new RecordingWatchdog();
        var pen = VirtualPen.VirtualPen.Create(new VirtualPenOptions
        {
            Seed = 1,
            FirmwareFactory = b =>
            {
                b.Watchdog = dog;
                var fw = new PenFirmware(b);
                dog.Firmware = fw;
                return fw;
            },
        });
        pen.Boot();
        pen.RunFor(1.0);
        // 1 s of 10 ms ticks less the first boot's flash formatting and the cartridge read, both with the driver asleep.
        Assert.True(dog.CompletedAtFeed.Count >= 50, dog.CompletedAtFeed.Count + " feeds");
        Assert.Equal(pen.Ticks, dog.CompletedAtFeed.Count);
        for (int k = 0; k < dog.CompletedAtFeed.Count; k++)
            Assert.Equal((uint)(k + 1), dog.CompletedAtFeed[k]);   // feed k came after safety tick k completed, never first thing
    }
}
