using MnPen.Safety;

namespace MnPen.Firmware
{
    /// <summary>
    /// RAM ring of state transitions, written during the tick without allocation and drained to the persistent
    /// event log by Background(). When it overflows the oldest entries are dropped and counted.
    /// </summary>
    public sealed class TransitionLog
    {
        /// <summary>Entries held before the oldest is dropped.</summary>
        public const int Capacity = 64;

        private readonly ulong[] _micros = new ulong[Capacity];
        private readonly PenState[] _from = new PenState[Capacity];
        private readonly PenState[] _to = new PenState[Capacity];
        private readonly TransitionReason[] _reason = new TransitionReason[Capacity];
        private readonly FaultCode[] _fault = new FaultCode[Capacity];
        private int _head;
        private int _count;
        private uint _total;

        /// <summary>Entries waiting to be drained.</summary>
        public int Pending => _count;

        /// <summary>Entries dropped because the ring was full.</summary>
        public uint Dropped { get; private set; }

        /// <summary>Transitions recorded since boot.</summary>
        public uint Total => _total;

        /// <summary>Records one transition.</summary>
        public void Add(ulong micros, PenState from, PenState to, TransitionReason reason, FaultCode fault)
        {
            int slot = (_head + _count) % Capacity;
            if (_count == Capacity)
            {
                _head = (_head + 1) % Capacity;
                Dropped++;
            }
            else
            {
                _count++;
            }
            _micros[slot] = micros;
            _from[slot] = from;
            _to[slot] = to;
            _reason[slot] = reason;
            _fault[slot] = fault;
            _total++;
        }

        /// <summary>Time of the i-th pending entry (0 = oldest), microseconds.</summary>
        public ulong MicrosAt(int i) => _micros[(_head + i) % Capacity];

        /// <summary>State left by the i-th pending entry.</summary>
        public PenState FromAt(int i) => _from[(_head + i) % Capacity];

        /// <summary>State entered by the i-th pending entry.</summary>
        public PenState ToAt(int i) => _to[(_head + i) % Capacity];

        /// <summary>Reason of the i-th pending entry.</summary>
        public TransitionReason ReasonAt(int i) => _reason[(_head + i) % Capacity];

        /// <summary>Fault involved in the i-th pending entry (None if none).</summary>
        public FaultCode FaultAt(int i) => _fault[(_head + i) % Capacity];

        /// <summary>Drops the oldest `n` pending entries (after they were written out).</summary>
        public void Consume(int n)
        {
            if (n > _count) n = _count;
            _head = (_head + n) % Capacity;
            _count -= n;
        }
    }
}
