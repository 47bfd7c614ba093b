namespace MnPen.Safety
{
    /// <summary>Handpiece temperature: thermistor plausibility, derating above the start temperature, trip at the limit.</summary>
    internal sealed class TemperatureInterlock
    {
        private readonly PersistenceTimer _open = new PersistenceTimer();
        private readonly PersistenceTimer _short = new PersistenceTimer();
        private readonly PersistenceTimer _hot = new PersistenceTimer();

        /// <summary>Duty factor from temperature, 1 = no derating.</summary>
        public float Factor = 1f;

        /// <summary>True while derating is in force (with hysteresis).</summary>
        public bool Derating;

        /// <summary>Feeds one tick; returns the trip code or None.</summary>
        public FaultCode Update(SafetyInputs i, SafetyLimits l)
        {
            bool open = _open.Update(i.ThermistorRaw >= l.ThermistorOpenRaw, i.NowMicros, l.TemperatureFaultMicros);
            bool shorted = _short.Update(i.ThermistorRaw <= l.ThermistorShortRaw, i.NowMicros, l.TemperatureFaultMicros);
            bool sensorBad = i.ThermistorRaw >= l.ThermistorOpenRaw || i.ThermistorRaw <= l.ThermistorShortRaw;
            float t = i.HandpieceCelsius;
            if (sensorBad || float.IsNaN(t))
            {
                // An unreadable temperature is treated as the worst case for derating.
                Derating = true;
                Factor = l.DerateMinFactor;
            }
            else
            {
                if (t >= l.DerateStartCelsius) Derating = true;
                else if (t < l.DerateStartCelsius - l.TemperatureHysteresisCelsius) Derating = false;
                if (!Derating || t <= l.DerateStartCelsius) Factor = 1f;
                else
                {
                    float span = l.OverTemperatureCelsius - l.DerateStartCelsius;
                    float f = 1f - (1f - l.DerateMinFactor) * (t - l.DerateStartCelsius) / span;
                    Factor = f < l.DerateMinFactor ? l.DerateMinFactor : f;
                }
            }
            bool hot = _hot.Update(!sensorBad && t >= l.OverTemperatureCelsius, i.NowMicros, l.TemperatureFaultMicros);
            if (open) return FaultCode.ThermistorOpen;
            if (shorted) return FaultCode.ThermistorShort;
            if (hot) return FaultCode.OverTemperature;
            return FaultCode.None;
        }
    }
}
