namespace MnPen.Storage
{
    /// <summary>
    /// Shared "motor running" flag that every storage writer checks first: flash writes stall the CPU and a power
    /// dip under motor load is the likeliest moment for a cut, so nothing is written while the motor runs.
    /// </summary>
    public sealed class WriteGuard
    {
        /// <summary>Set by the control core each tick: true while the motor may be turning.</summary>
        public bool MotorRunning { get; set; }

        /// <summary>Writes refused because the motor was running, since boot.</summary>
        public int RefusedWrites { get; private set; }

        /// <summary>True if writing is allowed now; counts a refusal otherwise.</summary>
        public bool MayWrite()
        {
            if (MotorRunning)
            {
                RefusedWrites++;
                return false;
            }
            return true;
        }
    }
}
