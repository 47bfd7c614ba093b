using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>Microsecond clock from the ESP32 high-resolution timer (esp_timer: 64-bit, since boot).</summary>
    public sealed class Esp32Clock : IClock
    {
        /// <summary>Microseconds since boot.</summary>
        public ulong NowMicros => HighResTimer.GetCurrent();

        /// <summary>Sleeps the calling thread, rounded up to whole milliseconds (the scheduler's grain).</summary>
        public void Delay(int micros)
        {
            if (micros <= 0) return;
            Thread.Sleep((micros + 999) / 1000);
        }
    }
}
