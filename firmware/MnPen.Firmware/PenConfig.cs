namespace MnPen.Firmware
{
    /// <summary>
    /// User-facing configuration of the control core (rate levels, depth default, session rules, indications).
    /// Defaults are the reference pen's; Boot() overwrites them from the stored settings when those are valid.
    /// </summary>
    public sealed class PenConfig
    {
        /// <summary>Stroke rate of each level, strokes/s, ascending (default 6 levels across 50-150).</summary>
        public float[] RateLevels = { 50f, 70f, 90f, 110f, 130f, 150f };

        /// <summary>Level selected at power-up, 0-based.</summary>
        public int DefaultRateLevel = 2;

        /// <summary>Depth change per button press, mm (a multiple of 0.05).</summary>
        public float DepthStepMm = 0.05f;

        /// <summary>Depth at power-up, mm.</summary>
        public float DefaultDepthMm = 0.5f;

        /// <summary>Longest continuous run, seconds (0 = no limit).</summary>
        public float MaxContinuousRunSeconds = 600f;

        /// <summary>Treatment time per cartridge, seconds (0 = no limit).</summary>
        public float TreatmentLimitSeconds = 0f;

        /// <summary>Sleep after this long stopped without activity, seconds (0 = never).</summary>
        public float InactivitySleepSeconds = 120f;

        /// <summary>Power off after this long asleep, seconds (0 = never).</summary>
        public float SleepPowerOffSeconds = 600f;

        /// <summary>Hold-to-run: the motor stops when the start button is released.</summary>
        public bool StopOnButtonRelease = false;

        /// <summary>Buzzer cues on (LEDs always show state).</summary>
        public bool BuzzerEnabled = true;

        /// <summary>Time allowed to reach and verify the depth before a start is abandoned, microseconds.</summary>
        public int DepthVerifyTimeoutMicros = 500000;

        /// <summary>Time allowed for the cam to come to rest after a stop, microseconds.</summary>
        public int StopTimeoutMicros = 400000;

        /// <summary>True if the values are usable: levels ascending within 20..200 strokes/s, limits non-negative.</summary>
        public bool IsValid()
        {
            if (RateLevels == null || RateLevels.Length < 1 || RateLevels.Length > 12) return false;
            for (int i = 0; i < RateLevels.Length; i++)
            {
                float r = RateLevels[i];
                if (float.IsNaN(r) || r < 20f || r > 200f) return false;
                if (i > 0 && r <= RateLevels[i - 1]) return false;
            }
            if (DefaultRateLevel < 0 || DefaultRateLevel >= RateLevels.Length) return false;
            if (float.IsNaN(DepthStepMm) || DepthStepMm < 0.049f || DepthStepMm > 0.51f) return false;
            if (float.IsNaN(DefaultDepthMm) || DefaultDepthMm < 0f || DefaultDepthMm > 2.5f) return false;
            if (MaxContinuousRunSeconds < 0f || TreatmentLimitSeconds < 0f || InactivitySleepSeconds < 0f || SleepPowerOffSeconds < 0f) return false;
            return DepthVerifyTimeoutMicros > 0 && StopTimeoutMicros > 0;
        }
    }
}
