using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// The pen's own list of recently run cartridges (A/B record "carts"): enforces single use even if a cartridge's
    /// usage mark were reset, and lets the pen resume the cartridge it was using after a reboot.
    /// </summary>
    public sealed class CartridgeRegistry
    {
        /// <summary>Record type byte in the frame header.</summary>
        public const byte RecordType = 0x4B;

        /// <summary>Schema version of the payload.</summary>
        public const int Version = 1;

        /// <summary>Cartridges remembered; when full the oldest removed one is forgotten (its own usage mark still refuses it).</summary>
        public const int Capacity = 32;

        private const int EntrySize = 17;

        private readonly RecordStore _store;
        private readonly CartridgeRecord[] _entries = new CartridgeRecord[Capacity];
        private readonly byte[] _payload = new byte[1 + Capacity * EntrySize];
        private int _count;

        /// <summary>Creates the registry over the storage.</summary>
        public CartridgeRegistry(INonVolatileStorage storage, WriteGuard guard)
        {
            _store = new RecordStore(storage, "carts", RecordType, 1 + Capacity * EntrySize, guard);
            for (int i = 0; i < Capacity; i++)
            {
                _entries[i] = new CartridgeRecord();
            }
        }

        /// <summary>The underlying A/B store (tests and diagnostics).</summary>
        public RecordStore Store
        {
            get { return _store; }
        }

        /// <summary>Cartridges remembered.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Record by index, oldest first.</summary>
        public CartridgeRecord Get(int index)
        {
            return _entries[index];
        }

        /// <summary>Loads the list; on Missing or Corrupt the list starts empty (the cartridges' own marks still hold).</summary>
        public RecordStatus Load()
        {
            _count = 0;
            RecordStatus status = _store.Load();
            if (status != RecordStatus.Ok)
            {
                return status;
            }
            byte[] p = _store.Payload;
            int n = p[0];
            if (_store.Version != Version || n > Capacity || 1 + n * EntrySize > _store.PayloadLength)
            {
                return RecordStatus.Corrupt;
            }
            for (int i = 0; i < n; i++)
            {
                int o = 1 + i * EntrySize;
                CartridgeRecord r = _entries[i];
                for (int k = 0; k < 8; k++)
                {
                    r.RomId[k] = p[o + k];
                }
                r.FirstUseSeconds = ByteCodec.GetU32(p, o + 8);
                r.RunSeconds = ByteCodec.GetU32(p, o + 12);
                r.Removed = (p[o + 16] & 1) != 0;
            }
            _count = n;
            return RecordStatus.Ok;
        }

        /// <summary>Index of the record for rom, or -1.</summary>
        public int Find(byte[] rom)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_entries[i].Matches(rom))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Adds (or returns) the record for a cartridge about to run for the first time. Call <see cref="Save"/> after.</summary>
        public CartridgeRecord Add(byte[] rom, uint firstUseSeconds)
        {
            int i = Find(rom);
            if (i >= 0)
            {
                return _entries[i];
            }
            if (_count == Capacity)
            {
                Evict();
            }
            CartridgeRecord r = _entries[_count++];
            for (int k = 0; k < 8; k++)
            {
                r.RomId[k] = rom[k];
            }
            r.FirstUseSeconds = firstUseSeconds;
            r.RunSeconds = 0;
            r.Removed = false;
            return r;
        }

        /// <summary>Writes the list (refused while the motor runs).</summary>
        public StoreWriteResult Save()
        {
            _payload[0] = (byte)_count;
            for (int i = 0; i < _count; i++)
            {
                int o = 1 + i * EntrySize;
                CartridgeRecord r = _entries[i];
                for (int k = 0; k < 8; k++)
                {
                    _payload[o + k] = r.RomId[k];
                }
                ByteCodec.PutU32(_payload, o + 8, r.FirstUseSeconds);
                ByteCodec.PutU32(_payload, o + 12, r.RunSeconds);
                _payload[o + 16] = (byte)(r.Removed ? 1 : 0);
            }
            return _store.Save(Version, _payload, 1 + _count * EntrySize);
        }

        // Forget the oldest removed cartridge (or, if none, the oldest one) and keep the rest in order.
        private void Evict()
        {
            int victim = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_entries[i].Removed)
                {
                    victim = i;
                    break;
                }
            }
            CartridgeRecord freed = _entries[victim];
            for (int i = victim; i < _count - 1; i++)
            {
                _entries[i] = _entries[i + 1];
            }
            _entries[_count - 1] = freed;
            _count--;
        }
    }
}
