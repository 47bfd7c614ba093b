using MnPen.VirtualPen;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware.Tests;

/// <summary>The start-up self-test really exercises the flash: a flash that loses writes fails it.</summary>
public class StorageSelfTestTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Self_test_fails_and_locks_out_when_the_flash_stops_taking_writes(int throws)
    {
        var pen = VirtualPen.VirtualPen.Create(new VirtualPenOptions { Seed = 1, Cartridge = CartridgeKinds.New });
        pen.Board.Faults.Inject("storage-write-fail", $"throws={throws}");
        pen.Boot();
        pen.RunFor(1.5);
        Assert.False(pen.Firmware.StorageCheckPending);
        Assert.Equal(FaultCode.StorageCorrupt, pen.Firmware.Safety.ActiveFault);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        Assert.NotEqual(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.True(pen.Firmware.Safety.HasSeen(FaultCode.StorageCorrupt));
    }

    [Fact]
    public void Self_test_passes_on_working_flash_and_writes_a_new_scratch_record_each_boot()
    {
        var pen = PenHarness.Booted();
        Assert.True(pen.Firmware.Safety.SelfTestPassed);
        Assert.False(pen.Firmware.StorageCheckPending);
        Assert.False(pen.Firmware.Safety.Tripped);
        byte[] first = pen.Board.Flash.GetFile(StorageSelfTest.Name + ".a")!;
        pen.Board.System.Reboot();
        pen.RunFor(0.6);
        pen.Board.System.Reboot();
        pen.RunFor(0.6);
        Assert.True(pen.Firmware.Safety.SelfTestPassed);
        Assert.NotEqual(first, pen.Board.Flash.GetFile(StorageSelfTest.Name + ".a"));
    }

    [Fact]
    public void Scratch_check_fails_on_storage_that_returns_stale_data()
    {
        var flash = new MnPen.Hal.Simulator.Storage.SimulatedFlash();
        var check = new StorageSelfTest(flash, new WriteGuard());
        Assert.True(check.Run(1));
        Assert.True(check.Run(2));
        flash.WriteFailure = MnPen.Hal.Simulator.Storage.FlashWriteFailure.Silent;
        Assert.False(check.Run(3));
        Assert.Contains("not written", check.Reason);
    }
}
