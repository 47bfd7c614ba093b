namespace MnPen.Storage
{
    /// <summary>
    /// A pen's calibration as measured by a technician: rate feed-forward, control gains, depth map and
    /// current-sense, thermistor and battery scaling. Arrays are parallel tables, sorted ascending by their first column.
    /// </summary>
    public sealed class Calibration
    {
        /// <summary>Feed-forward table: stroke rates (strokes/s) at which duty was measured, ascending.</summary>
        public float[] FeedForwardRates { get; set; }

        /// <summary>Feed-forward table: PWM duty (0..1) that held each rate in air at nominal supply.</summary>
        public float[] FeedForwardDuties { get; set; }

        /// <summary>Supply voltage (V) at which the feed-forward table was measured; duty is scaled by it.</summary>
        public float FeedForwardSupplyVolts { get; set; }

        /// <summary>Rate loop proportional gain (duty per stroke/s of error).</summary>
        public float RateKp { get; set; }

        /// <summary>Rate loop integral gain (duty per stroke/s of error per second).</summary>
        public float RateKi { get; set; }

        /// <summary>Depth map: needle depths (mm), ascending.</summary>
        public float[] DepthMm { get; set; }

        /// <summary>Depth map: actuator drive duty (0..1) that puts the needle at each depth.</summary>
        public float[] DepthDrive { get; set; }

        /// <summary>Depth map: feedback ADC counts read at each depth.</summary>
        public int[] DepthFeedbackCounts { get; set; }

        /// <summary>Current-sense ADC counts at zero current.</summary>
        public int CurrentOffsetCounts { get; set; }

        /// <summary>Current-sense gain in milliamps per ADC count.</summary>
        public float CurrentMilliampsPerCount { get; set; }

        /// <summary>
        /// Thermistor channel: the counts this pen's ADC would read for the 3.3 V pull-up rail (the NTC divider's
        /// ratiometric denominator), fitted at production against a reference thermometer.
        /// </summary>
        public float ThermistorRailCounts { get; set; }

        /// <summary>Battery channel: battery millivolts per ADC count (divider and this pen's ADC), fitted against a voltmeter.</summary>
        public float BatteryMillivoltsPerCount { get; set; }

        /// <summary>
        /// True once the thermistor and battery coefficients were measured on this pen; false for a record migrated from
        /// a schema without them (it carries the conservative defaults of SensingDefaults and needs calibration).
        /// </summary>
        public bool SensingCalibrated { get; set; }

        /// <summary>This pen's motor terminal resistance, ohms, measured with the rotor held (V / I); nominal on older records.</summary>
        public float MotorResistanceOhms { get; set; }

        /// <summary>This pen's motor back-EMF constant, V·s/rad, measured spinning free (EMF / speed); nominal on older records.</summary>
        public float MotorBackEmfVoltSecondsPerRad { get; set; }

        /// <summary>
        /// True once the motor constants were measured on this pen; false for a record migrated from a schema without them
        /// (it carries MotorDefaults' nominal values, which is how every pen ran before).
        /// </summary>
        public bool MotorCalibrated { get; set; }

        /// <summary>Pen serial number.</summary>
        public string SerialNumber { get; set; }

        /// <summary>Calibration date, days since 2000-01-01 (UTC).</summary>
        public int CalibratedOnDay { get; set; }

        /// <summary>Next calibration due, days since 2000-01-01 (UTC).</summary>
        public int NextDueDay { get; set; }

        /// <summary>Technician who calibrated the pen.</summary>
        public string TechnicianId { get; set; }
    }
}
