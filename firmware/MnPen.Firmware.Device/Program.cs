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
        /// <summary>Entry point.</summary>
        public static void Main()
        {
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
            PenBoard board = Esp32Board.Create();
            var firmware = new PenFirmware(board);
            firmware.Boot();
            var link = new PenLink(firmware, board);
            Debug.WriteLine("MnPen: booted, state " + ((int)firmware.State).ToString() + ", reset cause " + ((int)board.System.LastResetCause).ToString());

            // The watchdogs stay disabled until the loop runs (DeviceLoop arms them after its first tick).
            var loop = new DeviceLoop(firmware, link, board);
            loop.Run();
        }
    }
}
