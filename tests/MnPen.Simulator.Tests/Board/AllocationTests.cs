using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Faults;

namespace MnPen.Simulator.Tests.Board;

public class AllocationTests
{
    [Fact]
    public void Advancing_and_reading_the_sensors_allocates_nothing()
    {
        var b = Bench.Board(SkinProfile.Tough, parameters: null);
        b.InsertCartridge(Bench.Cartridge());
        Bench.SetDepth(b, 2.0);
        Bench.Drive(b, 0.7);
        b.Faults.InjectWhen("ntc-open", SimCondition.Parse("winding-temp > 500")); // pending: polled every substep
        b.Faults.Inject("battery-sag", "duration=100");                          // timed: polled every substep
        var pen = b.Pen;
        for (int i = 0; i < 200; i++) Tick(b, pen); // warm-up (JIT, first-use paths)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5000; i++) Tick(b, pen);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(b.StrokeCounter.Count > 500, "the motor ran and produced hall pulses during the measurement");
    }

    private static void Tick(VirtualBoard b, MnPen.Hal.PenBoard pen)
    {
        b.Advance(1000);
        pen.MotorCurrent.ReadRaw();
        pen.Thermistor.ReadRaw();
        pen.BatteryVoltage.ReadRaw();
        pen.DepthFeedback.ReadRaw();
        _ = pen.StrokeCounter.Read(out ulong sampled) + (long)sampled + (long)pen.Clock.NowMicros;
        _ = pen.MotorFaultN.Read() && pen.CartridgePresent.Read() && pen.ButtonStartN.Read();
        pen.Watchdog.Feed();
        b.Faults.TakeTickDelayMicros();
    }
}
