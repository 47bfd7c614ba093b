namespace MnPen.Safety
{
    /// <summary>Reports true once a condition has held continuously for a given time (debounce for noisy inputs).</summary>
    internal sealed class PersistenceTimer
    {
        private bool _active;
        private ulong _since;

        /// <summary>Feeds this tick's condition; true when it has held for at least holdMicros (0 = at once).</summary>
        public bool Update(bool condition, ulong nowMicros, int holdMicros)
        {
            if (!condition)
            {
                _active = false;
                return false;
            }
            if (!_active)
            {
                _active = true;
                _since = nowMicros;
            }
            return nowMicros - _since >= (ulong)holdMicros;
        }

        /// <summary>Forgets any running condition.</summary>
        public void Reset()
        {
            _active = false;
        }
    }
}
