namespace MnPen.Storage
{
    /// <summary>
    /// User-facing levels and session limits. Bounds are enforced here in firmware, whatever a host sends:
    /// <see cref="Validate"/> names the first value out of bounds and the store refuses to save it.
    /// </summary>
    public sealed class Settings
    {
        /// <summary>Number of stroke-rate levels.</summary>
        public const int LevelCount = 6;

        /// <summary>Stroke-rate bounds for any level (strokes/s).</summary>
        public const int RateMin = 50, RateMax = 150;

        /// <summary>Depth step bounds (mm); the step is a multiple of 0.05 mm.</summary>
        public const float DepthStepMinMm = 0.05f, DepthStepMaxMm = 0.5f;

        /// <summary>Deepest user depth limit (mm); the cartridge's own maximum may be lower.</summary>
        public const float DepthLimitMaxMm = 2.5f;

        /// <summary>Continuous-run limit bounds (s).</summary>
        public const int MaxRunMinSeconds = 10, MaxRunMaxSeconds = 1800;

        /// <summary>Treatment timer upper bound (s); 0 = timer off.</summary>
        public const int TreatmentTimerMaxSeconds = 7200;

        /// <summary>Inactivity auto-stop bounds (s); it cannot be turned off.</summary>
        public const int InactivityMinSeconds = 10, InactivityMaxSeconds = 900;

        /// <summary>Stroke rate of each level (strokes/s), strictly ascending, each 50..150. Default 50, 70, 90, 110, 130, 150.</summary>
        public int[] RateLevels { get; set; }

        /// <summary>Level selected at power-up, 0..5. Default 0 (slowest).</summary>
        public int StartRateLevel { get; set; }

        /// <summary>Depth change per button press (mm), multiple of 0.05 in 0.05..0.5. Default 0.05.</summary>
        public float DepthStepMm { get; set; }

        /// <summary>User depth limit (mm), 0.05..2.5 and a multiple of 0.05. Default 2.5.</summary>
        public float DepthLimitMm { get; set; }

        /// <summary>Longest continuous run before the motor stops by itself (s), 10..1800. Default 600.</summary>
        public int MaxContinuousRunSeconds { get; set; }

        /// <summary>Treatment timer (s): the session stops after this much run time; 0 = off, else 60..7200. Default 0.</summary>
        public int TreatmentTimerSeconds { get; set; }

        /// <summary>Motor stops after this long without any button activity (s), 10..900. Default 120.</summary>
        public int InactivityAutoStopSeconds { get; set; }

        /// <summary>True: the motor runs only while the start button is held. Default false (press to start, press to stop).</summary>
        public bool StopOnRelease { get; set; }

        /// <summary>The settings a new pen ships with.</summary>
        public static Settings CreateDefaults()
        {
            Settings s = new Settings();
            s.RateLevels = new int[] { 50, 70, 90, 110, 130, 150 };
            s.StartRateLevel = 0;
            s.DepthStepMm = 0.05f;
            s.DepthLimitMm = 2.5f;
            s.MaxContinuousRunSeconds = 600;
            s.TreatmentTimerSeconds = 0;
            s.InactivityAutoStopSeconds = 120;
            s.StopOnRelease = false;
            return s;
        }

        /// <summary>A deep copy.</summary>
        public Settings Clone()
        {
            Settings s = new Settings();
            s.RateLevels = RateLevels == null ? null : (int[])RateLevels.Clone();
            s.StartRateLevel = StartRateLevel;
            s.DepthStepMm = DepthStepMm;
            s.DepthLimitMm = DepthLimitMm;
            s.MaxContinuousRunSeconds = MaxContinuousRunSeconds;
            s.TreatmentTimerSeconds = TreatmentTimerSeconds;
            s.InactivityAutoStopSeconds = InactivityAutoStopSeconds;
            s.StopOnRelease = StopOnRelease;
            return s;
        }

        /// <summary>Null if every value is within bounds; otherwise which value is wrong and its allowed range.</summary>
        public string Validate()
        {
            if (RateLevels == null || RateLevels.Length != LevelCount)
            {
                return "rate levels: exactly 6 are needed";
            }
            for (int i = 0; i < LevelCount; i++)
            {
                if (RateLevels[i] < RateMin || RateLevels[i] > RateMax)
                {
                    return "rate level " + (i + 1) + " (rate-level-" + (i + 1) + ") is " + RateLevels[i] + " strokes/s; allowed 50..150";
                }
                if (i > 0 && RateLevels[i] <= RateLevels[i - 1])
                {
                    return "rate levels must rise strictly from level 1 to 6";
                }
            }
            if (StartRateLevel < 0 || StartRateLevel >= LevelCount)
            {
                return "start rate level must be 0..5 (0-based: 0 is the first level)";
            }
            if (!IsStepMultiple(DepthStepMm, DepthStepMinMm, DepthStepMaxMm))
            {
                return "depth step must be a multiple of 0.05 mm in 0.05..0.5 mm";
            }
            if (!IsStepMultiple(DepthLimitMm, 0.05f, DepthLimitMaxMm))
            {
                return "depth limit must be a multiple of 0.05 mm in 0.05..2.5 mm";
            }
            if (MaxContinuousRunSeconds < MaxRunMinSeconds || MaxContinuousRunSeconds > MaxRunMaxSeconds)
            {
                return "max continuous run must be 10..1800 s";
            }
            if (TreatmentTimerSeconds != 0 && (TreatmentTimerSeconds < 60 || TreatmentTimerSeconds > TreatmentTimerMaxSeconds))
            {
                return "treatment timer must be 0 (off) or 60..7200 s";
            }
            if (InactivityAutoStopSeconds < InactivityMinSeconds || InactivityAutoStopSeconds > InactivityMaxSeconds)
            {
                return "inactivity auto-stop must be 10..900 s";
            }
            return null;
        }

        /// <summary>Converts a depth in mm to whole 0.05 mm steps (rounded).</summary>
        public static int ToSteps(float mm)
        {
            return (int)(mm * 20f + (mm >= 0f ? 0.5f : -0.5f));
        }

        private static bool IsStepMultiple(float mm, float lo, float hi)
        {
            if (!(mm >= lo - 0.001f && mm <= hi + 0.001f))
            {
                return false;
            }
            float steps = mm * 20f;
            float diff = steps - ToSteps(mm);
            return diff > -0.01f && diff < 0.01f;
        }
    }
}
