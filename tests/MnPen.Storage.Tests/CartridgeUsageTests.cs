using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;
using MnPen.Safety;

namespace MnPen.Storage.Tests;

public class CartridgeUsageTests
{
    private static void Run(PenStore store, int seconds)
    {
        store.MotorRunning = true;
        for (int i = 0; i < seconds * 10; i++) store.AddRunMicros(100_000);
        store.MotorRunning = false;
        store.Background();
    }

    private static CartridgeImage Image(Ds2431Device dev)
    {
        var img = new CartridgeImage();
        img.Decode(dev.GetMemory());
        return img;
    }

    [Fact]
    public void Verdict_fault_codes_are_the_safety_fault_codes()
    {
        Assert.Equal((int)FaultCode.CartridgeReused, CartridgeChecks.ToFaultCode(CartridgeCheck.Reused));
        Assert.Equal((int)FaultCode.CartridgeAbsent, CartridgeChecks.ToFaultCode(CartridgeCheck.Absent));
        Assert.Equal((int)FaultCode.CartridgeUnreadable, CartridgeChecks.ToFaultCode(CartridgeCheck.Unreadable));
        Assert.Equal((int)FaultCode.CartridgeUnreadable, CartridgeChecks.ToFaultCode(CartridgeCheck.WriteFailed));
        Assert.Equal((int)FaultCode.None, CartridgeChecks.ToFaultCode(CartridgeCheck.Accepted));
    }

    [Fact]
    public void A_cartridge_states_its_needles_puncture_force_in_the_factory_page_and_an_erased_byte_states_none()
    {
        var stated = new CartridgeImage();
        Assert.True(stated.Decode(CartridgeImage.CreateNew(20, 49, 10, 7, 11322, 9497, 3)));
        Assert.Equal(3, stated.NeedlePunctureCentinewtons);
        var erased = new CartridgeImage();
        byte[] old = CartridgeImage.CreateNew(1, 16, 50, 7, 11322, 9497);
        Assert.Equal(CartridgeImage.Blank, old[CartridgeImage.NeedlePunctureAddress]);
        Assert.True(erased.Decode(old));
        Assert.Equal(0, erased.NeedlePunctureCentinewtons);
        // The byte is under the factory CRC: a changed force is a damaged page, not a lighter cartridge.
        old[CartridgeImage.NeedlePunctureAddress] = 1;
        Assert.False(new CartridgeImage().Decode(old));
    }

