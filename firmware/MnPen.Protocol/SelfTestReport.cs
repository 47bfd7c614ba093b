namespace MnPen.Protocol
{
    /// <summary>Outcome of a self-test run: pass/fail and the fault codes found (preallocated, fixed capacity).</summary>
    public sealed class SelfTestReport
    {
        /// <summary>Fault codes found, first <see cref="Count"/> entries valid.</summary>
        public readonly int[] Faults = new int[ProtocolLimits.MaxSelfTestFaults];

        /// <summary>Number of valid entries in <see cref="Faults"/>.</summary>
        public int Count;

        /// <summary>Empties the report.</summary>
        public void Clear()
        {
            Count = 0;
        }

        /// <summary>Adds a fault code (ignored once full).</summary>
        public void Add(int fault)
        {
            if (Count < Faults.Length) Faults[Count++] = fault;
        }

        /// <summary>True when no fault was found.</summary>
        public bool Passed => Count == 0;
    }
}
