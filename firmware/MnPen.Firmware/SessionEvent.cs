namespace MnPen.Firmware
{
    /// <summary>What the session rules ask the control core to do this tick.</summary>
    public enum SessionEvent
    {
        /// <summary>Nothing.</summary>
        None = 0,
        /// <summary>Continuous run time reached: stop the motor.</summary>
        MaxRunReached = 1,
        /// <summary>Treatment time for this session used up: stop and refuse starts until a new cartridge.</summary>
        TreatmentLimitReached = 2,
        /// <summary>Start button released in hold-to-run mode: stop.</summary>
        ButtonReleased = 3,
        /// <summary>No button or host activity while running: stop.</summary>
        InactivityStop = 6,
        /// <summary>No activity while stopped: go to sleep.</summary>
        InactivitySleep = 4,
        /// <summary>Asleep for long enough: switch off.</summary>
        InactivityPowerOff = 5,
    }
}
