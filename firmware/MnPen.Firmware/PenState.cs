namespace MnPen.Firmware
{
    /// <summary>
    /// States of the pen's control core. Fault and Lockout are entered only on the safety supervisor's word;
    /// every transition is made by PenFirmware and logged with its reason.
    /// </summary>
    public enum PenState
    {
        /// <summary>Power applied, nothing checked yet; the motor is held off.</summary>
        Boot = 0,
        /// <summary>Boot self-test and loading calibration/settings.</summary>
        SelfTest = 1,
        /// <summary>Healthy, no usable cartridge seated: the motor may not start.</summary>
        Idle = 2,
        /// <summary>Cartridge seated and accepted: start is allowed.</summary>
        Ready = 3,
        /// <summary>Start accepted: positioning and verifying depth before the motor may turn.</summary>
        Starting = 4,
        /// <summary>Motor turning under closed-loop rate control (soft-start ramp included).</summary>
        Running = 5,
        /// <summary>Motor commanded off, waiting for the cam to come to rest.</summary>
        Stopping = 6,
        /// <summary>A safety trip holds the motor off; acknowledge once the cause is gone.</summary>
        Fault = 7,
        /// <summary>A fault that cannot be cleared in the field (e.g. invalid calibration): service needed.</summary>
        Lockout = 8,
        /// <summary>Low-power wait after inactivity; any button wakes the pen.</summary>
        Sleep = 9,
        /// <summary>Power latch released; the pen is switching off.</summary>
        PowerOff = 10,
    }
}
