namespace MnPen.Hal
{
    /// <summary>A PWM output with settable frequency and duty cycle.</summary>
    public interface IPwmChannel
    {
        /// <summary>PWM frequency in hertz.</summary>
        int FrequencyHz { get; set; }

        /// <summary>Duty cycle as a fraction 0..1; values outside are clamped by the implementation.</summary>
        float Duty { get; set; }

        /// <summary>True while the channel is generating its waveform.</summary>
        bool Running { get; }

        /// <summary>Starts the waveform at the current duty.</summary>
        void Start();

        /// <summary>Stops the waveform; the pin idles low.</summary>
        void Stop();
    }
}
