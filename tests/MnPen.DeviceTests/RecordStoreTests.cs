using MnPen.DeviceTests.Fakes;
using MnPen.Storage;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>The A/B record store keeps the last good record through corruption and power cuts, on the device runtime.</summary>
    [TestClass]
    public class RecordStoreTests
    {
        private static RecordStore NewStore(FakeStorage storage)
        {
            return new RecordStore(storage, "cal", 1, 32, new WriteGuard());
        }

        private static byte[] Payload(byte seed)
        {
            var p = new byte[16];
            for (int i = 0; i < p.Length; i++) p[i] = (byte)(seed + i);
            return p;
        }

        [TestMethod]
        public void Saved_record_loads_back_identical()
        {
            var storage = new FakeStorage();
            var store = NewStore(storage);
            Assert.AreEqual((int)StoreWriteResult.Ok, (int)store.Save(1, Payload(10), 16));

            var reopened = NewStore(storage);
            Assert.AreEqual((int)RecordStatus.Ok, (int)reopened.Load());
            Assert.AreEqual(16, reopened.PayloadLength);
            for (int i = 0; i < 16; i++) Assert.AreEqual((byte)(10 + i), reopened.Payload[i]);
        }

        [TestMethod]
        public void Never_written_record_is_missing_not_corrupt()
        {
            Assert.AreEqual((int)RecordStatus.Missing, (int)NewStore(new FakeStorage()).Load());
        }

        [TestMethod]
        public void Corrupting_the_newest_slot_falls_back_to_the_other_copy()
        {
            var storage = new FakeStorage();
            var store = NewStore(storage);
            store.Save(1, Payload(10), 16);
            store.Save(1, Payload(50), 16);
            // Damage one slot's payload: the CRC no longer matches, the other slot still holds a valid record.
            storage.CorruptByte(store.SlotName(0), RecordStore.HeaderSize + 3);

            var reopened = NewStore(storage);
            Assert.AreEqual((int)RecordStatus.Ok, (int)reopened.Load());
            Assert.AreEqual(16, reopened.PayloadLength);
        }

        [TestMethod]
        public void Both_slots_damaged_is_reported_corrupt()
        {
            var storage = new FakeStorage();
            var store = NewStore(storage);
            store.Save(1, Payload(10), 16);
            storage.CorruptByte(store.SlotName(0), RecordStore.HeaderSize + 1);
            storage.CorruptByte(store.SlotName(1), RecordStore.HeaderSize + 1);
            Assert.AreEqual((int)RecordStatus.Corrupt, (int)NewStore(storage).Load());
        }

        [TestMethod]
        public void Writes_are_refused_while_the_motor_runs()
        {
            var guard = new WriteGuard();
            var store = new RecordStore(new FakeStorage(), "set", 2, 32, guard);
            guard.MotorRunning = true;
            Assert.AreEqual((int)StoreWriteResult.RefusedMotorRunning, (int)store.Save(1, Payload(1), 16));
        }

        private static bool Holds(RecordStore store, byte seed)
        {
            if (store.PayloadLength != 16) return false;
            for (int i = 0; i < 16; i++)
                if (store.Payload[i] != (byte)(seed + i)) return false;
            return true;
        }

        [TestMethod]
        public void Power_cut_at_every_byte_of_a_save_leaves_the_old_or_the_new_record()
        {
            var probe = new FakeStorage();
            NewStore(probe).Save(1, Payload(10), 16);
            long before = probe.BytesWritten;
            NewStore(probe).Save(1, Payload(50), 16);
            long bytes = probe.BytesWritten - before;
            Assert.IsTrue(bytes > RecordStore.HeaderSize, "a save writes at least a header and its payload");

            int sawOld = 0, sawNew = 0;
            for (long cut = 0; cut < bytes; cut++)
            {
                var storage = new FakeStorage();
                NewStore(storage).Save(1, Payload(10), 16);
                storage.ArmPowerCut(cut);
                // The store catches the storage's exception itself (a failed write is a result, not a crash); a cut
                // while mirroring into the second slot still reports Ok, since the new record is already safe.
                NewStore(storage).Save(1, Payload(50), 16);
                Assert.IsTrue(storage.PowerIsCut, "the cut at byte " + cut + " must happen");
                storage.RestorePower();
                var reopened = NewStore(storage);
                Assert.AreEqual((int)RecordStatus.Ok, (int)reopened.Load(), "after a cut at byte " + cut);
                if (Holds(reopened, 10)) sawOld++;
                else if (Holds(reopened, 50)) sawNew++;
                else Assert.IsTrue(false, "cut at byte " + cut + " loaded a mixture of the two records");
            }
            Assert.IsTrue(sawOld > 0, "an early cut keeps the old record");
            Assert.IsTrue(sawNew > 0, "a cut while mirroring keeps the new record");
        }

        [TestMethod]
        public void Power_cut_during_the_first_save_never_loads_a_partial_record()
        {
            for (long cut = 0; cut < RecordStore.HeaderSize + 16 + RecordStore.TrailerSize; cut++)
            {
                var storage = new FakeStorage();
                storage.ArmPowerCut(cut);
                try
                {
                    NewStore(storage).Save(1, Payload(50), 16);
                }
                catch (PowerCutException)
                {
                }
                storage.RestorePower();
                var reopened = NewStore(storage);
                RecordStatus s = reopened.Load();
                Assert.IsTrue(s != RecordStatus.Ok || Holds(reopened, 50), "cut at byte " + cut + " loaded a partial record");
            }
        }

        [TestMethod]
        public void Calibration_save_cut_anywhere_boots_with_the_old_or_the_new_calibration()
        {
            Calibration older = FakePenBoard.FactoryCalibration();
            Calibration newer = FakePenBoard.FactoryCalibration();
            newer.TechnicianId = "tech-after";
            var probe = new FakeStorage();
            var store = new PenStore(probe, null, null);
            store.Boot(0, 0);
            store.SaveCalibration(older);
            long before = probe.BytesWritten;
            store.SaveCalibration(newer);
            long bytes = probe.BytesWritten - before;

            for (long cut = 0; cut < bytes; cut += 7)
            {
                var storage = new FakeStorage();
                store = new PenStore(storage, null, null);
                store.Boot(0, 0);
                store.SaveCalibration(older);
                storage.ArmPowerCut(cut);
                try
                {
                    store.SaveCalibration(newer);
                }
                catch (PowerCutException)
                {
                }
                storage.RestorePower();
                var rebooted = new PenStore(storage, null, null);
                rebooted.Boot(0, 0);
                Assert.AreEqual((int)CalibrationStatus.Valid, (int)rebooted.CalibrationResult.Status, "cut at byte " + cut);
                string tech = rebooted.Calibration.TechnicianId;
                Assert.IsTrue(tech == older.TechnicianId || tech == newer.TechnicianId, "cut at byte " + cut + " gave " + tech);
            }
        }
    }
}
