namespace MnPen.Safety
{
    /// <summary>
    /// Result of the pre-run checks or the start-up self-test: every failed check as a FaultCode (texts from FaultCatalog),
    /// in the order checked. Preallocated and reused; holds each code once.
    /// </summary>
    public sealed class CheckReport
    {
        /// <summary>Most entries a report holds (more than every check can produce).</summary>
        public const int Capacity = 48;

        private readonly FaultCode[] _codes = new FaultCode[Capacity];
        private int _count;
        private int _blocking;

        /// <summary>Number of entries (failed checks and warnings).</summary>
        public int Count => _count;

        /// <summary>True when no entry blocks running (warnings alone pass).</summary>
        public bool Passed => _blocking == 0;

        /// <summary>Entry at index 0..Count-1.</summary>
        public FaultCode this[int index] => _codes[index];

        /// <summary>Empties the report.</summary>
        public void Clear()
        {
            for (int k = 0; k < _count; k++) _codes[k] = FaultCode.None;
            _count = 0;
            _blocking = 0;
        }

        /// <summary>Adds a code unless it is already present or None.</summary>
        public void Add(FaultCode code)
        {
            if (code == FaultCode.None || Contains(code) || _count >= Capacity) return;
            _codes[_count++] = code;
            if (FaultCatalog.ClassOf(code) != FaultClass.Warning) _blocking++;
        }

        /// <summary>True if the report holds the code.</summary>
        public bool Contains(FaultCode code)
        {
            for (int k = 0; k < _count; k++)
                if (_codes[k] == code) return true;
            return false;
        }

        /// <summary>First blocking entry, or None (the reason to show first).</summary>
        public FaultCode FirstBlocking
        {
            get
            {
                for (int k = 0; k < _count; k++)
                    if (FaultCatalog.ClassOf(_codes[k]) != FaultClass.Warning) return _codes[k];
                return FaultCode.None;
            }
        }
    }
}
