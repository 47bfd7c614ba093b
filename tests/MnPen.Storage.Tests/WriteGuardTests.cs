using MnPen.Hal.Simulator.Cartridge;

namespace MnPen.Storage.Tests;

public class WriteGuardTests
{
    [Fact]
    public void Nothing_is_written_to_flash_or_cartridge_while_the_motor_runs()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(77);
        bus.Device = cart;
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.Accepted, store.PrepareCartridgeForRun(1000));
        store.Background();
        int writes = flash.WriteCount;
        int rowWrites = cart.RowWrites;

        store.MotorRunning = true;
        Assert.Equal(StoreWriteResult.RefusedMotorRunning, store.SaveSettings(Settings.CreateDefaults()));
        Assert.Equal(StoreWriteResult.RefusedMotorRunning, store.SaveCalibration(TestData.ValidCalibration(kp: 0.005f)));
        for (int tick = 0; tick < 5000; tick++)
        {
            store.AddRunMicros(1000);
            if (tick % 500 == 0) store.Events.AppendFault(108, 120f, 1.2f, 0.8f, 42f, 7.2f);
            store.Background();
        }
        Assert.Equal(StoreWriteResult.RefusedMotorRunning, store.Events.Flush());
        Assert.Equal(writes, flash.WriteCount);
        Assert.Equal(rowWrites, cart.RowWrites);
        Assert.True(store.Guard.RefusedWrites > 0);

        store.MotorRunning = false;
        store.Background();
        Assert.True(flash.WriteCount > writes, "the queued entries and run time are written once the motor stops");
        Assert.True(cart.RowWrites > rowWrites, "the cartridge's run time is written once the motor stops");
        Assert.Equal(0, store.Events.Pending);
        var image = new CartridgeImage();
        image.Decode(cart.GetMemory());
        Assert.Equal(5u, image.RunSeconds);
    }
}
