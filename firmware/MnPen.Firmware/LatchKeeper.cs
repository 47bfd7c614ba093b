using MnPen.Hal;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Firmware
{
    /// <summary>
    /// Keeps the supervisor's power-cycle and service faults on flash so no restart clears them: re-latches them at boot
    /// (a power-cycle fault clears only on a power-on start, a service fault only by a service clear) and saves the set
    /// whenever it changes, from Background() with the motor stopped.
    /// </summary>
    public sealed class LatchKeeper
    {
        /// <summary>Event-log argument of a FaultCleared entry: cleared by an acknowledge.</summary>
        public const uint ClearedByAcknowledge = 0;

        /// <summary>Event-log argument of a FaultCleared entry: cleared by switching the pen off and on.</summary>
        public const uint ClearedByPowerCycle = 1;

        /// <summary>Event-log argument of a FaultCleared entry: cleared by a technician's service clear.</summary>
        public const uint ClearedByService = 2;

        private readonly LatchStore _store;
        private readonly SafetySupervisor _safety;
        private ulong _savedMask;
        private int _savedFirst;
        private bool _yieldNext;

        /// <summary>Creates the keeper over the store's latch record and the supervisor it guards.</summary>
        public LatchKeeper(LatchStore store, SafetySupervisor safety)
        {
            _store = store;
            _safety = safety;
        }

        /// <summary>Saves refused or failed since boot (retried at the next Background()).</summary>
        public int SaveFailures { get; private set; }

        /// <summary>True if a fault of this code must outlive a restart.</summary>
        public static bool Persists(FaultCode code)
        {
            ClearPolicy p = FaultCatalog.PolicyOf(code);
            return FaultCatalog.ClassOf(code) == FaultClass.HardTrip && (p == ClearPolicy.PowerCycle || p == ClearPolicy.Service);
        }

        /// <summary>The supervisor's latched causes that must persist, as a mask (bit n = code 100 + n).</summary>
        public ulong PersistentMask()
        {
            ulong all = _safety.LatchedMask;
            ulong keep = 0;
            for (int bit = 0; bit < 64; bit++)
            {
                ulong m = 1UL << bit;
                if ((all & m) != 0 && Persists((FaultCode)(LatchStore.FirstCode + bit))) keep |= m;
            }
            return keep;
        }

        /// <summary>
        /// At boot, before the self-test: latches again what the record holds. A power-cycle fault is dropped (and logged as
        /// cleared) only when this start is a power-on; a reboot, watchdog, brown-out or unknown start keeps it. An unreadable
        /// record may have held a service fault, so the pen assumes it did (StorageCorrupt).
        /// </summary>
        public void Restore(ResetCause cause, EventLog log)
        {
            RecordStatus s = _store.Load();
            _savedMask = _store.Mask;
            _savedFirst = _store.FirstCause;
            if (s == RecordStatus.Corrupt)
            {
                _safety.Trip(FaultCode.StorageCorrupt);
                if (log != null) log.Append(EventKind.StorageRepaired, LatchStore.RecordType, 0u);
                return;
            }
            ulong mask = _store.Mask;
            // The first cause first, so the pen shows the same fault as before the restart.
            if (LatchStore.Contains(mask, _store.FirstCause)) Relatch((FaultCode)_store.FirstCause, cause, log);
            for (int bit = 0; bit < 64; bit++)
            {
                int code = LatchStore.FirstCode + bit;
                if ((mask & (1UL << bit)) != 0 && code != _store.FirstCause) Relatch((FaultCode)code, cause, log);
            }
        }

        private void Relatch(FaultCode code, ResetCause cause, EventLog log)
        {
            ClearPolicy p = FaultCatalog.PolicyOf(code);
            if (p == ClearPolicy.Service || (p == ClearPolicy.PowerCycle && cause != ResetCause.PowerOn))
            {
                _safety.Trip(code);
            }
            else if (p == ClearPolicy.PowerCycle && log != null)
            {
                log.Append(EventKind.FaultCleared, (int)code, ClearedByPowerCycle);
            }
        }

        /// <summary>True if the persistent set differs from the record (a Background() job is due).</summary>
        public bool SaveDue
        {
            get
            {
                ulong want = PersistentMask();
                return want != _savedMask || (want != 0 && FirstOf(want) != _savedFirst);
            }
        }

        /// <summary>
        /// Writes the persistent set if it changed. Returns true if it tried (one Background job), false if nothing was due.
        /// A refused or failed write is retried next time.
        /// </summary>
        public bool Background()
        {
            // After a failed write let one call pass, so a failing flash cannot starve the other background jobs.
            if (_yieldNext)
            {
                _yieldNext = false;
                return false;
            }
            if (!SaveDue) return false;
            ulong want = PersistentMask();
            _store.Mask = want;
            _store.FirstCause = FirstOf(want);
            if (_store.Save() == StoreWriteResult.Ok)
            {
                _savedMask = want;
                _savedFirst = _store.FirstCause;
            }
            else
            {
                SaveFailures++;
                _yieldNext = true;
            }
            return true;
        }

        private int FirstOf(ulong want)
        {
            int active = (int)_safety.ActiveFault;
            if (LatchStore.Contains(want, active)) return active;
            for (int bit = 0; bit < 64; bit++)
                if ((want & (1UL << bit)) != 0) return LatchStore.FirstCode + bit;
            return 0;
        }
    }
}
