namespace MnPen.Storage
{
    /// <summary>Outcome of a storage write request.</summary>
    public enum StoreWriteResult
    {
        /// <summary>Written and read back intact.</summary>
        Ok = 0,
        /// <summary>Refused: the motor is running (writes wait until it stops).</summary>
        RefusedMotorRunning = 1,
        /// <summary>Refused: the data does not fit the record's reserved size.</summary>
        TooLarge = 2,
        /// <summary>The storage reported an error; the previous record is still the one loaded.</summary>
        StorageError = 3,
        /// <summary>Written but the read-back did not match; the previous record is still the one loaded.</summary>
        VerifyFailed = 4,
        /// <summary>Refused: the data failed validation (see the reason reported with it).</summary>
        Invalid = 5,
    }
}
