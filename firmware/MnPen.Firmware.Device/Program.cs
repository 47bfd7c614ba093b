using System.Diagnostics;
using System.Threading;
using MnPen.Firmware;
using MnPen.Firmware.Link;
using MnPen.Hal;
using MnPen.Hal.Esp32;

namespace MnPen.Firmware.Device
{
    /// <summary>The pen application: ESP32 board + PenFirmware + protocol link, run by <see cref="DeviceLoop"/>.</summary>
    public static class Program
    {
        /// <summary>
        /// Software watchdog timeout. Background work (flash writes, 1-Wire) runs only while the motor is stopped and can
        /// take tens of milliseconds; a stall while the motor runs is caught sooner by the supervisor's overrun check.
        /// </summary>
        public const int WatchdogTimeoutMillis = 500;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
            PenBoard board = Esp32Board.Create();
            var firmware = new PenFirmware(board);
            firmware.Boot();
            var link = new PenLink(firmware, board);
            Debug.WriteLine("MnPen: booted, state " + ((int)firmware.State).ToString() + ", reset cause " + ((int)board.System.LastResetCause).ToString());

            board.Watchdog.Start(WatchdogTimeoutMillis);
            var loop = new DeviceLoop(firmware, link, board);
            loop.Run();
        }
    }
}
