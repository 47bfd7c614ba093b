using MnPen.Safety;

namespace MnPen.Firmware
{
    /// <summary>
    /// Snapshot of the pen for displays and the protocol, refreshed in place by every tick (one preallocated instance;
    /// read it between ticks).
    /// </summary>
    public sealed class PenStatus
    {
        /// <summary>Control-core state.</summary>
        public PenState State { get; internal set; }

        /// <summary>Active fault, or None.</summary>
        public FaultCode Fault { get; internal set; }

        /// <summary>Selected stroke-rate level, 0-based.</summary>
        public int RateLevel { get; internal set; }

        /// <summary>Number of configured stroke-rate levels.</summary>
        public int RateLevelCount { get; internal set; }

        /// <summary>Stroke rate the controller aims for now (ramped), strokes/s; 0 when stopped.</summary>
        public float TargetStrokeRate { get; internal set; }

        /// <summary>Stroke rate of the selected level, strokes/s.</summary>
        public float LevelStrokeRate { get; internal set; }

        /// <summary>Stroke rate measured from the hall sensor, strokes/s.</summary>
        public float MeasuredStrokeRate { get; internal set; }

        /// <summary>Motor duty the gate applied, 0..1.</summary>
        public float MotorDuty { get; internal set; }

        /// <summary>Needle depth set by the user, mm.</summary>
        public float DepthTargetMm { get; internal set; }

        /// <summary>Needle depth measured from the actuator feedback, mm.</summary>
        public float DepthMeasuredMm { get; internal set; }

        /// <summary>Hard depth limit of the seated cartridge, mm (0 when none).</summary>
        public float DepthLimitMm { get; internal set; }

        /// <summary>Motor current, amps.</summary>
        public float MotorCurrentAmps { get; internal set; }

        /// <summary>Handpiece temperature, degrees Celsius.</summary>
        public float HandpieceCelsius { get; internal set; }

        /// <summary>Battery voltage, volts.</summary>
        public float BatteryVolts { get; internal set; }

        /// <summary>Continuous run time of the current run, seconds.</summary>
        public float RunSeconds { get; internal set; }

        /// <summary>Treatment time accumulated in this session (all runs), seconds.</summary>
        public float TreatmentSeconds { get; internal set; }

        /// <summary>Cartridge presence switch closed.</summary>
        public bool CartridgePresent { get; internal set; }

        /// <summary>Seated cartridge accepted for use.</summary>
        public bool CartridgeAccepted { get; internal set; }

        /// <summary>Needle count of the seated cartridge (0 when unknown).</summary>
        public int CartridgeNeedles { get; internal set; }

        /// <summary>Maximum depth of the seated cartridge type, mm (0 when unknown).</summary>
        public float CartridgeMaxDepthMm { get; internal set; }

        /// <summary>Control ticks run since boot.</summary>
        public uint TickCount { get; internal set; }

        /// <summary>Ticks that started later than one period after the previous one.</summary>
        public uint OverrunCount { get; internal set; }
    }
}
