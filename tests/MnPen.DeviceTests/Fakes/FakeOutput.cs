using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>An output pin whose level reads back as written.</summary>
    public sealed class FakeOutput : IDigitalOutput
    {
        /// <summary>Last level written.</summary>
        public bool Level;

        /// <summary>Drives the pin.</summary>
        public void Write(bool high) { Level = high; }

        /// <summary>Reads the pin back.</summary>
        public bool ReadBack() { return Level; }
    }
}
