namespace MnPen.Storage
{
    /// <summary>
    /// Checks a calibration against physical limits before the pen may run on it: tables complete, monotonic and
    /// covering the operating range (no extrapolation), gains bounded, current-sense scaling plausible, identity set.
    /// </summary>
    public static class CalibrationValidator
    {
        /// <summary>Fewest points in a table.</summary>
        public const int MinPoints = 2;

        /// <summary>Most points in a table.</summary>
        public const int MaxPoints = 16;

        /// <summary>Slowest stroke rate the feed-forward table must reach down to (strokes/s).</summary>
        public const float OperatingRateMin = 50f;

        /// <summary>Fastest stroke rate the feed-forward table must reach up to (strokes/s).</summary>
        public const float OperatingRateMax = 150f;

        /// <summary>Plausible bounds of a table rate (strokes/s).</summary>
        public const float RateLowest = 10f, RateHighest = 250f;

        /// <summary>Feed-forward duty must lie in (0, DutyMax].</summary>
        public const float DutyMax = 1.0f;

        /// <summary>Feed-forward supply voltage bounds (V): brown-out cut to full 2S charge plus margin.</summary>
        public const float SupplyVoltsMin = 6.0f, SupplyVoltsMax = 8.6f;

        /// <summary>Rate loop Kp upper bound (duty per stroke/s); above it 20 strokes/s of error would exceed full duty.</summary>
        public const float RateKpMax = 0.05f;

        /// <summary>Rate loop Ki upper bound (duty per stroke/s per s).</summary>
        public const float RateKiMax = 0.5f;

        /// <summary>Depth map must start at or below this depth (mm).</summary>
        public const float DepthStartMaxMm = 0.05f;

        /// <summary>Depth map must reach at least this depth (mm): the pen's full range.</summary>
        public const float DepthFullRangeMm = 2.5f;

        /// <summary>Actuator travel (mm); no depth point beyond it.</summary>
        public const float DepthTravelMm = 3.0f;

        /// <summary>ADC full scale (counts).</summary>
        public const int AdcMax = 4095;

        /// <summary>
        /// Current-sense offset bounds (counts at zero current). Negative: a chip whose zero lies below the ADC's range, fitted
        /// from loaded points (the converter reads 0 there): ADC offset down to −30 counts (AdcChipParameters, a quarter of
        /// Espressif's ±100 mV sample variation) and the IPROPI/ADC pin offset down to −5 mV (≈ −7 counts) give −37, so −40.
        /// </summary>
        public const int CurrentOffsetMin = -40, CurrentOffsetMax = 150;

        /// <summary>
        /// Current-sense gain bounds (mA/count). Reference board: 3100 mV / 4095 / 0.91 V/A = 0.832 mA/count; the chip's
        /// reference (1000..1200 mV), the IPROPI mirror's gain error (±10 %) and the 1 % resistor put a built pen at
        /// 0.832 × (1000/1100 .. 1200/1100) / (1.1 × 1.01 .. 0.9 × 0.99) = 0.681..1.019, so the upper bound is 1.05 (it was
        /// 1.0, which refused the corner of the budget's own spread at the factory); the lower bound stays at 0.43 so records
        /// of the earlier 1.5 kΩ boards (0.537 nominal) still load.
        /// </summary>
        public const float CurrentGainMin = 0.43f, CurrentGainMax = 1.05f;

        /// <summary>
        /// Thermistor rail-count bounds: the median chip reads 4359; every chip of the 1000..1200 mV reference spread with
        /// a 3.3 V ±2 % rail and ±30 counts offset lies in 3880..4921 (SensingDefaults).
        /// </summary>
        public const float ThermistorRailCountsMin = 3850f, ThermistorRailCountsMax = 4950f;

        /// <summary>Battery scaling bounds, mV/count: median 3.028; the reference spread and a ±1 % divider give 2.72..3.34.</summary>
        public const float BatteryMvPerCountMin = 2.70f, BatteryMvPerCountMax = 3.40f;

        /// <summary>Longest serial number or technician id (ASCII characters).</summary>
        public const int MaxIdLength = 24;

        /// <summary>Earliest plausible calibration day (2020-01-01, days since 2000-01-01).</summary>
        public const int EarliestDay = 7305;

