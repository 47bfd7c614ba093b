namespace MnPen.Storage
{
    /// <summary>
    /// Byte layout of the calibration record, current schema (v4: v3 plus the motor block) and the older ones (v1..v3) it migrates from.
    /// Layouts are documented in docs/storage.md; all values little-endian.
    /// </summary>
    public static class CalibrationCodec
    {
        /// <summary>Record type byte in the frame header.</summary>
        public const byte RecordType = 0x43;

        /// <summary>Schema written by this firmware.</summary>
        public const int CurrentVersion = 4;

        /// <summary>Bytes of the v3 sensing block.</summary>
        public const int SensingBlockLength = 9;

        /// <summary>Bytes of the v4 motor block: flag u8 | resistance Ω f32 | back-EMF V·s/rad f32.</summary>
        public const int MotorBlockLength = 9;

        /// <summary>Largest encoded payload (16-point tables and 24-character ids).</summary>
        public const int MaxPayload = 30 + CalibrationValidator.MaxPoints * 8 + CalibrationValidator.MaxPoints * 12 + 2 * (1 + CalibrationValidator.MaxIdLength) + SensingBlockLength + MotorBlockLength;

        /// <summary>Interval v1 firmware used (it stored no next-due date): 365 days after calibration.</summary>
        public const int V1IntervalDays = 365;

        /// <summary>Technician id given to records migrated from v1, which did not store one.</summary>
        public const string V1TechnicianId = "unrecorded-v1";

        /// <summary>Encodes in the current schema; returns the payload length, or -1 if tables are missing or too long.</summary>
        public static int Encode(Calibration c, byte[] b)
        {
            if (c == null || c.FeedForwardRates == null || c.FeedForwardDuties == null || c.DepthMm == null ||
                c.DepthDrive == null || c.DepthFeedbackCounts == null)
            {
                return -1;
            }
            int nf = c.FeedForwardRates.Length;
            int nd = c.DepthMm.Length;
            if (nf > CalibrationValidator.MaxPoints || nd > CalibrationValidator.MaxPoints ||
                c.FeedForwardDuties.Length != nf || c.DepthDrive.Length != nd || c.DepthFeedbackCounts.Length != nd)
            {
                return -1;
            }
            b[0] = (byte)nf;
            b[1] = (byte)nd;
            ByteCodec.PutF32(b, 2, c.FeedForwardSupplyVolts);
            ByteCodec.PutF32(b, 6, c.RateKp);
            ByteCodec.PutF32(b, 10, c.RateKi);
            ByteCodec.PutI32(b, 14, c.CurrentOffsetCounts);
            ByteCodec.PutF32(b, 18, c.CurrentMilliampsPerCount);
            ByteCodec.PutI32(b, 22, c.CalibratedOnDay);
            ByteCodec.PutI32(b, 26, c.NextDueDay);
            int p = 30;
            for (int i = 0; i < nf; i++)
            {
                ByteCodec.PutF32(b, p, c.FeedForwardRates[i]);
                ByteCodec.PutF32(b, p + 4, c.FeedForwardDuties[i]);
                p += 8;
            }
            for (int i = 0; i < nd; i++)
            {
                ByteCodec.PutF32(b, p, c.DepthMm[i]);
                ByteCodec.PutF32(b, p + 4, c.DepthDrive[i]);
                ByteCodec.PutI32(b, p + 8, c.DepthFeedbackCounts[i]);
                p += 12;
            }
            p = ByteCodec.PutAscii(b, p, c.SerialNumber, CalibrationValidator.MaxIdLength);
            p = ByteCodec.PutAscii(b, p, c.TechnicianId, CalibrationValidator.MaxIdLength);
            b[p] = (byte)(c.SensingCalibrated ? 1 : 0);
            ByteCodec.PutF32(b, p + 1, c.ThermistorRailCounts);
            ByteCodec.PutF32(b, p + 5, c.BatteryMillivoltsPerCount);
            p += SensingBlockLength;
            b[p] = (byte)(c.MotorCalibrated ? 1 : 0);
            ByteCodec.PutF32(b, p + 1, c.MotorResistanceOhms);
            ByteCodec.PutF32(b, p + 5, c.MotorBackEmfVoltSecondsPerRad);
            return p + MotorBlockLength;
        }

        /// <summary>Decodes a payload of the given schema version (v1 is migrated to the current model); null if malformed or the version is unknown.</summary>
        public static Calibration Decode(int version, byte[] b, int length)
        {
            if (version == 3 || version == 4)
            {
                int end;
                Calibration c3 = DecodeV2(b, length, out end);
                if (c3 == null || end + SensingBlockLength > length)
                {
                    return null;
                }
                c3.SensingCalibrated = (b[end] & 1) != 0;
                c3.ThermistorRailCounts = ByteCodec.GetF32(b, end + 1);
                c3.BatteryMillivoltsPerCount = ByteCodec.GetF32(b, end + 5);
                end += SensingBlockLength;
                if (version == 3)
                {
                    // No motor constants were measured: the nominal motor, as every pen ran before v4.
                    MotorDefaults.ApplyNominal(c3);
                    return c3;
                }
                if (end + MotorBlockLength > length)
                {
                    return null;
                }
                c3.MotorCalibrated = (b[end] & 1) != 0;
                c3.MotorResistanceOhms = ByteCodec.GetF32(b, end + 1);
                c3.MotorBackEmfVoltSecondsPerRad = ByteCodec.GetF32(b, end + 5);
                return c3;
            }
            Calibration old = null;
            if (version == 2)
            {
                int end;
                old = DecodeV2(b, length, out end);
            }
            else if (version == 1)
            {
                old = DecodeV1(b, length);
            }
            if (old != null)
            {
                // No sensing coefficients were measured: never a silent nominal value, the safe-side ones and a flag.
                SensingDefaults.ApplyConservative(old);
                MotorDefaults.ApplyNominal(old);
            }
            return old;
        }

        /// <summary>True if this firmware can read the schema version.</summary>
        public static bool IsKnownVersion(int version)
        {
            return version >= 1 && version <= 4;
        }

        private static Calibration DecodeV2(byte[] b, int length, out int end)
        {
            end = 0;
            if (length < 30)
            {
                return null;
            }
            int nf = b[0];
            int nd = b[1];
            if (nf > CalibrationValidator.MaxPoints || nd > CalibrationValidator.MaxPoints)
            {
                return null;
            }
            int p = 30;
            if (p + nf * 8 + nd * 12 + 2 > length)
            {
                return null;
            }
            Calibration c = new Calibration();
            c.FeedForwardSupplyVolts = ByteCodec.GetF32(b, 2);
            c.RateKp = ByteCodec.GetF32(b, 6);
            c.RateKi = ByteCodec.GetF32(b, 10);
            c.CurrentOffsetCounts = ByteCodec.GetI32(b, 14);
            c.CurrentMilliampsPerCount = ByteCodec.GetF32(b, 18);
            c.CalibratedOnDay = ByteCodec.GetI32(b, 22);
            c.NextDueDay = ByteCodec.GetI32(b, 26);
            c.FeedForwardRates = new float[nf];
            c.FeedForwardDuties = new float[nf];
            for (int i = 0; i < nf; i++)
            {
                c.FeedForwardRates[i] = ByteCodec.GetF32(b, p);
                c.FeedForwardDuties[i] = ByteCodec.GetF32(b, p + 4);
                p += 8;
            }
            c.DepthMm = new float[nd];
            c.DepthDrive = new float[nd];
            c.DepthFeedbackCounts = new int[nd];
            for (int i = 0; i < nd; i++)
            {
                c.DepthMm[i] = ByteCodec.GetF32(b, p);
                c.DepthDrive[i] = ByteCodec.GetF32(b, p + 4);
                c.DepthFeedbackCounts[i] = ByteCodec.GetI32(b, p + 8);
                p += 12;
            }
            c.SerialNumber = ByteCodec.GetAscii(b, p, length, CalibrationValidator.MaxIdLength);
            if (c.SerialNumber == null)
            {
                return null;
            }
            p += 1 + c.SerialNumber.Length;
            c.TechnicianId = ByteCodec.GetAscii(b, p, length, CalibrationValidator.MaxIdLength);
            if (c.TechnicianId == null)
            {
                return null;
            }
            end = p + 1 + c.TechnicianId.Length;
            return c;
        }

        /// <summary>
        /// v1 (firmware 0.x): fixed-point tables and no technician or next-due date.
        /// 0 nf u8 | 1 nd u8 | 2 supply mV u16 | 4 Kp f32 | 8 Ki f32 | 12 offset i16 | 14 gain mA/count f32 | 18 day u16 |
        /// 20 nf x (rate 0.1 strokes/s u16, duty 1e-4 u16) | nd x (depth um u16, drive 1e-4 u16, feedback counts u16) | serial ascii (max 16).
        /// </summary>
        private static Calibration DecodeV1(byte[] b, int length)
        {
            if (length < 20)
            {
                return null;
            }
            int nf = b[0];
            int nd = b[1];
            if (nf > CalibrationValidator.MaxPoints || nd > CalibrationValidator.MaxPoints)
            {
                return null;
            }
            int p = 20;
            if (p + nf * 4 + nd * 6 + 1 > length)
            {
                return null;
            }
            Calibration c = new Calibration();
            c.FeedForwardSupplyVolts = ByteCodec.GetU16(b, 2) / 1000f;
            c.RateKp = ByteCodec.GetF32(b, 4);
            c.RateKi = ByteCodec.GetF32(b, 8);
            c.CurrentOffsetCounts = ByteCodec.GetI16(b, 12);
            c.CurrentMilliampsPerCount = ByteCodec.GetF32(b, 14);
            c.CalibratedOnDay = ByteCodec.GetU16(b, 18);
            c.NextDueDay = c.CalibratedOnDay + V1IntervalDays;
            c.TechnicianId = V1TechnicianId;
            c.FeedForwardRates = new float[nf];
            c.FeedForwardDuties = new float[nf];
            for (int i = 0; i < nf; i++)
            {
                c.FeedForwardRates[i] = ByteCodec.GetU16(b, p) / 10f;
                c.FeedForwardDuties[i] = ByteCodec.GetU16(b, p + 2) / 10000f;
                p += 4;
            }
            c.DepthMm = new float[nd];
            c.DepthDrive = new float[nd];
            c.DepthFeedbackCounts = new int[nd];
            for (int i = 0; i < nd; i++)
            {
                c.DepthMm[i] = ByteCodec.GetU16(b, p) / 1000f;
                c.DepthDrive[i] = ByteCodec.GetU16(b, p + 2) / 10000f;
                c.DepthFeedbackCounts[i] = ByteCodec.GetU16(b, p + 4);
                p += 6;
            }
            c.SerialNumber = ByteCodec.GetAscii(b, p, length, 16);
            return c.SerialNumber == null ? null : c;
        }
    }
}
