namespace MnPen.Safety.Tests;

public class AllocationTests
{
    [Fact]
    [Trait("Requirement", "SAF-RT-01")]
    public void Supervisor_tick_allocates_nothing_through_running_trips_and_clears()
    {
        var rig = new Rig().Booted();
        rig.Run(0.6f, 500); // warm up (JIT) before measuring
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 5; round++)
        {
            rig.Run(0.6f, 1000);
            rig.In.HandpieceCelsius = 39f;
            rig.Run(0.6f, 200);
            rig.In.DriverFault = true;
            rig.Run(0.6f, 5);
            rig.In.DriverFault = false;
            rig.In.HandpieceCelsius = 30f;
            rig.Run(0f, 200);
            rig.Sup.Acknowledge();
            rig.Sup.RunPreRunChecks(rig.In, null!, null!);
            rig.Tick(0f);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