        /// <summary>Longest calibration interval (days).</summary>
        public const int MaxIntervalDays = 800;

        /// <summary>Null if the calibration may be used; otherwise the first problem found and what to do.</summary>
        public static string Validate(Calibration c)
        {
            if (c == null)
            {
                return "no calibration";
            }
            string r = CheckTable("feed-forward", c.FeedForwardRates, c.FeedForwardDuties);
            if (r != null)
            {
                return r;
            }
            float[] rates = c.FeedForwardRates;
            float[] duties = c.FeedForwardDuties;
            if (rates[0] > OperatingRateMin || rates[rates.Length - 1] < OperatingRateMax)
            {
                return "feed-forward table covers " + F(rates[0]) + ".." + F(rates[rates.Length - 1]) +
                       " strokes/s but must cover 50..150; recalibrate the rate table";
            }
            for (int i = 0; i < rates.Length; i++)
            {
                if (!InRange(rates[i], RateLowest, RateHighest))
                {
                    return "feed-forward rate " + F(rates[i]) + " strokes/s is outside 10..250; recalibrate";
                }
                if (!(duties[i] > 0f && duties[i] <= DutyMax))
                {
                    return "feed-forward duty " + F(duties[i]) + " is outside (0, 1]; recalibrate";
                }
                if (i > 0 && !(rates[i] > rates[i - 1]))
                {
                    return "feed-forward rates are not strictly ascending at point " + i + "; recalibrate";
                }
                if (i > 0 && !(duties[i] > duties[i - 1]))
                {
                    return "feed-forward duty does not rise with rate at point " + i + "; recalibrate";
                }
            }
            if (!InRange(c.FeedForwardSupplyVolts, SupplyVoltsMin, SupplyVoltsMax))
            {
                return "feed-forward supply " + F(c.FeedForwardSupplyVolts) + " V is outside 6.0..8.6 V; recalibrate";
            }
            if (!(c.RateKp > 0f && c.RateKp <= RateKpMax))
            {
                return "rate Kp " + F(c.RateKp) + " is outside (0, 0.05]; recalibrate the rate loop";
            }
            if (!InRange(c.RateKi, 0f, RateKiMax))
            {
                return "rate Ki " + F(c.RateKi) + " is outside 0..0.5; recalibrate the rate loop";
            }

            r = CheckDepthMap(c);
            if (r != null)
            {
                return r;
            }

            if (c.CurrentOffsetCounts < CurrentOffsetMin || c.CurrentOffsetCounts > CurrentOffsetMax)
            {
                return "current-sense offset " + c.CurrentOffsetCounts + " counts is outside -40..150; recalibrate current sense";
            }
            if (!InRange(c.CurrentMilliampsPerCount, CurrentGainMin, CurrentGainMax))
            {
                return "current-sense gain " + F(c.CurrentMilliampsPerCount) + " mA/count is outside 0.43..1.05; recalibrate current sense";
            }
            if (!InRange(c.ThermistorRailCounts, ThermistorRailCountsMin, ThermistorRailCountsMax))
            {
                return "thermistor scaling " + F(c.ThermistorRailCounts) + " rail counts is outside 3850..4950; recalibrate the thermistor";
            }
            if (!InRange(c.BatteryMillivoltsPerCount, BatteryMvPerCountMin, BatteryMvPerCountMax))
            {
                return "battery scaling " + F(c.BatteryMillivoltsPerCount) + " mV/count is outside 2.70..3.40; recalibrate the battery sense";
            }
            // Unmeasured motor constants are not used (the nominal motor is), so only measured ones are checked.
            if (c.MotorCalibrated && !InRange(c.MotorResistanceOhms, MotorDefaults.ResistanceMinOhms, MotorDefaults.ResistanceMaxOhms))
            {
                return "motor resistance " + F(c.MotorResistanceOhms) + " ohm is outside 1.5..6.0; re-run the motor auto-tune";
            }
            if (c.MotorCalibrated && !InRange(c.MotorBackEmfVoltSecondsPerRad, MotorDefaults.BackEmfMin, MotorDefaults.BackEmfMax))
            {
                return "motor back-EMF constant " + c.MotorBackEmfVoltSecondsPerRad.ToString("F5") + " V.s/rad is outside 0.0026..0.0104; re-run the motor auto-tune";
            }
            r = CheckId("serial number", c.SerialNumber);
            if (r != null)
            {
                return r;
            }
            r = CheckId("technician id", c.TechnicianId);
            if (r != null)
            {
                return r;
            }
            if (c.CalibratedOnDay < EarliestDay)
            {
                return "calibration date (day " + c.CalibratedOnDay + ") is before 2020-01-01; set the date and recalibrate";
            }
            if (c.NextDueDay <= c.CalibratedOnDay || c.NextDueDay > c.CalibratedOnDay + MaxIntervalDays)
            {
                return "next-due date must be 1..800 days after the calibration date; recalibrate";
            }
            return null;
        }

