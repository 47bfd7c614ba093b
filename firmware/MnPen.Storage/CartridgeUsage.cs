namespace MnPen.Storage
{
    /// <summary>
    /// Single-use enforcement and run-time accounting for the seated cartridge, over its ID memory and the pen's
    /// cartridge registry (policy in docs/storage.md, layout in docs/cartridge.md). Used through <see cref="PenStore"/>.
    /// </summary>
    public sealed class CartridgeUsage
    {
        private readonly CartridgeRegistry _registry;
        private readonly CartridgeMemory _memory;
        private readonly EventLog _events;
        private readonly WriteGuard _guard;
        private readonly byte[] _image = new byte[CartridgeImage.Size];
        private readonly byte[] _rom = new byte[8];
        private readonly byte[] _usage = new byte[CartridgeImage.UsageSize];
        private readonly CartridgeImage _cartridge = new CartridgeImage();
        private CartridgeRecord _cartridgeRecord;
        private bool _prepared;
        private bool _removalPending;
        private bool _registryDirty;
        private long _runMicros;
        private uint _runSecondsBase;
        private uint _runSecondsWritten;

        /// <summary>Creates the tracker over the registry, the 1-Wire driver and the event log, sharing the write guard.</summary>
        public CartridgeUsage(CartridgeRegistry registry, CartridgeMemory memory, EventLog events, WriteGuard guard)
        {
            _registry = registry;
            _memory = memory;
            _events = events;
            _guard = guard;
            Status = CartridgeCheck.NotChecked;
        }

        /// <summary>Verdict on the seated cartridge.</summary>
        public CartridgeCheck Status { get; private set; }

        /// <summary>Decoded ID memory of the seated cartridge (valid after <see cref="Check"/>).</summary>
        public CartridgeImage Image
        {
            get { return _cartridge; }
        }

        /// <summary>ROM id of the last cartridge checked (zeros if none answered).</summary>
        public byte[] RomId
        {
            get { return _rom; }
        }

        /// <summary>Run time of the seated cartridge including the unsaved part (s).</summary>
        public uint RunSeconds
        {
            get { return _runSecondsBase + (uint)(_runMicros / 1000000L); }
        }

        /// <summary>Run-time updates that could not be written to the cartridge since boot (the registry still has them).</summary>
        public int UsageWriteFailures { get; private set; }

        /// <summary>This pen's identity written into cartridges (CRC32 of its serial number); set when calibration loads.</summary>
        public uint PenId { get; set; }

        /// <summary>
        /// Reads and judges the seated cartridge (call when the presence switch closes, motor stopped). Any other cartridge
        /// the registry still shows in use is marked removed, since only one can be seated. today: days since 2000-01-01, 0 = unknown.
        /// </summary>
        public CartridgeCheck Check(int today)
        {
            if (_removalPending)
            {
                // A removal the background has not handled yet belongs before this insertion.
                ProcessRemoval();
            }
            _prepared = false;
            _cartridgeRecord = null;
            _runMicros = 0;
            _runSecondsBase = 0;
            _runSecondsWritten = 0;
            Status = Judge(today);
            uint serial = CartridgeRecord.SerialLow(_rom);
            if (Status == CartridgeCheck.Accepted)
            {
                _events.Append(EventKind.CartridgeInserted, _cartridge.MaxDepthSteps, serial);
            }
            else
            {
                _events.Append(EventKind.CartridgeRefused, CartridgeChecks.ToFaultCode(Status), serial);
            }
            return Status;
        }

        /// <summary>
        /// Before the first start with this cartridge (motor stopped): records first use in the pen and writes the usage
        /// mark to the cartridge. Returns Accepted when it may run; anything else refuses the start.
        /// </summary>
        public CartridgeCheck PrepareForRun(uint nowSeconds)
        {
            if (Status != CartridgeCheck.Accepted || _prepared)
            {
                return Status;
            }
            if (_guard.MotorRunning)
            {
                return CartridgeCheck.WriteFailed;
            }
            int index = _registry.Find(_rom);
            CartridgeRecord rec = _registry.Add(_rom, nowSeconds);
            if (index < 0 || _registryDirty)
            {
                // The pen's own record goes first: a cut before the mark lands leaves a cartridge this pen still accepts.
                if (_registry.Save() != StoreWriteResult.Ok)
                {
                    return Refuse(CartridgeCheck.WriteFailed);
                }
                _registryDirty = false;
            }
            _cartridgeRecord = rec;
            _runSecondsBase = rec.RunSeconds > _cartridge.RunSeconds ? rec.RunSeconds : _cartridge.RunSeconds;
            _runSecondsWritten = _runSecondsBase;
            if (_cartridge.UsageState == CartridgeUsageState.New)
            {
                _cartridge.FirstUseSeconds = rec.FirstUseSeconds;
                _cartridge.RunSeconds = _runSecondsBase;
                _cartridge.PenId = PenId;
                if (!WriteUsage())
                {
                    return Refuse(CartridgeCheck.WriteFailed);
                }
            }
            _prepared = true;
            return CartridgeCheck.Accepted;
        }

        /// <summary>Adds motor run time to the seated cartridge. Allocation-free; call from the tick while the motor runs.</summary>
        public void AddRunMicros(int micros)
        {
            if (_prepared && micros > 0)
            {
                _runMicros += micros;
            }
        }

        /// <summary>The presence switch reads no cartridge (on removal, and at boot when none is seated). Allocation-free; the write happens in Background.</summary>
        public void Removed()
        {
            _removalPending = true;
            if (Status == CartridgeCheck.Accepted && _prepared)
            {
                _events.Append(EventKind.CartridgeRemoved, (int)(RunSeconds > 65535 ? 65535 : RunSeconds), CartridgeRecord.SerialLow(_rom));
            }
            Status = CartridgeCheck.NotChecked;
        }

        /// <summary>Writes run time and removals (motor stopped only; called from PenStore.Background).</summary>
        public void Background()
        {
            if (_guard.MotorRunning)
            {
                return;
            }
            if (_removalPending)
            {
                ProcessRemoval();
            }
            else if (_prepared && _cartridgeRecord != null && RunSeconds != _runSecondsWritten)
            {
                uint seconds = RunSeconds;
                _cartridge.RunSeconds = seconds;
                _cartridgeRecord.RunSeconds = seconds;
                _registryDirty = true;
                if (!WriteUsage())
                {
                    // Not retried until the run time changes again: the registry still keeps it, and a
                    // cartridge that cannot be written is usually one being pulled out.
                    UsageWriteFailures++;
                }
                _runSecondsWritten = seconds;
            }
            if (_registryDirty && _registry.Save() == StoreWriteResult.Ok)
            {
                _registryDirty = false;
            }
        }

        private void ProcessRemoval()
        {
            _removalPending = false;
            if (_cartridgeRecord != null)
            {
                _cartridgeRecord.RunSeconds = RunSeconds;
            }
            MarkAllRemoved(null);
            _cartridgeRecord = null;
            _prepared = false;
        }

        private CartridgeCheck Judge(int today)
        {
            for (int i = 0; i < 8; i++)
            {
                _rom[i] = 0;
            }
            if (!_memory.IsPresent())
            {
                MarkAllRemoved(null);
                return CartridgeCheck.Absent;
            }
            if (!_memory.ReadRom(_rom))
            {
                return CartridgeCheck.Unreadable;
            }
            MarkAllRemoved(_rom);
            if (!_memory.ReadMemory(0, _image, 0, CartridgeImage.Size) || !_cartridge.Decode(_image))
            {
                return CartridgeCheck.Unreadable;
            }
            int index = _registry.Find(_rom);
            CartridgeRecord known = index >= 0 ? _registry.Get(index) : null;
            if (known != null && known.Removed)
            {
                return CartridgeCheck.Reused;
            }
            if (_cartridge.UsageState == CartridgeUsageState.Damaged)
            {
                return CartridgeCheck.Unreadable;
            }
            if (_cartridge.UsageState == CartridgeUsageState.Used && (known == null || _cartridge.PenId != PenId))
            {
                return CartridgeCheck.Reused;
            }
            if (today > 0 && _cartridge.ExpiryDay > 0 && today > _cartridge.ExpiryDay)
            {
                return CartridgeCheck.Expired;
            }
            return CartridgeCheck.Accepted;
        }

        private CartridgeCheck Refuse(CartridgeCheck why)
        {
            Status = why;
            _events.Append(EventKind.CartridgeRefused, CartridgeChecks.ToFaultCode(why), CartridgeRecord.SerialLow(_rom));
            return why;
        }

        // Writes the usage record over the older (or unused) copy, one verified EEPROM row at a time.
        private bool WriteUsage()
        {
            int copy = _cartridge.UsageCopy < 0 ? 0 : 1 - _cartridge.UsageCopy;
            int sequence = (_cartridge.UsageSequence + 1) & 0xFF;
            _cartridge.EncodeUsage(sequence, _usage, 0);
            int address = CartridgeImage.UsageAddress + copy * CartridgeImage.UsageSize;
            if (!_memory.WriteRow(address, _usage, 0) || !_memory.WriteRow(address + 8, _usage, 8))
            {
                return false;
            }
            _cartridge.SetUsed(copy, sequence);
            return true;
        }

        // Only one cartridge can be seated: every in-use record other than keep (null = all) has been removed.
        private void MarkAllRemoved(byte[] keep)
        {
            for (int i = 0; i < _registry.Count; i++)
            {
                CartridgeRecord r = _registry.Get(i);
                if (!r.Removed && (keep == null || !r.Matches(keep)))
                {
                    r.Removed = true;
                    _registryDirty = true;
                }
            }
        }
    }
}
