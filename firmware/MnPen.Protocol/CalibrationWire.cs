using MnPen.Storage;

namespace MnPen.Protocol
{
    /// <summary>
    /// Wire layout of a calibration: coefficients as micro-units (value x 1e6, int32), tables with a count byte.
    /// Decoding checks structure only (counts, ascending tables, finite values); the firmware validates the physics.
    /// Decoding allocates the tables: it runs for a service command, never per byte or per tick.
    /// </summary>
    public static class CalibrationWire
    {
        /// <summary>
        /// Layout version written first: 3 adds the motor block, 2 the sensing block. 1 and 2 are still read, as
        /// uncalibrated sensing (SensingDefaults) and the nominal, unmeasured motor (MotorDefaults), as the storage codec does.
        /// </summary>
        public const int LayoutVersion = 3;

        // Rail counts are about 4400: micro-units would overflow an int32, so they travel in thousandths.
        private const float Milli = 1000f;

        /// <summary>Writes a calibration.</summary>
        public static void Write(PayloadWriter w, Calibration c)
        {
            w.U8(LayoutVersion);
            int ff = Count(c.FeedForwardRates, c.FeedForwardDuties);
            w.U8(ff);
            for (int i = 0; i < ff; i++)
            {
                w.Scaled(c.FeedForwardRates[i], FixedPoint.Micro);
                w.Scaled(c.FeedForwardDuties[i], FixedPoint.Micro);
            }
            w.Scaled(c.FeedForwardSupplyVolts, FixedPoint.Micro);
            w.Scaled(c.RateKp, FixedPoint.Micro);
            w.Scaled(c.RateKi, FixedPoint.Micro);
            int dm = Count(c.DepthMm, c.DepthDrive);
            if (c.DepthFeedbackCounts == null || c.DepthFeedbackCounts.Length < dm) dm = c.DepthFeedbackCounts == null ? 0 : c.DepthFeedbackCounts.Length;
            w.U8(dm);
            for (int i = 0; i < dm; i++)
            {
                w.Scaled(c.DepthMm[i], FixedPoint.Micro);
                w.Scaled(c.DepthDrive[i], FixedPoint.Micro);
                w.I32(c.DepthFeedbackCounts[i]);
            }
            w.I32(c.CurrentOffsetCounts);
            w.Scaled(c.CurrentMilliampsPerCount, FixedPoint.Micro);
            w.Str(c.SerialNumber);
            w.I32(c.CalibratedOnDay);
            w.I32(c.NextDueDay);
            w.Str(c.TechnicianId);
            w.U8(c.SensingCalibrated ? 1 : 0);
            w.Scaled(c.ThermistorRailCounts, Milli);
            w.Scaled(c.BatteryMillivoltsPerCount, FixedPoint.Micro);
            w.U8(c.MotorCalibrated ? 1 : 0);
            w.Scaled(c.MotorResistanceOhms, FixedPoint.Micro);
            w.Scaled(c.MotorBackEmfVoltSecondsPerRad, FixedPoint.Micro);
        }

        /// <summary>
        /// Reads a calibration; returns null and sets r.Error when the layout is malformed (wrong version, too many
        /// entries, trailing bytes). Values, ascending tables included, are the validator's to judge (InvalidCalibration
        /// with the reason), not the framing's.
        /// </summary>
        public static Calibration Read(PayloadReader r)
        {
            int layout = r.U8();
            if (layout < 1 || layout > LayoutVersion) { r.Error = true; return null; }
            int ff = r.U8();
            if (r.Error || ff > ProtocolLimits.MaxTableEntries) { r.Error = true; return null; }
            Calibration c = new Calibration();
            c.FeedForwardRates = new float[ff];
            c.FeedForwardDuties = new float[ff];
            for (int i = 0; i < ff; i++)
            {
                c.FeedForwardRates[i] = r.Scaled(FixedPoint.Micro);
                c.FeedForwardDuties[i] = r.Scaled(FixedPoint.Micro);
            }
            c.FeedForwardSupplyVolts = r.Scaled(FixedPoint.Micro);
            c.RateKp = r.Scaled(FixedPoint.Micro);
            c.RateKi = r.Scaled(FixedPoint.Micro);
            int dm = r.U8();
            if (r.Error || dm > ProtocolLimits.MaxTableEntries) { r.Error = true; return null; }
            c.DepthMm = new float[dm];
            c.DepthDrive = new float[dm];
            c.DepthFeedbackCounts = new int[dm];
            for (int i = 0; i < dm; i++)
            {
                c.DepthMm[i] = r.Scaled(FixedPoint.Micro);
                c.DepthDrive[i] = r.Scaled(FixedPoint.Micro);
                c.DepthFeedbackCounts[i] = r.I32();
            }
            c.CurrentOffsetCounts = r.I32();
            c.CurrentMilliampsPerCount = r.Scaled(FixedPoint.Micro);
            c.SerialNumber = r.Str();
            c.CalibratedOnDay = r.I32();
            c.NextDueDay = r.I32();
            c.TechnicianId = r.Str();
            if (layout == 1)
            {
                SensingDefaults.ApplyConservative(c);
            }
            else
            {
                c.SensingCalibrated = (r.U8() & 1) != 0;
                c.ThermistorRailCounts = r.Scaled(Milli);
                c.BatteryMillivoltsPerCount = r.Scaled(FixedPoint.Micro);
            }
            if (layout < 3)
            {
                MotorDefaults.ApplyNominal(c);
            }
            else
            {
                c.MotorCalibrated = (r.U8() & 1) != 0;
                c.MotorResistanceOhms = r.Scaled(FixedPoint.Micro);
                c.MotorBackEmfVoltSecondsPerRad = r.Scaled(FixedPoint.Micro);
            }
            if (r.Error || r.Remaining != 0) { r.Error = true; return null; }
            return c;
        }

        private static int Count(float[] a, float[] b)
        {
            if (a == null || b == null) return 0;
            int n = a.Length < b.Length ? a.Length : b.Length;
            return n > ProtocolLimits.MaxTableEntries ? ProtocolLimits.MaxTableEntries : n;
        }
    }
}
