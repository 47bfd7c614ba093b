using System.Device.Adc;
using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>Builds the <see cref="PenBoard"/> of the reference board (docs/hardware.md) on nanoFramework's ESP32-S3 APIs.</summary>
    public static class Esp32Board
    {
        /// <summary>Folder on I:\ for the pen's files.</summary>
        public const string StorageFolder = "mnpen";

        /// <summary>
        /// Opens every peripheral. Outputs that can move the needle come up in their safe state first (driver asleep,
        /// PWMs stopped at duty 0) so nothing runs before the firmware decides to.
        /// </summary>
        public static PenBoard Create()
        {
            var gpio = new GpioController();
            var adc = new AdcController();

            var motorEnable = new Esp32DigitalOutput(gpio, PinMap.MotorEnable, false);
            var motorPwm = new Esp32PwmChannel(PinMap.MotorPwm, DeviceFunction.PWM1, PinMap.MotorPwmHz);
            var depthDrive = new Esp32PwmChannel(PinMap.DepthDrive, DeviceFunction.PWM2, PinMap.DepthPwmHz);
            var buzzer = new Esp32PwmChannel(PinMap.Buzzer, DeviceFunction.PWM3, PinMap.BuzzerHz);
            var powerHold = new Esp32DigitalOutput(gpio, PinMap.PowerHold, true);

            var storage = new Esp32FileStorage(StorageFolder);
            var marker = new ResetMarker(storage);

            var board = new PenBoard();
            board.Clock = new Esp32Clock();
            board.MotorEnable = motorEnable;
            // Pull-down: the gated net reads low (driver asleep) if the gate's output is lost.
            board.MotorEnableSense = new Esp32DigitalInput(gpio, PinMap.MotorEnableSense, PinMode.InputPullDown, false);
            // The window watchdog is enabled by the nSLEEP command in hardware; WDI idles low (the kicker raises it first).
            board.SafetyWatchdogKick = new Esp32DigitalOutput(gpio, PinMap.WatchdogKick, false);
            board.MotorPwm = motorPwm;
            board.MotorFaultN = new Esp32DigitalInput(gpio, PinMap.MotorFaultN, PinMode.InputPullUp, false);
            board.MotorCurrent = new Esp32AdcChannel(adc, PinMap.AdcMotorCurrent);
            board.MotorCurrentMean = new Esp32AdcChannel(adc, PinMap.AdcMotorCurrentMean);
            board.StrokeCounter = new Esp32PulseCounter(PinMap.HallCount);
            board.DepthDrive = depthDrive;
            board.DepthFeedback = new Esp32AdcChannel(adc, PinMap.AdcDepthFeedback);
            board.Thermistor = new Esp32AdcChannel(adc, PinMap.AdcThermistor);
            board.BatteryVoltage = new Esp32AdcChannel(adc, PinMap.AdcBattery);
            // The presence switch closes to ground when a cartridge is seated: report the logical "present".
            board.CartridgePresent = new Esp32DigitalInput(gpio, PinMap.CartridgeSwitchN, PinMode.InputPullUp, true);
            board.CartridgeBus = new Esp32OneWireBus(PinMap.OneWireTx, PinMap.OneWireRx);
            board.ButtonStartN = new Esp32DigitalInput(gpio, PinMap.ButtonStartN, PinMode.InputPullUp, false);
            board.ButtonRateUpN = new Esp32DigitalInput(gpio, PinMap.ButtonRateUpN, PinMode.InputPullUp, false);
            board.ButtonRateDownN = new Esp32DigitalInput(gpio, PinMap.ButtonRateDownN, PinMode.InputPullUp, false);
            board.ButtonDepthUpN = new Esp32DigitalInput(gpio, PinMap.ButtonDepthUpN, PinMode.InputPullUp, false);
            board.ButtonDepthDownN = new Esp32DigitalInput(gpio, PinMap.ButtonDepthDownN, PinMode.InputPullUp, false);
            board.LedGreen = new Esp32DigitalOutput(gpio, PinMap.LedGreen, false);
            board.LedAmber = new Esp32DigitalOutput(gpio, PinMap.LedAmber, false);
            board.LedRed = new Esp32DigitalOutput(gpio, PinMap.LedRed, false);
            board.Buzzer = buzzer;
            board.Storage = storage;
            // After the 1-Wire host has read its pins from the COM2 entry: the host link now maps its own pins there and
            // opens UART1 (COM2) with them; the 1-Wire keeps UART2 on the pins it already configured.
            board.Serial = new Esp32SerialPort(PinMap.HostPort, PinMap.HostTx, PinMap.HostRx, PinMap.HostBaud,
                DeviceFunction.COM2_TX, DeviceFunction.COM2_RX, board.Clock);
            board.Watchdog = new Esp32Watchdog(marker, motorEnable, motorPwm);
            board.System = new Esp32SystemControl(marker, powerHold);
            board.Random = new Esp32RandomSource();
            return board;
        }
    }
}
