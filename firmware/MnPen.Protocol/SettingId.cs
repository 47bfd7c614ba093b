namespace MnPen.Protocol
{
    /// <summary>
    /// Setting identifiers for GetSetting/SetSetting; every value is a signed 32-bit integer in the unit named by
    /// <see cref="SettingTable"/>. Ids from 10 up are limits (service mode to write); no write can pass a hard limit.
    /// </summary>
    public static class SettingId
    {
        /// <summary>Selected stroke-rate level now, 0-based (takes effect at once).</summary>
        public const int RateLevel = 1;
        /// <summary>Needle depth set-point now, micrometres (takes effect at once; never above the depth limit).</summary>
        public const int DepthTargetUm = 2;
        /// <summary>Stored: level selected at power-up, 0-based.</summary>
        public const int StartRateLevel = 3;
        /// <summary>Stored: depth change per button press, micrometres.</summary>
        public const int DepthStepUm = 4;
        /// <summary>Stored: treatment timer, seconds (0 = off).</summary>
        public const int TreatmentTimerSeconds = 5;
        /// <summary>Stored: inactivity auto-stop, seconds.</summary>
        public const int InactivityAutoStopSeconds = 6;
        /// <summary>Stored: motor runs only while start is held, 0/1.</summary>
        public const int StopOnRelease = 7;
        /// <summary>Stored limit: user depth limit, micrometres (service).</summary>
        public const int DepthLimitUm = 10;
        /// <summary>Stored limit: longest continuous run, seconds (service).</summary>
        public const int MaxContinuousRunSeconds = 11;
        /// <summary>Run time recorded for the seated cartridge, seconds (service).</summary>
        public const int CartridgeUsageSeconds = 12;
        /// <summary>Stored limit: stroke rate of level 1, strokes/s; levels 2..6 follow as 21..25 (service).</summary>
        public const int RateLevel1 = 20;
    }
}
