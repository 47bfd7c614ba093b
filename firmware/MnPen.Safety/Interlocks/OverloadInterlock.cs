namespace MnPen.Safety
{
    /// <summary>I²t overload: integrates the square of the current above the motor's continuous rating.</summary>
    internal sealed class OverloadInterlock
    {
        /// <summary>Accumulated I²t above the continuous rating, A²·s (never below 0).</summary>
        public float Accumulator;

        /// <summary>Feeds one tick; true when the budget is used up.</summary>
        public bool Update(float amps, int dtMicros, SafetyLimits l)
        {
            float ic = l.OverloadContinuousAmps;
            // Below the rating the same expression is negative: the motor cools at the rate it heated.
            Accumulator += (amps * amps - ic * ic) * (dtMicros * 1e-6f);
            if (Accumulator < 0f) Accumulator = 0f;
            return Accumulator >= l.OverloadBudgetA2s;
        }

        /// <summary>True once the accumulator has fallen to half the budget (acknowledgement allowed).</summary>
        public bool CooledDown(SafetyLimits l) => Accumulator <= l.OverloadBudgetA2s * 0.5f;
    }
}
