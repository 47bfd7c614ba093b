namespace MnPen.Storage
{
    /// <summary>Whether the pen holds a usable calibration; anything but Valid makes the pre-run checks refuse to run.</summary>
    public enum CalibrationStatus
    {
        /// <summary>Loaded, decoded and within every limit.</summary>
        Valid = 0,
        /// <summary>Never written: the pen has not been calibrated.</summary>
        Missing = 1,
        /// <summary>Stored bytes fail their checks in both slots.</summary>
        Corrupt = 2,
        /// <summary>Decoded but a value is out of range or a table is not monotonic.</summary>
        Invalid = 3,
        /// <summary>Written by a newer firmware in a schema this one does not know.</summary>
        UnknownVersion = 4,
    }
}