    [Fact]
    public void A_new_cartridge_is_marked_used_with_first_use_and_run_time_before_and_after_running()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(1001);
        bus.Device = cart;

        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeUsageState.New, Image(cart).UsageState);
        Assert.Equal(CartridgeCheck.Accepted, store.PrepareCartridgeForRun(846_000_000));

        var marked = Image(cart);
        Assert.Equal(CartridgeUsageState.Used, marked.UsageState);
        Assert.Equal(846_000_000u, marked.FirstUseSeconds);
        Assert.Equal(PenStore.SerialId("MNP-000123"), marked.PenId);
        Assert.Equal(0, store.Cartridges.Find(cart.RomId));

        Run(store, 42);
        Assert.Equal(42u, Image(cart).RunSeconds);
        Assert.Equal(42u, store.Cartridges.Get(0).RunSeconds);
        Run(store, 8);
        Assert.Equal(50u, Image(cart).RunSeconds);
    }

    [Fact]
    public void A_used_cartridge_that_was_removed_is_refused_with_fault_201_and_a_log_entry()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(2002);
        bus.Device = cart;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        Run(store, 30);

        bus.Device = null;
        store.CartridgeRemoved();
        store.Background();
        bus.Device = cart;
        var verdict = store.CheckCartridge(TestData.Today);
        store.Background();

        Assert.Equal(CartridgeCheck.Reused, verdict);
        Assert.Equal((int)FaultCode.CartridgeReused, CartridgeChecks.ToFaultCode(verdict));
        Assert.Equal(CartridgeCheck.Reused, store.PrepareCartridgeForRun(2));
        Assert.Contains("cannot be run again", CartridgeChecks.Describe(verdict));

        // The refusal is on flash: a later power-up reads it back, and still refuses the cartridge.
        var after = TestData.NewStore(flash, bus);
        var log = EventLogTests.ReadAll(after.Events);
        var removed = Assert.Single(log, e => e.Kind == EventKind.CartridgeRemoved);
        Assert.Equal(30, removed.Code);
        var refused = Assert.Single(log, e => e.Kind == EventKind.CartridgeRefused);
        Assert.Equal((int)FaultCode.CartridgeReused, refused.Code);
        Assert.Equal(CartridgeRecord.SerialLow(cart.RomId), refused.Argument);
        Assert.Equal(CartridgeCheck.Reused, after.CheckCartridge(TestData.Today));
    }

    [Fact]
    public void Resetting_the_cartridge_usage_mark_does_not_get_past_the_pen_registry()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(3003);
        bus.Device = cart;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        Run(store, 5);
        store.CartridgeRemoved();
        store.Background();

        cart.Poke(CartridgeImage.UsageAddress, Enumerable.Repeat((byte)0xFF, 32).ToArray());
        Assert.Equal(CartridgeUsageState.New, Image(cart).UsageState);

        Assert.Equal(CartridgeCheck.Reused, store.CheckCartridge(TestData.Today));
    }

    [Fact]
    public void A_cartridge_used_by_another_pen_is_refused()
    {
        var cart = TestData.NewCartridge(4004);
        var (_, busA, penA) = TestData.CalibratedPen("MNP-A");
        busA.Device = cart;
        penA.CheckCartridge(TestData.Today);
        Assert.Equal(CartridgeCheck.Accepted, penA.PrepareCartridgeForRun(1));

        var (_, busB, penB) = TestData.CalibratedPen("MNP-B");
        busB.Device = cart;
        Assert.Equal(CartridgeCheck.Reused, penB.CheckCartridge(TestData.Today));
    }

    [Fact]
    public void A_cartridge_seated_but_never_run_may_be_removed_and_used_later()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(5005);
        bus.Device = cart;
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        bus.Device = null;
        store.CartridgeRemoved();
        store.Background();

        bus.Device = cart;
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.Accepted, store.PrepareCartridgeForRun(1));
    }

    [Fact]
    public void After_a_reboot_the_cartridge_still_seated_resumes_with_its_run_time()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(6006);
        bus.Device = cart;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        Run(store, 20);

        var rebooted = TestData.NewStore(flash, bus);
        Assert.Equal(CartridgeCheck.Accepted, rebooted.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.Accepted, rebooted.PrepareCartridgeForRun(2));
        Run(rebooted, 10);
        Assert.Equal(30u, Image(cart).RunSeconds);
        Assert.Equal(1u, Image(cart).FirstUseSeconds);
    }

    [Fact]
    public void A_cartridge_absent_at_boot_counts_as_removed()
    {
        var (flash, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(7007);
        bus.Device = cart;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        Run(store, 3);

        bus.Device = null;
        var rebooted = TestData.NewStore(flash, bus);
        rebooted.CartridgeRemoved(); // the core reports an empty seat at boot
        rebooted.Background();
        bus.Device = cart;
        Assert.Equal(CartridgeCheck.Reused, rebooted.CheckCartridge(TestData.Today));
    }

    [Fact]
    public void Seating_a_different_cartridge_retires_the_previous_one()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var first = TestData.NewCartridge(8001);
        var second = TestData.NewCartridge(8002);
        bus.Device = first;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        Run(store, 3);

        bus.Device = second; // swapped while the presence edge was missed
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        store.PrepareCartridgeForRun(2);
        bus.Device = first;
        Assert.Equal(CartridgeCheck.Reused, store.CheckCartridge(TestData.Today));
    }

    [Fact]
    public void A_swap_handled_before_the_background_runs_retires_only_the_old_cartridge()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var old = TestData.NewCartridge(8101);
        var fresh = TestData.NewCartridge(8102);
        bus.Device = old;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        Run(store, 4);

        bus.Device = null;
        store.CartridgeRemoved(); // from the tick; no Background in between
        bus.Device = fresh;
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.Accepted, store.PrepareCartridgeForRun(2));
        Run(store, 6);

        Assert.Equal(6u, Image(fresh).RunSeconds);
        Assert.Equal(4u, store.Cartridges.Get(store.Cartridges.Find(old.RomId)).RunSeconds);
        Assert.False(store.Cartridges.Get(store.Cartridges.Find(fresh.RomId)).Removed);
        bus.Device = old;
        Assert.Equal(CartridgeCheck.Reused, store.CheckCartridge(TestData.Today));
    }

    [Fact]
    public void A_cartridge_that_stops_accepting_writes_is_not_retried_on_every_background_call()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(8201);
        bus.Device = cart;
        store.CheckCartridge(TestData.Today);
        store.PrepareCartridgeForRun(1);
        cart.SetPageProtection(1, 0x55);
        Run(store, 2);
        long traffic = bus.BytesWrittenByMaster;
        for (int i = 0; i < 100; i++) store.Background();
        Assert.Equal(1, store.UsageWriteFailures);
        Assert.Equal(traffic, bus.BytesWrittenByMaster);
        Assert.Equal(2u, store.Cartridges.Get(0).RunSeconds);
    }

    [Fact]
    public void Pulling_the_cartridge_at_any_bus_byte_of_the_first_use_mark_never_lets_an_unmarked_cartridge_run()
    {
        var (flash, bus, _) = TestData.CalibratedPen();
        var pen = flash.Snapshot();
        var (otherFlash, otherBus, otherPen) = TestData.CalibratedPen("MNP-OTHER");
        var otherState = otherFlash.Snapshot();

        // Bus operations of a complete mark, measured once.
        bus.Device = TestData.NewCartridge(9300);
        var probe = TestData.NewStore(flash, bus);
        probe.CheckCartridge(TestData.Today);
        long start = bus.ResetCount + bus.BytesWrittenByMaster + bus.BytesReadByMaster;
        Assert.Equal(CartridgeCheck.Accepted, probe.PrepareCartridgeForRun(1));
        long total = bus.ResetCount + bus.BytesWrittenByMaster + bus.BytesReadByMaster - start;

        int acceptedRuns = 0, refusedRuns = 0;
        for (long k = 0; k <= total; k++)
        {
            flash.Restore(pen);
            var cart = TestData.NewCartridge(9300);
            bus.Device = cart;
            var store = TestData.NewStore(flash, bus);
            Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
            bus.RemoveDeviceAfter(k);
            var verdict = store.PrepareCartridgeForRun(1);
            bus.RemoveDeviceAfter(-1);

            var image = Image(cart);
            if (verdict == CartridgeCheck.Accepted)
            {
                acceptedRuns++;
                Assert.Equal(CartridgeUsageState.Used, image.UsageState);
                Assert.Equal(store.PenId, image.PenId);
            }
            else refusedRuns++;

            // The presence switch opens; re-seated, this pen never runs it again.
            store.CartridgeRemoved();
            store.Background();
            bus.Device = cart;
            Assert.NotEqual(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));

            // Another pen accepts it only if it was never allowed to run.
            otherFlash.Restore(otherState);
            otherBus.Device = cart;
            var other = TestData.NewStore(otherFlash, otherBus);
            if (other.CheckCartridge(TestData.Today) == CartridgeCheck.Accepted)
                Assert.NotEqual(CartridgeCheck.Accepted, verdict);
        }
        Assert.True(acceptedRuns >= 1 && refusedRuns > 40, $"accepted {acceptedRuns}, refused {refusedRuns} of {total + 1}");
    }

    [Fact]
    public void Absent_unreadable_and_expired_cartridges_are_refused_with_reasons()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        Assert.Equal(CartridgeCheck.Absent, store.CheckCartridge(TestData.Today));

        var broken = TestData.NewCartridge(9001);
        broken.Poke(0x06, new byte[] { 0x00 });
        bus.Device = broken;
        Assert.Equal(CartridgeCheck.Unreadable, store.CheckCartridge(TestData.Today));

        bus.Device = TestData.NewCartridge(9002, expiryDay: TestData.Today - 1);
        Assert.Equal(CartridgeCheck.Expired, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(0)); // date unknown: expiry cannot be judged
        Assert.Contains("expiry", CartridgeChecks.Describe(CartridgeCheck.Expired));
    }

    [Fact]
    public void If_the_usage_mark_cannot_be_written_the_cartridge_is_not_run()
    {
        var (_, bus, store) = TestData.CalibratedPen();
        var cart = TestData.NewCartridge(9100);
        cart.SetPageProtection(1, 0x55);
        bus.Device = cart;
        Assert.Equal(CartridgeCheck.Accepted, store.CheckCartridge(TestData.Today));
        Assert.Equal(CartridgeCheck.WriteFailed, store.PrepareCartridgeForRun(1));
        Assert.Equal(CartridgeCheck.WriteFailed, store.CartridgeStatus);
    }

    [Fact]
    public void Power_cut_while_recording_first_use_never_lets_an_unrecorded_cartridge_run()
    {
        var (flash, bus, store0) = TestData.CalibratedPen();
        var before = flash.Snapshot();
        long cuts = 0;
        PowerCutHarness.CutEverywhere(flash, before,
            f =>
            {
                var cart = TestData.NewCartridge(9200);
                bus.Device = cart;
                var store = TestData.NewStore(f, bus);
                store.CheckCartridge(TestData.Today);
                return () =>
                {
                    var verdict = store.PrepareCartridgeForRun(1);
                    if (verdict == CartridgeCheck.Accepted)
                    {
                        // Allowed to run only if the pen's own record made it to flash.
                        var reg = new CartridgeRegistry(f, new WriteGuard());
                        Assert.Equal(RecordStatus.Ok, reg.Load());
                        Assert.True(reg.Find(cart.RomId) >= 0);
                    }
                };
            },
            (f, n) => { if (n >= 0) cuts++; }, garbageTornByte: true);
        Assert.True(cuts > 0);
    }
}
