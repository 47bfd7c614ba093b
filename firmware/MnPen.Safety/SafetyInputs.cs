namespace MnPen.Safety
{
    /// <summary>
    /// What the safety supervisor sees each tick: sensor readings taken this tick, before the control core acts,
    /// plus what the control core is trying to do. The firmware fills one instance in place (no allocation).
    /// </summary>
    public sealed class SafetyInputs
    {
        /// <summary>Clock time of this tick, microseconds.</summary>
        public ulong NowMicros;

        /// <summary>Time the previous tick took to run, microseconds (for overrun detection).</summary>
        public int LastTickDurationMicros;

        /// <summary>Time between the start of this tick and the previous one, microseconds.</summary>
        public int TickIntervalMicros;

        /// <summary>Motor current, amps (calibrated).</summary>
        public float MotorCurrentAmps;

        /// <summary>Raw current-sense ADC counts.</summary>
        public int MotorCurrentRaw;

        /// <summary>H-bridge reports a fault (nFAULT asserted).</summary>
        public bool DriverFault;

        /// <summary>Driver enable line read back high.</summary>
        public bool DriverEnableReadBack;

        /// <summary>Duty the gate applied last tick (0..1).</summary>
        public float AppliedDuty;

        /// <summary>Supply voltage, volts, unfiltered (this tick's conversion; the supervisor applies its own persistence).</summary>
        public float BatteryVolts;

        /// <summary>Measured stroke rate, strokes/s (0 when no pulses).</summary>
        public float StrokeRate;

        /// <summary>Hall pulses counted since boot.</summary>
        public uint StrokeCount;

        /// <summary>Hardware time at which StrokeCount was latched, microseconds (0 = the tick's own time).</summary>
        public ulong StrokeSampleMicros;

        /// <summary>Cartridge presence switch closed.</summary>
        public bool CartridgePresent;

        /// <summary>Depth the actuator is commanded to, mm.</summary>
        public float DepthCommandMm;

        /// <summary>Depth measured from the actuator feedback, mm.</summary>
        public float DepthMeasuredMm;

        /// <summary>Raw depth feedback ADC counts (pot wiring check).</summary>
        public int DepthFeedbackRaw;

        /// <summary>Hard depth limit of the seated cartridge, mm (0 if unknown: nothing may run).</summary>
        public float DepthLimitMm;

        /// <summary>Raw thermistor ADC counts.</summary>
        public int ThermistorRaw;

        /// <summary>Handpiece temperature, degrees Celsius.</summary>
        public float HandpieceCelsius;

        /// <summary>Calibration loaded and validated.</summary>
        public bool CalibrationValid;

        /// <summary>Settings loaded and validated.</summary>
        public bool SettingsValid;

        /// <summary>The control core wants the motor turning (ramping, running or stopping with duty).</summary>
        public bool MotorCommanded;

        /// <summary>Stroke rate the control core is aiming for, strokes/s.</summary>
        public float TargetStrokeRate;

        /// <summary>Copies every field from another instance (no allocation).</summary>
        public void CopyFrom(SafetyInputs o)
        {
            NowMicros = o.NowMicros;
            LastTickDurationMicros = o.LastTickDurationMicros;
            TickIntervalMicros = o.TickIntervalMicros;
            MotorCurrentAmps = o.MotorCurrentAmps;
            MotorCurrentRaw = o.MotorCurrentRaw;
            DriverFault = o.DriverFault;
            DriverEnableReadBack = o.DriverEnableReadBack;
            AppliedDuty = o.AppliedDuty;
            BatteryVolts = o.BatteryVolts;
            StrokeRate = o.StrokeRate;
            StrokeCount = o.StrokeCount;
            StrokeSampleMicros = o.StrokeSampleMicros;
            CartridgePresent = o.CartridgePresent;
            DepthCommandMm = o.DepthCommandMm;
            DepthMeasuredMm = o.DepthMeasuredMm;
            DepthFeedbackRaw = o.DepthFeedbackRaw;
            DepthLimitMm = o.DepthLimitMm;
            ThermistorRaw = o.ThermistorRaw;
            HandpieceCelsius = o.HandpieceCelsius;
            CalibrationValid = o.CalibrationValid;
            SettingsValid = o.SettingsValid;
            MotorCommanded = o.MotorCommanded;
            TargetStrokeRate = o.TargetStrokeRate;
        }
    }
}
