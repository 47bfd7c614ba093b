namespace MnPen.Hal.Esp32
{
    /// <summary>GPIO numbers and peripheral channels of the reference board (ESP32-S3-WROOM-1-N8R8); docs/hardware.md has the table.</summary>
    public static class PinMap
    {
        // ADC1 only: ADC2 is shared with the radio and has no guaranteed conversion time. ESP32-S3: ADC1 channel n = GPIO n+1,
        // and nanoFramework's AdcController numbers ADC1 channels 0..9 (ESP32_S3_DeviceMapping.cpp).
        /// <summary>DRV8876 IPROPI (0.91 V/A, 100 µs RC) on GPIO1: the supervisor's current.</summary>
        public const int AdcMotorCurrent = 0;
        /// <summary>
        /// The same IPROPI node through 100 kΩ into 150 nF (15 ms) on GPIO3: the rate loop's current, averaged over a stroke
        /// (docs/hardware.md, "Loop current"). GPIO3 was the red LED's; ADC1 has no other free pin.
        /// </summary>
        public const int AdcMotorCurrentMean = 2;
        /// <summary>Depth actuator feedback potentiometer on GPIO2.</summary>
        public const int AdcDepthFeedback = 1;
        /// <summary>Handpiece NTC divider on GPIO4.</summary>
        public const int AdcThermistor = 3;
        /// <summary>Battery divider (1/3) on GPIO5.</summary>
        public const int AdcBattery = 4;

        /// <summary>DRV8876 EN/IN1 (PH/EN mode): motor PWM, 20 kHz.</summary>
        public const int MotorPwm = 6;
        /// <summary>nSLEEP command: high = driver wanted; the hardware protective channel gates it (docs/hardware.md).</summary>
        public const int MotorEnable = 7;
        /// <summary>DRV8876 nFAULT, open drain, active low.</summary>
        public const int MotorFaultN = 8;
        /// <summary>Hall sensor into the pulse counter (PCNT): exact stroke count.</summary>
        public const int HallCount = 9;
        /// <summary>Depth actuator set-point PWM, 20 kHz, RC-filtered.</summary>
        public const int DepthDrive = 10;
        /// <summary>Piezo buzzer PWM, 2.7 kHz.</summary>
        public const int Buzzer = 11;
        /// <summary>Cartridge presence switch to ground (low = seated).</summary>
        public const int CartridgeSwitchN = 12;
        /// <summary>Buttons to ground, internal pull-ups.</summary>
        public const int ButtonStartN = 13, ButtonRateUpN = 14, ButtonRateDownN = 15, ButtonDepthUpN = 16, ButtonDepthDownN = 21;
        /// <summary>
        /// 1-Wire: nanoFramework's OneWireHost drives UART2 (NF_ONEWIRE_ESP32_UART_NUM = UART_NUM_2, the UART the COM3 name
        /// would open) and takes its pins from the serial pin map at index UART_NUM_2 - 1, the entry COM2_TX/COM2_RX set
        /// (nf-interpreter targets/ESP32/_nanoCLR/nanoFramework.Device.OneWire/..._OneWireHost.cpp, oneWireInit). TX and RX
        /// join the bus through the open-drain buffer. Nothing else may use UART2.
        /// </summary>
        public const int OneWireTx = 17, OneWireRx = 18;
        /// <summary>Host link: UART1 (COM2) to the USB-UART bridge behind the pen's USB hub (UART0 is the console, UART2 the 1-Wire).</summary>
        public const int HostTx = 39, HostRx = 40;
        /// <summary>COM port name of the host link (UART1).</summary>
        public const string HostPort = "COM2";
        /// <summary>Host link baud rate.</summary>
        public const int HostBaud = 921600;
        /// <summary>Power latch hold output (high keeps the pen on).</summary>
        public const int PowerHold = 41;
        /// <summary>Hardware channel's window watchdog (TPS3430) WDI: a falling edge every 30 ms while the driver is enabled.</summary>
        public const int WatchdogKick = 47;
        /// <summary>Gated nSLEEP net read back on its own input (an output pad's input buffer is off: it would read 0).</summary>
        public const int MotorEnableSense = 42;
        /// <summary>
        /// Status LEDs, active high. Red on GPIO45 (GPIO3 went to the loop current's ADC channel): a strapping pin that selects
        /// VDD_SPI (low = 3.3 V, the module's flash voltage); its reset pull-down and the LED to ground both hold it low.
        /// </summary>
        public const int LedGreen = 38, LedAmber = 48, LedRed = 45;

        /// <summary>PWM frequencies in hertz.</summary>
        public const int MotorPwmHz = 20000, DepthPwmHz = 20000, BuzzerHz = 2700;
    }
}
