using System;
using MnPen.Hal;

namespace MnPen.Storage
{
    /// <summary>
    /// The pen's history: a ring of fixed-size entries in one file, surviving power cycles. Appending (allowed in the
    /// control tick) only fills a preallocated RAM entry; <see cref="Flush"/> writes them when the motor is stopped.
    /// </summary>
    /// <remarks>
    /// Entry n (sequence n = 1, 2, ...) lives at slot n mod Capacity, so the oldest entry is overwritten in place.
    /// Every entry carries its sequence number and a CRC32: a torn or rotted entry is skipped on reading, and the newest
    /// valid sequence found at load continues the numbering. A cut while writing an entry loses that entry and the oldest
    /// one it was replacing, nothing else. The RAM queue is single-producer (tick) / single-consumer (background).
    /// An event identical to one of the last <see cref="FoldWindow"/> entries (same kind, code and argument, no
    /// measurements) is folded into it: that entry is rewritten in place with its repeat count raised and the latest boot
    /// and time. A flood that repeats a short cycle of events (a reboot loop logs Boot, then the seated cartridge) so takes
    /// a few slots per 256 cycles instead of the whole ring; entries stay in order of first occurrence.
    /// </remarks>
    public sealed class EventLog
    {
        /// <summary>File that holds the ring.</summary>
        public const string FileName = "events.log";

        /// <summary>Code of a storage-repaired entry about the log itself (the other records use their record type byte).</summary>
        public const int RecordType = 0x45;

        /// <summary>Default number of entries kept (8 KB of flash).</summary>
        public const int DefaultCapacity = 256;

        /// <summary>Entries read per storage call while scanning at load.</summary>
        public const int ScanChunkEntries = 16;

        /// <summary>How many of the newest entries a new identical event may be folded into.</summary>
        public const int FoldWindow = 4;

        /// <summary>Default RAM queue depth (entries appended between flushes).</summary>
        public const int DefaultQueueSize = 32;

        private readonly INonVolatileStorage _storage;
        private readonly WriteGuard _guard;
        private readonly IClock _clock;
        private readonly int _capacity;
        private readonly string _fileName;
        private readonly EventEntry[] _queue;
        private readonly byte[] _buffer = new byte[EventEntry.Size];
        private readonly EventEntry _scratch = new EventEntry();
        private readonly EventEntry[] _recent = new EventEntry[FoldWindow];
        private readonly EventEntry _fold = new EventEntry();
        private int _recentCount;
        private int _head; // next to flush; written by the consumer only
        private int _tail; // next free; written by the producer only
        private int _dropped;
        private int _droppedReported;

        /// <summary>Creates a log over the storage; call <see cref="Load"/> before use.</summary>
        public EventLog(INonVolatileStorage storage, WriteGuard guard, IClock clock, int capacity, int queueSize)
            : this(storage, guard, clock, capacity, queueSize, FileName)
        {
        }

