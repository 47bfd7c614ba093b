namespace MnPen.Firmware
{
    /// <summary>Why the control core changed state (logged with every transition).</summary>
    public enum TransitionReason
    {
        /// <summary>Power-up.</summary>
        PowerUp = 0,
        /// <summary>Self-test passed.</summary>
        SelfTestPassed = 1,
        /// <summary>Self-test or configuration load failed.</summary>
        SelfTestFailed = 2,
        /// <summary>Cartridge seated and accepted.</summary>
        CartridgeAccepted = 3,
        /// <summary>Cartridge removed or rejected.</summary>
        CartridgeGone = 4,
        /// <summary>Start requested (button or host).</summary>
        StartRequested = 5,
        /// <summary>Depth reached and verified: motor allowed.</summary>
        DepthVerified = 6,
        /// <summary>Depth not reached in time: start abandoned.</summary>
        DepthTimeout = 7,
        /// <summary>Stop requested (button or host).</summary>
        StopRequested = 8,
        /// <summary>Motor came to rest.</summary>
        MotorStopped = 9,
        /// <summary>Safety supervisor tripped.</summary>
        SafetyTrip = 10,
        /// <summary>Fault acknowledged and cleared.</summary>
        FaultCleared = 11,
        /// <summary>Maximum continuous run time reached.</summary>
        MaxRunTime = 12,
        /// <summary>Treatment time used up.</summary>
        TreatmentTime = 13,
        /// <summary>Start button released in hold-to-run mode.</summary>
        ButtonReleased = 14,
        /// <summary>No activity: sleeping.</summary>
        Inactivity = 15,
        /// <summary>Woken by a button or host command.</summary>
        Wake = 16,
        /// <summary>Switching off.</summary>
        PowerOff = 17,
    }
}
