using MnPen.DeviceTests.Fakes;
using MnPen.Storage;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>The A/B record store keeps the last good record through corruption.</summary>
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
    }
}
