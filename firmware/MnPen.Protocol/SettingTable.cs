namespace MnPen.Protocol
{
    /// <summary>Names, units and access of every <see cref="SettingId"/> (used by the endpoint, tools and the document).</summary>
    public static class SettingTable
    {
        /// <summary>Number of stroke-rate levels addressable as settings.</summary>
        public const int RateLevelCount = 6;

        /// <summary>All setting ids, in document order.</summary>
        public static readonly int[] Ids =
        {
            SettingId.RateLevel, SettingId.DepthTargetUm, SettingId.StartRateLevel, SettingId.DepthStepUm,
            SettingId.TreatmentTimerSeconds, SettingId.InactivityAutoStopSeconds, SettingId.StopOnRelease,
            SettingId.DepthLimitUm, SettingId.MaxContinuousRunSeconds, SettingId.CartridgeUsageSeconds,
            SettingId.RateLevel1, SettingId.RateLevel1 + 1, SettingId.RateLevel1 + 2,
            SettingId.RateLevel1 + 3, SettingId.RateLevel1 + 4, SettingId.RateLevel1 + 5,
        };

        /// <summary>True if the id is a known setting.</summary>
        public static bool IsKnown(int id)
        {
            for (int i = 0; i < Ids.Length; i++)
                if (Ids[i] == id) return true;
            return false;
        }

        /// <summary>True if writing the setting needs service mode (limits and rate levels).</summary>
        public static bool NeedsService(int id)
        {
            return id >= SettingId.DepthLimitUm && !ReadOnly(id);
        }

        /// <summary>True if no command writes the setting (cartridge usage: the pen and the cartridge record it themselves).</summary>
        public static bool ReadOnly(int id)
        {
            return id == SettingId.CartridgeUsageSeconds;
        }

        /// <summary>Access byte of a GetSetting reply: 0 any client may write, 1 service mode, 2 read-only.</summary>
        public static int Access(int id)
        {
            return ReadOnly(id) ? 2 : NeedsService(id) ? 1 : 0;
        }

        /// <summary>Access in words (document, tools).</summary>
        public static string AccessName(int id)
        {
            return ReadOnly(id) ? "read-only" : NeedsService(id) ? "service" : "any";
        }

        /// <summary>Name of a setting (command-line spelling).</summary>
        public static string Name(int id)
        {
            switch (id)
            {
                case SettingId.RateLevel: return "rate-level";
                case SettingId.DepthTargetUm: return "depth";
                case SettingId.StartRateLevel: return "start-rate-level";
                case SettingId.DepthStepUm: return "depth-step";
                case SettingId.TreatmentTimerSeconds: return "treatment-timer";
                case SettingId.InactivityAutoStopSeconds: return "inactivity-auto-stop";
                case SettingId.StopOnRelease: return "stop-on-release";
                case SettingId.DepthLimitUm: return "depth-limit";
                case SettingId.MaxContinuousRunSeconds: return "max-continuous-run";
                case SettingId.CartridgeUsageSeconds: return "cartridge-usage";
                case SettingId.RateLevel1: return "rate-level-1";
                case SettingId.RateLevel1 + 1: return "rate-level-2";
                case SettingId.RateLevel1 + 2: return "rate-level-3";
                case SettingId.RateLevel1 + 3: return "rate-level-4";
                case SettingId.RateLevel1 + 4: return "rate-level-5";
                case SettingId.RateLevel1 + 5: return "rate-level-6";
                default: return "unknown";
            }
        }

        /// <summary>Unit of a setting's value.</summary>
        public static string Unit(int id)
        {
            switch (id)
            {
                case SettingId.RateLevel:
                case SettingId.StartRateLevel: return "level (0-based)";
                case SettingId.DepthTargetUm:
                case SettingId.DepthStepUm:
                case SettingId.DepthLimitUm: return "um";
                case SettingId.StopOnRelease: return "0/1";
                case SettingId.TreatmentTimerSeconds:
                case SettingId.InactivityAutoStopSeconds:
                case SettingId.MaxContinuousRunSeconds:
                case SettingId.CartridgeUsageSeconds: return "s";
                default: return id >= SettingId.RateLevel1 && id < SettingId.RateLevel1 + RateLevelCount ? "strokes/s" : "";
            }
        }
    }
}
