namespace MnPen.Safety
{
    /// <summary>
    /// Every fault the pen can raise, one number each. Ranges: 0 none; 100-199 hard trips (motor cut and latched);
    /// 200-299 refusals (the pen will not start, nothing is latched); 300-399 limiting (the pen runs derated);
    /// 400-499 warnings (information only). Cause, remedy and clear policy of each code are in FaultCatalog;
    /// docs/faults.md and the protocol's fault table are generated from it.
    /// </summary>
    public enum FaultCode
    {
        /// <summary>No fault.</summary>
        None = 0,

        // 100-199 hard trips
        Overcurrent = 100,
        Overload = 101,
        DriverFault = 102,
        CartridgeRemoved = 103,
        CartridgeJam = 104,
        Overspeed = 105,
        DepthActuatorFault = 106,
        DepthAboveLimit = 107,
        OverTemperature = 108,
        UnderVoltage = 109,
        CurrentSensorImplausible = 110,
        ThermistorOpen = 111,
        ThermistorShort = 112,
        HallSensorSilent = 113,
        ControlLoopOverrun = 114,
        WatchdogReset = 115,
        CalibrationInvalid = 116,
        SettingsInvalid = 117,
        DriverEnableReadback = 118,
        CurrentOffsetOutOfRange = 119,
        ClockMismatch = 120,
        StorageCorrupt = 121,

        // 200-299 refusals
        CartridgeAbsent = 200,
        CartridgeReused = 201,
        CartridgeUnreadable = 202,
        DepthNotReached = 203,
        BatteryTooLowToStart = 204,

        // 300-399 limiting
        TemperatureDerating = 300,
        BatteryDerating = 301,

        // 400-499 warnings
        BatteryLow = 400,
        CalibrationDue = 401,
    }
}
