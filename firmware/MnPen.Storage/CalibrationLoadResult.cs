namespace MnPen.Storage
{
    /// <summary>What loading the calibration found: status, a reason a technician can act on, and the calibration if valid.</summary>
    public sealed class CalibrationLoadResult
    {
        /// <summary>Creates a result.</summary>
        public CalibrationLoadResult(CalibrationStatus status, string reason, Calibration calibration, int storedVersion)
        {
            Status = status;
            Reason = reason;
            Calibration = calibration;
            StoredVersion = storedVersion;
        }

        /// <summary>Overall outcome.</summary>
        public CalibrationStatus Status { get; private set; }

        /// <summary>Why it is not valid, and what to do (empty when valid).</summary>
        public string Reason { get; private set; }

        /// <summary>The calibration, only when Status is Valid; never a stand-in.</summary>
        public Calibration Calibration { get; private set; }

        /// <summary>Schema version found in storage (0 if none); less than current means it was migrated on load.</summary>
        public int StoredVersion { get; private set; }

        /// <summary>Reason given to a valid calibration whose thermistor and battery coefficients were never measured.</summary>
        public const string NeedsSensingText = "needs calibration: thermistor and battery sensing use conservative defaults (record from an older schema); run mnpen calibrate thermistor and battery";

        /// <summary>True when the calibration is usable but its sensing coefficients are the conservative defaults.</summary>
        public bool NeedsSensingCalibration
        {
            get { return Calibration != null && !Calibration.SensingCalibrated; }
        }

        /// <summary>True when the pen may run on this calibration.</summary>
        public bool IsValid
        {
            get { return Status == CalibrationStatus.Valid; }
        }
    }
}
