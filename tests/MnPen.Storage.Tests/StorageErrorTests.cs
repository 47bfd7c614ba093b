using MnPen.Hal;
using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class StorageErrorTests
{
    /// <summary>Storage whose every call throws, as a failed flash or file system would.</summary>
    private sealed class BrokenStorage : INonVolatileStorage
    {
        public int Length(string name) => throw new IOException("flash gone");
        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count) => throw new IOException("flash gone");
        public void Write(string name, int offset, byte[] data, int dataOffset, int count) => throw new IOException("flash gone");
        public void Delete(string name) => throw new IOException("flash gone");
    }

    /// <summary>Storage that accepts writes but silently keeps nothing (a write-protected or worn-out part).</summary>
    private sealed class ForgetfulStorage : INonVolatileStorage
    {
        private readonly SimulatedFlash _inner = new();
        public int Length(string name) => _inner.Length(name);
        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count) => _inner.Read(name, offset, buffer, bufferOffset, count);
        public void Write(string name, int offset, byte[] data, int dataOffset, int count) { }
        public void Delete(string name) => _inner.Delete(name);
    }

    [Fact]
    public void A_storage_that_throws_never_crashes_boot_and_leaves_the_pen_uncalibrated()
    {
        var store = new PenStore(new BrokenStorage(), new SimOneWireBus(), null);
        store.Boot(0, 1);
        store.Events.AppendFault(100, 1, 2, 3, 4, 5);
        store.Background();

        Assert.False(store.CalibrationResult.IsValid);
        Assert.Null(store.Calibration);
        Assert.NotNull(store.Settings);
        Assert.Equal(StoreWriteResult.StorageError, store.SaveCalibration(TestData.ValidCalibration()));
        Assert.Contains("storage error", store.LastError);
        Assert.Equal(StoreWriteResult.StorageError, store.Events.Flush());
        Assert.Equal(2, store.Events.Pending); // boot and fault entries stay queued for a later flush
    }

    [Fact]
    public void A_write_that_does_not_stick_is_caught_by_the_read_back()
    {
        var store = new PenStore(new ForgetfulStorage(), new SimOneWireBus(), null);
        store.Boot(0, 1);
        Assert.Equal(StoreWriteResult.VerifyFailed, store.SaveSettings(Settings.CreateDefaults()));
        Assert.Contains("read-back", store.LastError);
    }

    [Fact]
    public void Cartridge_checks_with_broken_pen_storage_refuse_to_run_a_new_cartridge()
    {
        var bus = new SimOneWireBus { Device = TestData.NewCartridge(1) };
        var store = new PenStore(new BrokenStorage(), bus, null);
        store.CartridgeMemory.ProgramDelayMillis = 0;
        store.Boot(0, 1);
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.WriteFailed, store.PrepareCartridgeForRun(1));
    }
}
