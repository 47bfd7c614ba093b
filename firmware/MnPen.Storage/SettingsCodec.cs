namespace MnPen.Storage
{
    /// <summary>Byte layout of the settings record, current schema (v2) and the older one (v1) it migrates from (docs/storage.md).</summary>
    public static class SettingsCodec
    {
        /// <summary>Record type byte in the frame header.</summary>
        public const byte RecordType = 0x53;

        /// <summary>Schema written by this firmware.</summary>
        public const int CurrentVersion = 2;

        /// <summary>Encoded size in the current schema.</summary>
        public const int PayloadSize = 17;

        /// <summary>Encoded size in schema v1.</summary>
        public const int V1PayloadSize = 9;

        /// <summary>Encodes in the current schema; returns the payload length (the settings must be valid).</summary>
        public static int Encode(Settings s, byte[] b)
        {
            b[0] = Settings.LevelCount;
            for (int i = 0; i < Settings.LevelCount; i++)
            {
                b[1 + i] = (byte)s.RateLevels[i];
            }
            b[7] = (byte)s.StartRateLevel;
            b[8] = (byte)Settings.ToSteps(s.DepthStepMm);
            b[9] = (byte)Settings.ToSteps(s.DepthLimitMm);
            ByteCodec.PutU16(b, 10, s.MaxContinuousRunSeconds);
            ByteCodec.PutU16(b, 12, s.TreatmentTimerSeconds);
            ByteCodec.PutU16(b, 14, s.InactivityAutoStopSeconds);
            b[16] = (byte)(s.StopOnRelease ? 1 : 0);
            return PayloadSize;
        }

        /// <summary>Decodes a payload of the given version (v1 migrates: fields it lacked take their defaults); null if malformed or unknown.</summary>
        public static Settings Decode(int version, byte[] b, int length)
        {
            if (version == 2)
            {
                if (length < PayloadSize || b[0] != Settings.LevelCount)
                {
                    return null;
                }
                Settings s = new Settings();
                s.RateLevels = new int[Settings.LevelCount];
                for (int i = 0; i < Settings.LevelCount; i++)
                {
                    s.RateLevels[i] = b[1 + i];
                }
                s.StartRateLevel = b[7];
                s.DepthStepMm = b[8] * 0.05f;
                s.DepthLimitMm = b[9] * 0.05f;
                s.MaxContinuousRunSeconds = ByteCodec.GetU16(b, 10);
                s.TreatmentTimerSeconds = ByteCodec.GetU16(b, 12);
                s.InactivityAutoStopSeconds = ByteCodec.GetU16(b, 14);
                s.StopOnRelease = (b[16] & 1) != 0;
                return s;
            }
            if (version == 1)
            {
                // v1: 0..5 rate levels u8 | 6 depth step (0.01 mm) u8 | 7 max continuous run (s) u16.
                if (length < V1PayloadSize)
                {
                    return null;
                }
                Settings s = Settings.CreateDefaults();
                for (int i = 0; i < Settings.LevelCount; i++)
                {
                    s.RateLevels[i] = b[i];
                }
                s.DepthStepMm = b[6] / 100f;
                s.MaxContinuousRunSeconds = ByteCodec.GetU16(b, 7);
                return s;
            }
            return null;
        }

        /// <summary>True if this firmware can read the schema version.</summary>
        public static bool IsKnownVersion(int version)
        {
            return version == 1 || version == 2;
        }
    }
}
