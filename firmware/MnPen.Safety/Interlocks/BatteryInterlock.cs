namespace MnPen.Safety
{
    /// <summary>Battery: brown-out trip, sense plausibility, derating and low warning (each with hysteresis).</summary>
    internal sealed class BatteryInterlock
    {
        private readonly PersistenceTimer _under = new PersistenceTimer();
        private readonly PersistenceTimer _implausible = new PersistenceTimer();

        /// <summary>True while derating is in force.</summary>
        public bool Derating;

        /// <summary>True while the low-battery warning is in force.</summary>
        public bool Low;

        /// <summary>Feeds one tick; returns the trip code or None.</summary>
        public FaultCode Update(SafetyInputs i, SafetyLimits l)
        {
            float v = i.BatteryVolts;
            bool bad = float.IsNaN(v) || v < l.BatteryMinPlausibleVolts || v > l.BatteryMaxPlausibleVolts;
            bool implausible = _implausible.Update(bad, i.NowMicros, l.UnderVoltageMicros);
            bool under = _under.Update(!bad && v < l.UnderVoltageVolts, i.NowMicros, l.UnderVoltageMicros);
            if (!bad)
            {
                if (v < l.BatteryDerateVolts) Derating = true;
                else if (v >= l.BatteryDerateVolts + l.BatteryHysteresisVolts) Derating = false;
                if (v < l.BatteryLowVolts) Low = true;
                else if (v >= l.BatteryLowVolts + l.BatteryHysteresisVolts) Low = false;
            }
            if (implausible) return FaultCode.BatterySenseImplausible;
            if (under) return FaultCode.UnderVoltage;
            return FaultCode.None;
        }
    }
}
