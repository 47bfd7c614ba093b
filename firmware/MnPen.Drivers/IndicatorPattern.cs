namespace MnPen.Drivers
{
    /// <summary>Continuous LED/buzzer patterns, one per pen condition (see Indicator for the table).</summary>
    public enum IndicatorPattern
    {
        /// <summary>Everything off.</summary>
        Off = 0,
        /// <summary>Booting / self-test: amber steady.</summary>
        Booting = 1,
        /// <summary>Idle, no cartridge: amber slow blink.</summary>
        Idle = 2,
        /// <summary>Ready to start: green short blink every second.</summary>
        Ready = 3,
        /// <summary>Positioning depth before start: green fast blink.</summary>
        Starting = 4,
        /// <summary>Running: green steady.</summary>
        Running = 5,
        /// <summary>Stopping: green fast blink.</summary>
        Stopping = 6,
        /// <summary>Running derated (temperature or battery): green steady, amber blink.</summary>
        RunningDerated = 7,
        /// <summary>Ready with a warning pending (battery low, calibration due): green and amber alternate.</summary>
        ReadyWarning = 8,
        /// <summary>Hard trip (motor cut): red steady, three long beeps every 3 s.</summary>
        FaultTrip = 9,
        /// <summary>Lockout (service needed): red fast blink, one beep every 2 s.</summary>
        Lockout = 10,
        /// <summary>Sleeping: green blip every 3 s.</summary>
        Sleep = 11,
    }
}
