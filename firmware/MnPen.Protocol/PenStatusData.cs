namespace MnPen.Protocol
{
    /// <summary>
    /// The status snapshot as it travels on the wire: integers in fixed units. The pen fills one preallocated instance;
    /// the host decodes into its own.
    /// </summary>
    public sealed class PenStatusData
    {
        /// <summary>Flag: cartridge presence switch closed.</summary>
        public const int FlagCartridgePresent = 1;
        /// <summary>Flag: seated cartridge accepted.</summary>
        public const int FlagCartridgeAccepted = 2;
        /// <summary>Flag: service mode unlocked.</summary>
        public const int FlagServiceUnlocked = 4;
        /// <summary>Flag: telemetry streaming.</summary>
        public const int FlagTelemetryOn = 8;
        /// <summary>Flag: the motor was started over the link and stops if the host falls silent (PenEndpoint.KeepAliveMs).</summary>
        public const int FlagLinkMotor = 16;

        /// <summary>Control-core state (PenState number; names in ProtocolSchema.StateName).</summary>
        public int State;
        /// <summary>Active FaultCode number (0 = none).</summary>
        public int Fault;
        /// <summary>Selected rate level, 0-based.</summary>
        public int RateLevel;
        /// <summary>Number of rate levels.</summary>
        public int RateLevelCount;
        /// <summary>Flag bits (Flag* constants).</summary>
        public int Flags;
        /// <summary>Controller's target stroke rate, strokes/s x100.</summary>
        public int TargetRateCenti;
        /// <summary>Selected level's stroke rate, strokes/s x100.</summary>
        public int LevelRateCenti;
        /// <summary>Measured stroke rate, strokes/s x100.</summary>
        public int MeasuredRateCenti;
        /// <summary>Applied motor duty, 0..10000.</summary>
        public int DutyBasisPoints;
        /// <summary>Depth set-point, micrometres.</summary>
        public int DepthTargetUm;
        /// <summary>Measured depth, micrometres.</summary>
        public int DepthMeasuredUm;
        /// <summary>Hard depth limit of the seated cartridge, micrometres.</summary>
        public int DepthLimitUm;
        /// <summary>Motor current, milliamps.</summary>
        public int MotorCurrentMa;
        /// <summary>Handpiece temperature, degrees Celsius x100.</summary>
        public int HandpieceCentiC;
        /// <summary>Battery voltage, millivolts.</summary>
        public int BatteryMv;
        /// <summary>Current run time, milliseconds.</summary>
        public uint RunMs;
        /// <summary>Treatment time this session, milliseconds.</summary>
        public uint TreatmentMs;
        /// <summary>Needles in the seated cartridge (0 unknown).</summary>
        public int CartridgeNeedles;
        /// <summary>Cartridge type's maximum depth, micrometres.</summary>
        public int CartridgeMaxDepthUm;
        /// <summary>Control ticks since boot.</summary>
        public uint TickCount;
        /// <summary>Late control ticks since boot.</summary>
        public uint OverrunCount;
        /// <summary>Pen uptime, milliseconds.</summary>
        public uint UptimeMs;

        /// <summary>Copies every field from another snapshot.</summary>
        public void CopyFrom(PenStatusData o)
        {
            State = o.State; Fault = o.Fault; RateLevel = o.RateLevel; RateLevelCount = o.RateLevelCount; Flags = o.Flags;
            TargetRateCenti = o.TargetRateCenti; LevelRateCenti = o.LevelRateCenti; MeasuredRateCenti = o.MeasuredRateCenti;
            DutyBasisPoints = o.DutyBasisPoints; DepthTargetUm = o.DepthTargetUm; DepthMeasuredUm = o.DepthMeasuredUm;
            DepthLimitUm = o.DepthLimitUm; MotorCurrentMa = o.MotorCurrentMa; HandpieceCentiC = o.HandpieceCentiC;
            BatteryMv = o.BatteryMv; RunMs = o.RunMs; TreatmentMs = o.TreatmentMs; CartridgeNeedles = o.CartridgeNeedles;
            CartridgeMaxDepthUm = o.CartridgeMaxDepthUm; TickCount = o.TickCount; OverrunCount = o.OverrunCount; UptimeMs = o.UptimeMs;
        }
    }
}
