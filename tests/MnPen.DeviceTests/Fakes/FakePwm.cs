using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>A PWM channel that only remembers what it was told.</summary>
    public sealed class FakePwm : IPwmChannel
    {
        private float _duty;

        /// <summary>Frequency, Hz.</summary>
        public int FrequencyHz { get; set; }

        /// <summary>Duty 0..1 (clamped).</summary>
        public float Duty
        {
            get { return _duty; }
            set { _duty = value < 0f ? 0f : value > 1f ? 1f : value; }
        }

        /// <summary>True while started.</summary>
        public bool Running { get; private set; }

        /// <summary>Starts the waveform.</summary>
        public void Start() { Running = true; }

        /// <summary>Stops the waveform.</summary>
        public void Stop() { Running = false; }
    }
}
