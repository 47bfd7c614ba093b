using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>An input pin the test sets; edges are counted as the ESP32's GPIO driver counts them.</summary>
    public sealed class FakeInput : IDigitalInput
    {
        private bool _level;
        private uint _rising;
        private uint _falling;

        /// <summary>Creates the pin at a level (buttons and nFAULT idle high).</summary>
        public FakeInput(bool level)
        {
            _level = level;
        }

        /// <summary>Sets the level, counting the edge if it changed.</summary>
        public void Set(bool level)
        {
            if (level && !_level) _rising++;
            if (!level && _level) _falling++;
            _level = level;
        }

        /// <summary>Current level.</summary>
        public bool Read()
        {
            return _level;
        }

        /// <summary>Rising edges so far.</summary>
        public uint RisingEdges
        {
            get { return _rising; }
        }

        /// <summary>Falling edges so far.</summary>
        public uint FallingEdges
        {
            get { return _falling; }
        }
    }
}
