namespace MnPen.Hal
{
    /// <summary>
    /// The pen's hardware, by function: one HAL primitive per signal of the reference board (docs/hardware.md).
    /// The ESP32 board and the simulator each fill one in; the firmware only ever sees this.
    /// </summary>
    public sealed class PenBoard
    {
        /// <summary>Monotonic microsecond clock.</summary>
        public IClock Clock { get; set; }

        /// <summary>H-bridge PWM input (duty = average motor voltage / supply).</summary>
        public IPwmChannel MotorPwm { get; set; }

        /// <summary>H-bridge enable / nSLEEP line: high = driver enabled. Low puts the bridge in high-impedance sleep.</summary>
        public IDigitalOutput MotorEnable { get; set; }

        /// <summary>Gated nSLEEP net read back on its own input: high only while the firmware asks and the hardware protective channel allows.</summary>
        public IDigitalInput MotorEnableSense { get; set; }

        /// <summary>WDI of the hardware channel's window watchdog: a falling edge kicks it (inside its window while the driver is enabled).</summary>
        public IDigitalOutput SafetyWatchdogKick { get; set; }

        /// <summary>H-bridge nFAULT line, active low: reads false while the driver reports overcurrent or overtemperature.</summary>
        public IDigitalInput MotorFaultN { get; set; }

        /// <summary>H-bridge current-sense output (IPROPI across a resistor) into the ADC.</summary>
        public IAdcChannel MotorCurrent { get; set; }

        /// <summary>The same IPROPI node through a 15 ms RC into its own ADC pin: the current averaged over a stroke, for the rate loop (null on a board without it).</summary>
        public IAdcChannel MotorCurrentMean { get; set; }

        /// <summary>Hall sensor on the cam: one pulse per revolution, which is one needle stroke.</summary>
        public IPulseCounter StrokeCounter { get; set; }

        /// <summary>Depth actuator set-point (filtered PWM; duty 0..1 spans the actuator's travel).</summary>
        public IPwmChannel DepthDrive { get; set; }

        /// <summary>Depth actuator feedback potentiometer into the ADC.</summary>
        public IAdcChannel DepthFeedback { get; set; }

        /// <summary>Handpiece NTC thermistor divider into the ADC.</summary>
        public IAdcChannel Thermistor { get; set; }

        /// <summary>Battery voltage divider into the ADC.</summary>
        public IAdcChannel BatteryVoltage { get; set; }

        /// <summary>Cartridge presence switch: reads true while a cartridge is seated.</summary>
        public IDigitalInput CartridgePresent { get; set; }

        /// <summary>1-Wire bus to the cartridge's ID memory.</summary>
        public IOneWireBus CartridgeBus { get; set; }

        /// <summary>Start/stop button, active low (reads false while pressed).</summary>
        public IDigitalInput ButtonStartN { get; set; }

        /// <summary>Stroke-rate up button, active low.</summary>
        public IDigitalInput ButtonRateUpN { get; set; }

        /// <summary>Stroke-rate down button, active low.</summary>
        public IDigitalInput ButtonRateDownN { get; set; }

        /// <summary>Depth up button, active low.</summary>
        public IDigitalInput ButtonDepthUpN { get; set; }

        /// <summary>Depth down button, active low.</summary>
        public IDigitalInput ButtonDepthDownN { get; set; }

        /// <summary>Green status LED, active high.</summary>
        public IDigitalOutput LedGreen { get; set; }

        /// <summary>Amber status LED, active high.</summary>
        public IDigitalOutput LedAmber { get; set; }

        /// <summary>Red status LED, active high.</summary>
        public IDigitalOutput LedRed { get; set; }

        /// <summary>Piezo buzzer (driven with a fixed-frequency PWM; duty 0 = silent).</summary>
        public IPwmChannel Buzzer { get; set; }

        /// <summary>Non-volatile storage for calibration, settings, event log and cartridge usage.</summary>
        public INonVolatileStorage Storage { get; set; }

        /// <summary>USB serial port to the host tools.</summary>
        public ISerialPort Serial { get; set; }

        /// <summary>Hardware watchdog.</summary>
        public IWatchdog Watchdog { get; set; }

        /// <summary>Reset cause, reboot and the power latch.</summary>
        public ISystemControl System { get; set; }

        /// <summary>Hardware random number generator (service-unlock nonces).</summary>
        public IRandomSource Random { get; set; }

        /// <summary>
        /// A board with the same devices, whose entries can then be replaced one by one (a test or bench firmware's
        /// view of the pen) without changing this board, and that still holds every device added here later.
        /// </summary>
        public PenBoard Copy() => (PenBoard)MemberwiseClone();
    }
}