        /// <summary>True if the calibration's next-due date has passed (a warning, not a refusal). today is days since 2000-01-01; 0 = unknown.</summary>
        public static bool IsDue(Calibration c, int today)
        {
            return c != null && today > 0 && today >= c.NextDueDay;
        }

        private static string CheckTable(string name, float[] x, float[] y)
        {
            if (x == null || y == null)
            {
                return name + " table is missing; recalibrate";
            }
            if (x.Length != y.Length)
            {
                return name + " table columns differ in length; recalibrate";
            }
            if (x.Length < MinPoints || x.Length > MaxPoints)
            {
                return name + " table has " + x.Length + " points; it needs 2..16; recalibrate";
            }
            return null;
        }

        private static string CheckDepthMap(Calibration c)
        {
            string r = CheckTable("depth map", c.DepthMm, c.DepthDrive);
            if (r != null)
            {
                return r;
            }
            float[] mm = c.DepthMm;
            float[] drive = c.DepthDrive;
            int[] counts = c.DepthFeedbackCounts;
            if (counts == null || counts.Length != mm.Length)
            {
                return "depth map feedback column is missing or of a different length; recalibrate depth";
            }
            if (!(mm[0] >= 0f && mm[0] <= DepthStartMaxMm) || !(mm[mm.Length - 1] >= DepthFullRangeMm))
            {
                return "depth map covers " + F(mm[0]) + ".." + F(mm[mm.Length - 1]) + " mm but must cover 0..2.5 mm; recalibrate depth";
            }
            for (int i = 0; i < mm.Length; i++)
            {
                if (!InRange(mm[i], 0f, DepthTravelMm))
                {
                    return "depth point " + F(mm[i]) + " mm is outside the 0..3.0 mm travel; recalibrate depth";
                }
                if (!InRange(drive[i], 0f, 1f))
                {
                    return "depth drive " + F(drive[i]) + " is outside 0..1; recalibrate depth";
                }
                if (counts[i] < 0 || counts[i] > AdcMax)
                {
                    return "depth feedback " + counts[i] + " counts is outside 0..4095; recalibrate depth";
                }
                if (i > 0 && !(mm[i] > mm[i - 1]))
                {
                    return "depth map depths are not strictly ascending at point " + i + "; recalibrate depth";
                }
                if (i > 0 && !(drive[i] > drive[i - 1]))
                {
                    return "depth drive does not rise with depth at point " + i + "; recalibrate depth";
                }
                if (i > 0 && counts[i] <= counts[i - 1])
                {
                    return "depth feedback does not rise with depth at point " + i + "; recalibrate depth";
                }
            }
            return null;
        }

        private static string CheckId(string what, string id)
        {
            if (id == null || id.Length == 0)
            {
                return what + " is empty; recalibrate with it set";
            }
            if (id.Length > MaxIdLength)
            {
                return what + " is longer than 24 characters";
            }
            for (int i = 0; i < id.Length; i++)
            {
                char ch = id[i];
                if (ch < (char)0x20 || ch > (char)0x7E)
                {
                    return what + " holds a non-printable character";
                }
            }
            return null;
        }

        private static bool InRange(float v, float lo, float hi)
        {
            // Written so that NaN fails every check.
            return v >= lo && v <= hi;
        }

        private static string F(float v)
        {
            return v.ToString("F3");
        }
    }
}