        /// <summary>Creates a log in its own file (the pen keeps security events apart, see PenStore.Security).</summary>
        public EventLog(INonVolatileStorage storage, WriteGuard guard, IClock clock, int capacity, int queueSize, string fileName)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            if (capacity < 4 || queueSize < 2)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }
            _storage = storage;
            _guard = guard ?? new WriteGuard();
            _clock = clock;
            _capacity = capacity;
            _fileName = fileName;
            _queue = new EventEntry[queueSize];
            for (int i = 0; i < queueSize; i++)
            {
                _queue[i] = new EventEntry();
            }
            for (int i = 0; i < FoldWindow; i++)
            {
                _recent[i] = new EventEntry();
            }
        }

        /// <summary>Entries the ring holds before overwriting the oldest.</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Sequence of the newest entry on flash (0 if none).</summary>
        public uint NewestSequence { get; private set; }

        /// <summary>Sequence of the oldest valid entry on flash (0 if none).</summary>
        public uint OldestSequence { get; private set; }

        /// <summary>Sequences from <see cref="OldestSequence"/> to <see cref="NewestSequence"/> (a torn one among them reads as absent).</summary>
        public int Count { get; private set; }

        /// <summary>Entries that passed their checks at the last <see cref="Load"/>.</summary>
        public int ValidAtLoad { get; private set; }

        /// <summary>Entries found torn or corrupt by the last <see cref="Load"/>.</summary>
        public int DamagedAtLoad { get; private set; }

        /// <summary>Boot number of the newest entry found at load (0 if the log was empty).</summary>
        public int LastBootNumber { get; private set; }

        /// <summary>Boot number stamped on new entries.</summary>
        public int BootNumber { get; set; }

        /// <summary>Entries waiting in RAM for <see cref="Flush"/>.</summary>
        public int Pending
        {
            get { return _tail - _head; }
        }

        /// <summary>Entries dropped since boot because the RAM queue was full.</summary>
        public int Dropped
        {
            get { return _dropped; }
        }

        /// <summary>Scans the ring: finds the newest sequence, counts valid entries and skips torn ones.</summary>
        public void Load()
        {
            uint newest = 0;
            uint oldest = 0;
            int count = 0;
            int damaged = 0;
            int lastBoot = 0;
            int length;
            try
            {
                length = _storage.Length(_fileName);
            }
            catch (Exception)
            {
                length = -1;
            }
            if (length < _capacity * EventEntry.Size)
            {
                length = Format(length < 0 ? 0 : length);
            }
            int slots = length <= 0 ? 0 : length / EventEntry.Size;
            if (slots > _capacity)
            {
                slots = _capacity;
            }
            byte[] chunk = new byte[ScanChunkEntries * EventEntry.Size];
            int chunkStart = 0;
            int chunkSlots = 0;
            for (int slot = 0; slot < slots; slot++)
            {
                if (slot >= chunkStart + chunkSlots)
                {
                    // Read several entries per call: each call opens the file on the pen.
                    chunkStart = slot;
                    chunkSlots = ReadChunk(slot, slots - slot < ScanChunkEntries ? slots - slot : ScanChunkEntries, chunk);
                }
                int at = (slot - chunkStart) * EventEntry.Size;
                if (slot >= chunkStart + chunkSlots || !_scratch.Decode(chunk, at))
                {
                    if (slot >= chunkStart + chunkSlots || !IsErased(chunk, at))
                    {
                        damaged++;
                    }
                    continue;
                }
                if (_scratch.Sequence % (uint)_capacity != (uint)slot)
                {
                    damaged++;
                    continue;
                }
                count++;
                if (newest == 0 || (int)(_scratch.Sequence - newest) > 0)
                {
                    newest = _scratch.Sequence;
                }
                // Folding rewrites older entries with later boots: the last boot is the highest number held.
                if (_scratch.BootNumber > lastBoot)
                {
                    lastBoot = _scratch.BootNumber;
                }
                if (oldest == 0 || (int)(_scratch.Sequence - oldest) < 0)
                {
                    oldest = _scratch.Sequence;
                }
            }
            if (newest != 0 && (int)(newest - oldest) >= _capacity)
            {
                // An entry older than the ring span survives only where its replacement was torn: out of range.
                oldest = newest - (uint)_capacity + 1;
            }
            NewestSequence = newest;
            OldestSequence = oldest;
            Count = newest == 0 ? 0 : (int)(newest - oldest) + 1;
            _recentCount = 0;
            for (int k = 0; k < FoldWindow && newest != 0 && k < Count; k++)
            {
                uint seq = newest - (uint)k;
                if (!ReadSlot((int)(seq % (uint)_capacity), _recent[_recentCount]) || _recent[_recentCount].Sequence != seq)
                {
                    break;
                }
                _recentCount++;
            }
            ValidAtLoad = count;
            DamagedAtLoad = damaged;
            LastBootNumber = lastBoot;
        }

        /// <summary>Queues an entry with no measurements. Allocation-free; false if the queue is full (counted in <see cref="Dropped"/>).</summary>
        public bool Append(EventKind kind, int code, uint argument)
        {
            return Append(kind, code, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, argument);
        }

        /// <summary>Queues a fault entry with its snapshot. Allocation-free, safe in the control tick.</summary>
        public bool AppendFault(int faultCode, float rate, float depthMm, float currentAmps, float temperatureC, float batteryVolts)
        {
            return Append(EventKind.Fault, faultCode, rate, depthMm, currentAmps, temperatureC, batteryVolts, 0);
        }

        /// <summary>Queues an entry with every field. Allocation-free, safe in the control tick.</summary>
        public bool Append(EventKind kind, int code, float rate, float depthMm, float currentAmps, float temperatureC, float batteryVolts, uint argument)
        {
            if (_tail - _head >= _queue.Length)
            {
                _dropped++;
                return false;
            }
            EventEntry e = _queue[_tail % _queue.Length];
            e.Sequence = 0;
            e.BootNumber = BootNumber;
            e.UptimeMillis = _clock == null ? 0u : (uint)(_clock.NowMicros / 1000UL);
            e.Kind = kind;
            e.Code = code;
            e.RateStrokesPerSecond = rate;
            e.DepthMm = depthMm;
            e.CurrentAmps = currentAmps;
            e.TemperatureC = temperatureC;
            e.BatteryVolts = batteryVolts;
            e.Argument = argument;
            e.Repeats = 0;
            _tail++;
            return true;
        }

        /// <summary>Writes queued entries to flash. Refused while the motor runs; on a storage error the rest stay queued.</summary>
        public StoreWriteResult Flush()
        {
            if (_head == _tail && _dropped == _droppedReported)
            {
                return StoreWriteResult.Ok;
            }
            if (!_guard.MayWrite())
            {
                return StoreWriteResult.RefusedMotorRunning;
            }
            while (_head != _tail)
            {
                StoreWriteResult r = WriteEntry(_queue[_head % _queue.Length]);
                if (r != StoreWriteResult.Ok)
                {
                    return r;
                }
                _head++;
            }
            if (_dropped != _droppedReported)
            {
                _scratch.BootNumber = BootNumber;
                _scratch.UptimeMillis = _clock == null ? 0u : (uint)(_clock.NowMicros / 1000UL);
                _scratch.Kind = EventKind.LogOverflow;
                _scratch.Code = 0;
                _scratch.RateStrokesPerSecond = float.NaN;
                _scratch.DepthMm = float.NaN;
                _scratch.CurrentAmps = float.NaN;
                _scratch.TemperatureC = float.NaN;
                _scratch.BatteryVolts = float.NaN;
                _scratch.Argument = (uint)(_dropped - _droppedReported);
                _scratch.Repeats = 0;
                StoreWriteResult r = WriteEntry(_scratch);
                if (r != StoreWriteResult.Ok)
                {
                    return r;
                }
                _droppedReported = _dropped;
            }
            return StoreWriteResult.Ok;
        }

        /// <summary>Reads the entry with the given sequence from flash into the caller's entry; false if overwritten, torn or never written.</summary>
        public bool TryRead(uint sequence, EventEntry into)
        {
            if (sequence == 0 || NewestSequence == 0 || (int)(sequence - NewestSequence) > 0 ||
                (int)(NewestSequence - sequence) >= _capacity)
            {
                return false;
            }
            if (!ReadSlot((int)(sequence % (uint)_capacity), _scratch) || _scratch.Sequence != sequence)
            {
                return false;
            }
            into.CopyFrom(_scratch);
            return true;
        }

        /// <summary>Deletes the whole log (service use).</summary>
        public StoreWriteResult Clear()
        {
            if (!_guard.MayWrite())
            {
                return StoreWriteResult.RefusedMotorRunning;
            }
            try
            {
                _storage.Delete(_fileName);
            }
            catch (Exception)
            {
                return StoreWriteResult.StorageError;
            }
            NewestSequence = 0;
            OldestSequence = 0;
            Count = 0;
            _recentCount = 0;
            return StoreWriteResult.Ok;
        }

        /// <summary>Text name of an event kind (enum ToString is unreliable on the pen).</summary>
        public static string KindName(EventKind kind)
        {
            switch (kind)
            {
                case EventKind.Boot: return "boot";
                case EventKind.Fault: return "fault";
                case EventKind.SessionStart: return "session-start";
                case EventKind.SessionEnd: return "session-end";
                case EventKind.CartridgeInserted: return "cartridge-inserted";
                case EventKind.CartridgeRemoved: return "cartridge-removed";
                case EventKind.CartridgeRefused: return "cartridge-refused";
                case EventKind.CalibrationChanged: return "calibration-changed";
                case EventKind.SettingsChanged: return "settings-changed";
                case EventKind.FirmwareUpdated: return "firmware-updated";
                case EventKind.StorageRepaired: return "storage-repaired";
                case EventKind.LogOverflow: return "log-overflow";
                case EventKind.FaultCleared: return "fault-cleared";
                case EventKind.ServiceAccess: return "service-access";
                case EventKind.SessionInterrupted: return "session-interrupted";
                default: return "none";
            }
        }

        private StoreWriteResult WriteEntry(EventEntry e)
        {
            for (int k = 0; k < _recentCount; k++)
            {
                if (_recent[k].Repeats < EventEntry.MaxRepeats && _recent[k].SameEventAs(e))
                {
                    return FoldInto(_recent[k], e);
                }
            }
            uint sequence = NewestSequence + 1;
            if (sequence == 0)
            {
                sequence = 1;
            }
            e.Sequence = sequence;
            e.Encode(_buffer, 0);
            int slot = (int)(sequence % (uint)_capacity);
            try
            {
                _storage.Write(_fileName, slot * EventEntry.Size, _buffer, 0, EventEntry.Size);
            }
            catch (Exception)
            {
                e.Sequence = 0;
                return StoreWriteResult.StorageError;
            }
            NewestSequence = sequence;
            EventEntry oldest = _recent[FoldWindow - 1];
            for (int k = FoldWindow - 1; k > 0; k--)
            {
                _recent[k] = _recent[k - 1];
            }
            _recent[0] = oldest;
            oldest.CopyFrom(e);
            if (_recentCount < FoldWindow)
            {
                _recentCount++;
            }
            if (OldestSequence == 0)
            {
                OldestSequence = sequence;
            }
            if ((int)(sequence - OldestSequence) >= _capacity)
            {
                OldestSequence = sequence - (uint)_capacity + 1;
            }
            Count = (int)(sequence - OldestSequence) + 1;
            return StoreWriteResult.Ok;
        }

        private StoreWriteResult FoldInto(EventEntry target, EventEntry e)
        {
            _fold.CopyFrom(target);
            _fold.Repeats = target.Repeats + 1;
            _fold.BootNumber = e.BootNumber;
            _fold.UptimeMillis = e.UptimeMillis;
            _fold.Encode(_buffer, 0);
            try
            {
                _storage.Write(_fileName, (int)(target.Sequence % (uint)_capacity) * EventEntry.Size, _buffer, 0, EventEntry.Size);
            }
            catch (Exception)
            {
                return StoreWriteResult.StorageError;
            }
            target.CopyFrom(_fold);
            e.Sequence = target.Sequence;
            return StoreWriteResult.Ok;
        }

        // Sizes the ring file once, with zeros (= empty slots), so no later write lands past the end of the file:
        // not every file system fills a gap left by seeking beyond the end. Returns the resulting length.
        private int Format(int length)
        {
            if (!_guard.MayWrite())
            {
                return length;
            }
            int total = _capacity * EventEntry.Size;
            byte[] zeros = new byte[total - length];
            try
            {
                _storage.Write(_fileName, length, zeros, 0, zeros.Length);
                return _storage.Length(_fileName);
            }
            catch (Exception)
            {
                return length;
            }
        }

        private bool ReadSlot(int slot, EventEntry into)
        {
            int n;
            try
            {
                n = _storage.Read(_fileName, slot * EventEntry.Size, _buffer, 0, EventEntry.Size);
            }
            catch (Exception)
            {
                return false;
            }
            return n == EventEntry.Size && into.Decode(_buffer, 0);
        }

        private int ReadChunk(int firstSlot, int slots, byte[] chunk)
        {
            try
            {
                int n = _storage.Read(_fileName, firstSlot * EventEntry.Size, chunk, 0, slots * EventEntry.Size);
                return n / EventEntry.Size;
            }
            catch (Exception)
            {
                return 0;
            }
        }

        private static bool IsErased(byte[] b, int offset)
        {
            for (int i = 0; i < EventEntry.Size; i++)
            {
                if (b[offset + i] != 0)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
