namespace MnPen.Safety
{
    /// <summary>
    /// Every fault the pen can raise, one number each. Ranges: 0 none; 100-199 hard trips (motor cut and latched);
    /// 200-299 refusals (the pen will not start, nothing is latched); 300-399 limiting (the pen runs derated);
    /// 400-499 warnings (information only). Cause, remedy and clear policy of each code are in FaultCatalog;
    /// docs/faults.md and the protocol's fault table are generated from it. Numbers are part of the protocol: never reuse one.
    /// </summary>
    public enum FaultCode
    {
        /// <summary>No fault.</summary>
        None = 0,

        // 100-199 hard trips
        /// <summary>Motor current above the instantaneous limit.</summary>
        Overcurrent = 100,
        /// <summary>Motor current above its continuous rating for too long (I²t).</summary>
        Overload = 101,
        /// <summary>The H-bridge reported a fault on nFAULT.</summary>
        DriverFault = 102,
        /// <summary>Cartridge removed while the motor was driven.</summary>
        CartridgeRemoved = 103,
        /// <summary>Duty applied with no strokes and high current: the mechanism is jammed.</summary>
        CartridgeJam = 104,
        /// <summary>Stroke rate above the absolute or commanded limit.</summary>
        Overspeed = 105,
        /// <summary>Depth actuator does not follow its command, or its feedback is out of range.</summary>
        DepthActuatorFault = 106,
        /// <summary>Needle depth commanded or measured above the cartridge's limit.</summary>
        DepthAboveLimit = 107,
        /// <summary>Handpiece temperature at the skin-contact limit.</summary>
        OverTemperature = 108,
        /// <summary>Battery voltage below the brown-out threshold.</summary>
        UnderVoltage = 109,
        /// <summary>Motor current reads zero while the motor is driven.</summary>
        CurrentSensorImplausible = 110,
        /// <summary>Thermistor reads open circuit.</summary>
        ThermistorOpen = 111,
        /// <summary>Thermistor reads short circuit.</summary>
        ThermistorShort = 112,
        /// <summary>Duty applied with no hall pulses but normal current: the stroke sensor is silent.</summary>
        HallSensorSilent = 113,
        /// <summary>The control loop missed its period.</summary>
        ControlLoopOverrun = 114,
        /// <summary>The last restart was caused by the watchdog.</summary>
        WatchdogReset = 115,
        /// <summary>Calibration missing or failed validation.</summary>
        CalibrationInvalid = 116,
        /// <summary>Settings missing or failed validation.</summary>
        SettingsInvalid = 117,
        /// <summary>Driver enable line does not read back as driven.</summary>
        DriverEnableReadback = 118,
        /// <summary>Current-sense reading at rest is outside its offset band.</summary>
        CurrentOffsetOutOfRange = 119,
        /// <summary>Control-tick timer and microsecond clock disagree.</summary>
        ClockMismatch = 120,
        /// <summary>A stored record failed its CRC.</summary>
        StorageCorrupt = 121,
        /// <summary>Battery voltage reading is outside what a 2S pack can show.</summary>
        BatterySenseImplausible = 122,
        /// <summary>The hardware protective channel cut the motor driver while the firmware was driving it.</summary>
        HardwareChannelCut = 129,
        /// <summary>Hall pulses counted disagree with the strokes the motor's back-EMF implies: the stroke sensor misses or adds pulses.</summary>
        StrokeSensorImplausible = 130,

        // 200-299 refusals
        /// <summary>No cartridge seated at start.</summary>
        CartridgeAbsent = 200,
        /// <summary>The seated cartridge has been used up.</summary>
        CartridgeReused = 201,
        /// <summary>The cartridge's ID memory could not be read.</summary>
        CartridgeUnreadable = 202,
        /// <summary>The needle depth has not settled at its set-point.</summary>
        DepthNotReached = 203,
        /// <summary>Battery too low to start a session.</summary>
        BatteryTooLowToStart = 204,
        /// <summary>A latched fault is waiting to be cleared.</summary>
        FaultPending = 205,
        /// <summary>Start-up self-test has not completed.</summary>
        SelfTestPending = 206,
        /// <summary>The cartridge's needles at the set depth need more force than the drive can give.</summary>
        CartridgeTooHeavy = 207,

        // 300-399 limiting
        /// <summary>Handpiece warm: motor duty is limited.</summary>
        TemperatureDerating = 300,
        /// <summary>Battery low: motor duty is limited.</summary>
        BatteryDerating = 301,

        // 400-499 warnings
        /// <summary>Battery low: charge soon.</summary>
        BatteryLow = 400,
        /// <summary>Calibration is older than its service interval.</summary>
        CalibrationDue = 401,
        /// <summary>The last restart was caused by a supply brown-out.</summary>
        BrownOutReset = 402,
    }
}
