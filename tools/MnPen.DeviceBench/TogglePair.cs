using MnPen.DeviceTests.Fakes;
using MnPen.Hal;

namespace MnPen.DeviceBench
{
    /// <summary>
    /// The host side of the ESP32 scale factor: nanoFramework Home#1013 measured `while (true) led.Toggle();` at 81 kHz
    /// on an ESP32 (PSRAM image), 6.2 µs per loop turn. GPIO natives are stubs here, so the same loop runs with one call
    /// through the pin interface to a fake that flips its level.
    /// </summary>
    public static class TogglePair
    {
        /// <summary>Microseconds per loop turn over n turns.</summary>
        public static double MicrosPerTurn(int n)
        {
            IDigitalOutput led = new FakeOutput();
            bool level = false;
            for (int i = 0; i < 1000; i++)
            {
                level = !level;
                led.Write(level);
            }
            long t0 = System.DateTime.UtcNow.Ticks;
            for (int i = 0; i < n; i++)
            {
                level = !level;
                led.Write(level);
            }
            long t1 = System.DateTime.UtcNow.Ticks;
            return (t1 - t0) / 10.0 / n;
        }
    }
}
