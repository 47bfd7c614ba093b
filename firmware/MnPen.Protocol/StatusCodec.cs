namespace MnPen.Protocol
{
    /// <summary>Wire layouts of the status reply and the telemetry sample (shared by pen and host).</summary>
    public static class StatusCodec
    {
        /// <summary>Encoded size of a status reply, bytes.</summary>
        public const int StatusLength = 49;

        /// <summary>Encoded size of a telemetry sample, bytes.</summary>
        public const int SampleLength = 24;

        /// <summary>Writes the status reply layout.</summary>
        public static void WriteStatus(PayloadWriter w, PenStatusData s)
        {
            w.U8(s.State);
            w.U16Sat(s.Fault);
            w.U8(s.RateLevel);
            w.U8(s.RateLevelCount);
            w.U8(s.Flags);
            w.U16Sat(s.TargetRateCenti);
            w.U16Sat(s.LevelRateCenti);
            w.U16Sat(s.MeasuredRateCenti);
            w.U16Sat(s.DutyBasisPoints);
            w.U16Sat(s.DepthTargetUm);
            w.I16Sat(s.DepthMeasuredUm);
            w.U16Sat(s.DepthLimitUm);
            w.I16Sat(s.MotorCurrentMa);
            w.I16Sat(s.HandpieceCentiC);
            w.U16Sat(s.BatteryMv);
            w.U32(s.RunMs);
            w.U32(s.TreatmentMs);
            w.U8(s.CartridgeNeedles);
            w.U16Sat(s.CartridgeMaxDepthUm);
            w.U32(s.TickCount);
            w.U32(s.OverrunCount);
            w.U32(s.UptimeMs);
        }

        /// <summary>Reads the status reply layout; check r.Error afterwards.</summary>
        public static void ReadStatus(PayloadReader r, PenStatusData s)
        {
            s.State = r.U8();
            s.Fault = r.U16();
            s.RateLevel = r.U8();
            s.RateLevelCount = r.U8();
            s.Flags = r.U8();
            s.TargetRateCenti = r.U16();
            s.LevelRateCenti = r.U16();
            s.MeasuredRateCenti = r.U16();
            s.DutyBasisPoints = r.U16();
            s.DepthTargetUm = r.U16();
            s.DepthMeasuredUm = r.I16();
            s.DepthLimitUm = r.U16();
            s.MotorCurrentMa = r.I16();
            s.HandpieceCentiC = r.I16();
            s.BatteryMv = r.U16();
            s.RunMs = r.U32();
            s.TreatmentMs = r.U32();
            s.CartridgeNeedles = r.U8();
            s.CartridgeMaxDepthUm = r.U16();
            s.TickCount = r.U32();
            s.OverrunCount = r.U32();
            s.UptimeMs = r.U32();
        }

        /// <summary>Writes the telemetry sample layout (a subset of status).</summary>
        public static void WriteSample(PayloadWriter w, PenStatusData s)
        {
            w.U32(s.UptimeMs);
            w.U8(s.State);
            w.U16Sat(s.Fault);
            w.U8(s.Flags);
            w.U16Sat(s.MeasuredRateCenti);
            w.U16Sat(s.TargetRateCenti);
            w.I16Sat(s.DepthMeasuredUm);
            w.U16Sat(s.DepthTargetUm);
            w.I16Sat(s.MotorCurrentMa);
            w.I16Sat(s.HandpieceCentiC);
            w.U16Sat(s.BatteryMv);
            w.U16Sat(s.DutyBasisPoints);
        }

        /// <summary>Reads the telemetry sample layout; fields not in a sample are left unchanged.</summary>
        public static void ReadSample(PayloadReader r, PenStatusData s)
        {
            s.UptimeMs = r.U32();
            s.State = r.U8();
            s.Fault = r.U16();
            s.Flags = r.U8();
            s.MeasuredRateCenti = r.U16();
            s.TargetRateCenti = r.U16();
            s.DepthMeasuredUm = r.I16();
            s.DepthTargetUm = r.U16();
            s.MotorCurrentMa = r.I16();
            s.HandpieceCentiC = r.I16();
            s.BatteryMv = r.U16();
            s.DutyBasisPoints = r.U16();
        }
    }
}
