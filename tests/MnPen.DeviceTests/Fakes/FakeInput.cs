using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>An input pin the test sets; the firmware polls its level each tick.</summary>
    public sealed class FakeInput : IDigitalInput
    {
        private bool _level;

        /// <summary>Creates the pin at a level (buttons and nFAULT idle high).</summary>
        public FakeInput(bool level)
        {
            _level = level;
        }

        /// <summary>Sets the level.</summary>
        public void Set(bool level)
        {
            _level = level;
        }

        /// <summary>Current level.</summary>
        public bool Read()
        {
            return _level;
        }
    }
}
