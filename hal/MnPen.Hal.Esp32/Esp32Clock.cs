using nanoFramework.Hardware.Esp32;

namespace MnPen.Hal.Esp32
{
    /// <summary>Microsecond clock from the ESP32 high-resolution timer (esp_timer: 64-bit, since boot).</summary>
    public sealed class Esp32Clock : IClock
    {
        /// <summary>Microseconds since boot.</summary>
        public ulong NowMicros => HighResTimer.GetCurrent();
    }
}
